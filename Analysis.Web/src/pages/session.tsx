import { useEffect, useState } from "preact/hooks";
import { ApiError, watchStatus, type SessionStatus } from "../api/client";

/** A session's live status, followed by long polling with its ETag. */
export function SessionPage({ id, onUnauthorized }: { id: string; onUnauthorized: () => void }) {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      watchStatus(id, setStatus, (e) => {
        if (e instanceof ApiError && e.status === 401) onUnauthorized();
        setError(e.message);
      }),
    [id],
  );

  if (error) {
    return (
      <>
        <h1>Session</h1>
        <p class="error" role="alert">
          {error}
        </p>
      </>
    );
  }

  if (!status) return <p role="status">Loading…</p>;
  const summary = status.summary;
  return (
    <>
      <h1>{summary.name || "Session"}</h1>
      <p role="status">
        Status: <strong>{status.status}</strong>
        {summary.progress && ` — ${summary.progress.completed} of ${summary.progress.total} analyses done`}
      </p>
      {summary.progress && <progress max={summary.progress.total} value={summary.progress.completed} aria-label="Progress" />}
      {summary.highlights && summary.highlights.length > 0 && (
        <ul class="highlights">
          {summary.highlights.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      )}
    </>
  );
}
