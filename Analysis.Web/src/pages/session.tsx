import { useEffect, useState } from "preact/hooks";
import { cancelSession, deleteSession, getResults, watchStatus, type SessionStatus } from "../api/client";
import type { AnalysisResult } from "../analyses";
import { toCsv } from "../results";
import { followInApp, navigate } from "../router";
import { isActive } from "../status";
import { ResultsView } from "./results-view";

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A session's live status (long polling with its ETag), its results when complete, cancel and delete. */
export function SessionPage({ id }: { id: string }) {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [results, setResults] = useState<AnalysisResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [watch, setWatch] = useState(0);

  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  useEffect(() => watchStatus(id, setStatus, fail), [id, watch]);

  useEffect(() => {
    if (status?.status === "completed" && !results) getResults(id).then((r) => setResults(r.results), fail);
  }, [status?.status]);

  async function cancel() {
    if (!window.confirm("Cancel this session? Analyses not yet done will not run.")) return;
    try {
      await cancelSession(id);
      setWatch(watch + 1);
    } catch (e) {
      fail(e);
    }
  }

  async function remove() {
    if (!window.confirm("Delete this session with its dataset and results? This cannot be undone.")) return;
    try {
      await deleteSession(id);
      navigate("/");
    } catch (e) {
      fail(e);
    }
  }

  if (error) {
    return (
      <>
        <h1>Session</h1>
        <p class="error" role="alert">
          {error}
        </p>
        <p>
          <a href="/" onClick={followInApp}>
            Back to your sessions
          </a>
        </p>
      </>
    );
  }

  if (!status) return <p role="status">Loading…</p>;
  const summary = status.summary;
  const name = summary.name || "Session";
  return (
    <>
      <h1>{name}</h1>
      <p role="status">
        Status: <strong>{status.status}</strong>
        {summary.progress && ` — ${summary.progress.completed} of ${summary.progress.total} analyses done`}
      </p>
      {summary.progress && <progress max={summary.progress.total} value={summary.progress.completed} aria-label="Progress" />}
      <div class="actions">
        {isActive(status.status) && (
          <button type="button" class="secondary" onClick={cancel}>
            Cancel session
          </button>
        )}{" "}
        <button type="button" class="secondary" onClick={remove}>
          Delete session
        </button>{" "}
        {results && (
          <>
            <button type="button" class="secondary" onClick={() => download(`${name}.json`, "application/json", JSON.stringify(results, null, 2))}>
              Download JSON
            </button>{" "}
            <button type="button" class="secondary" onClick={() => download(`${name}.csv`, "text/csv", toCsv(results))}>
              Download CSV
            </button>
          </>
        )}
      </div>
      {results ? <ResultsView results={results} sessionId={id} /> : summary.highlights && summary.highlights.length > 0 && (
        <ul class="highlights">
          {summary.highlights.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      )}
    </>
  );
}
