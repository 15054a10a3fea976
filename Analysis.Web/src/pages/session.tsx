import { useEffect, useRef, useState } from "preact/hooks";
import { cancelSession, deleteSession, getDataset, getDatasetCsv, getResults, getSession, getSessionReport, getSessionScript, watchStatus, type DatasetDetails, type SessionDetails, type SessionStatus } from "../api/client";
import { prefill, type AnalysisResult } from "../analyses";
import { planColumns } from "../columns";
import { download } from "../download";
import { toCsv } from "../results";
import { followInApp, navigate } from "../router";
import { isActive } from "../status";
import { PlanBuilder } from "./plan-builder";
import { ResultsView } from "./results-view";

const count = new Intl.NumberFormat("en");

/**
 * A session's live status (long polling with its ETag), its results when complete, cancel and delete; its dataset,
 * and another plan on that dataset, starting from this session's plan.
 */
export function SessionPage({ id }: { id: string }) {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [results, setResults] = useState<AnalysisResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [watch, setWatch] = useState(0);
  const [origin, setOrigin] = useState<{ session: SessionDetails; dataset: DatasetDetails["dataset"] } | null>(null);
  const [originError, setOriginError] = useState<string | null>(null);
  const [planning, setPlanning] = useState(false);
  const planHeading = useRef<HTMLHeadingElement>(null);

  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  useEffect(() => watchStatus(id, setStatus, fail), [id, watch]);

  // The plan and the dataset do not change: read once. Without them the page still follows the session.
  useEffect(() => {
    let current = true;
    getSession(id)
      .then(async (session) => {
        const { dataset } = await getDataset(session.datasetId!);
        if (current) setOrigin({ session, dataset });
      })
      .catch((e: unknown) => current && setOriginError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [id]);

  useEffect(() => {
    if (planning) planHeading.current?.focus();
  }, [planning]);

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

  async function saveReport() {
    try {
      download(`${name}.html`, await getSessionReport(id), "text/html");
    } catch (e) {
      fail(e);
    }
  }

  async function saveScript() {
    try {
      download(`${name}.R`, await getSessionScript(id), "text/plain");
    } catch (e) {
      fail(e);
    }
  }

  async function saveDatasetCsv() {
    if (!origin) return;
    try {
      // The script reads this file by this name when it is given none.
      download(`${origin.dataset.name || `dataset-${origin.dataset.datasetId}`}.csv`, await getDatasetCsv(origin.dataset.datasetId), "text/csv");
    } catch (e) {
      fail(e);
    }
  }

  async function remove() {
    // A session of an upload of its own (stored under the session's id) takes its dataset with it; one created on a
    // stored dataset leaves the dataset for other plans.
    const own = origin === null || origin.session.datasetId === id;
    if (!window.confirm(own ? "Delete this session with its dataset and results? This cannot be undone." : "Delete this session and its results? Its dataset stays. This cannot be undone.")) return;
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

  if (!status) {
    return (
      <>
        <h1>Session</h1>
        <p role="status">Loading…</p>
      </>
    );
  }
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
      {origin && (
        <p>
          Dataset:{" "}
          <a href={`/datasets/${origin.dataset.datasetId}`} onClick={followInApp}>
            {origin.dataset.name || "(unnamed dataset)"}
          </a>{" "}
          ({count.format(origin.dataset.rows)} rows × {count.format(origin.dataset.columns.length)} columns)
        </p>
      )}
      {originError && <p class="error">The session's plan and dataset could not be read: {originError}</p>}
      <div class="actions">
        {isActive(status.status) && (
          <button type="button" class="secondary" onClick={cancel}>
            Cancel session
          </button>
        )}{" "}
        <button type="button" class="secondary" onClick={remove}>
          Delete session
        </button>{" "}
        {origin && (
          <>
            <button type="button" class="secondary" aria-expanded={planning} aria-controls="another-plan" onClick={() => setPlanning(!planning)}>
              Run another plan on this dataset
            </button>{" "}
          </>
        )}
        {results && (
          <>
            <button type="button" class="secondary" onClick={() => download(`${name}.json`, JSON.stringify(results, null, 2), "application/json")}>
              Download JSON
            </button>{" "}
            <button type="button" class="secondary" onClick={() => download(`${name}.csv`, toCsv(results), "text/csv")}>
              Download CSV
            </button>{" "}
            <button type="button" class="secondary" onClick={saveReport} title="One page to keep or print: APA tables and sentences, warnings and R calls">
              Report
            </button>{" "}
            <button type="button" class="secondary" onClick={saveScript} title="A base-R script that recomputes every analysis and checks each number">
              R script
            </button>
          </>
        )}
        {origin && (
          <>
            {" "}
            <button type="button" class="secondary" onClick={saveDatasetCsv}>
              Dataset (CSV)
            </button>
          </>
        )}
      </div>
      <section id="another-plan" aria-labelledby="another-plan-heading" hidden={!planning}>
        <h2 id="another-plan-heading" ref={planHeading} tabIndex={-1}>
          Another plan on {origin?.dataset.name || "this dataset"}
        </h2>
        <p class="help">This session's plan to start from: change it, then run it as a new session on the same dataset.</p>
        {planning && origin && (
          <PlanBuilder
            source={{ datasetId: origin.dataset.datasetId }}
            columns={planColumns(origin.dataset.columns)}
            name={origin.session.name ?? ""}
            plan={origin.session.analyses.map(prefill)}
          />
        )}
      </section>
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
