import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, deleteDataset, getDataset, getDatasetCsv, listSessions, type DatasetDetails, type SessionList } from "../api/client";
import { planColumns } from "../columns";
import { download } from "../download";
import { formatBytes, formatName } from "../format";
import { describeNaStrings } from "../na-strings";
import { followInApp, navigate } from "../router";
import { Scroller } from "../scroller";
import { ColumnCharts } from "./column-charts";
import { PlanBuilder } from "./plan-builder";
import { Pager } from "../pager";
import { ColumnTables } from "../column-tables";

const SESSIONS_PAGE = 20;
const count = new Intl.NumberFormat("en");

/** A stored dataset: its facts, its columns with a chart of each, its sessions, a new plan on it, its CSV, delete. */
export function DatasetPage({ id }: { id: string }) {
  const [details, setDetails] = useState<DatasetDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [planning, setPlanning] = useState(false);
  // The sessions that keep the dataset from being deleted alone (the service's 409 counts them).
  const [blocking, setBlocking] = useState<number | null>(null);
  const planHeading = useRef<HTMLHeadingElement>(null);

  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  useEffect(() => {
    getDataset(id).then(setDetails, fail);
  }, [id]);
  useEffect(() => {
    if (planning) planHeading.current?.focus();
  }, [planning]);

  if (error && !details) {
    return (
      <>
        <h1>Dataset</h1>
        <p class="error" role="alert">
          {error}
        </p>
        <p>
          <a href="/datasets" onClick={followInApp}>
            Back to your datasets
          </a>
        </p>
      </>
    );
  }
  if (!details) {
    return (
      <>
        <h1>Dataset</h1>
        <p role="status">Loading…</p>
      </>
    );
  }

  const { dataset, preview } = details;
  const name = dataset.name || "(unnamed dataset)";

  async function remove(withSessions: boolean) {
    const question = withSessions
      ? `Delete this dataset with its ${blocking} session${blocking === 1 ? "" : "s"} and their results? This cannot be undone.`
      : "Delete this dataset? This cannot be undone.";
    if (!window.confirm(question)) return;
    setError(null);
    try {
      await deleteDataset(id, withSessions);
      navigate("/datasets");
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body?.sessions) setBlocking(e.body.sessions);
      else fail(e);
    }
  }

  async function saveCsv() {
    setError(null);
    try {
      download(`${dataset.name || "dataset"}.csv`, await getDatasetCsv(id));
    } catch (e) {
      fail(e);
    }
  }

  return (
    <>
      <h1>{name}</h1>
      <dl class="facts">
        <dt>Format</dt>
        <dd>{formatName(dataset.format)}</dd>
        <dt>Size</dt>
        <dd>
          {count.format(dataset.rows)} rows × {count.format(dataset.columns.length)} columns, {formatBytes(dataset.bytes)} stored
        </dd>
        <dt>Missing values</dt>
        <dd>{describeNaStrings(dataset.naStrings)}</dd>
        <dt>Created</dt>
        <dd>{new Date(dataset.createdAt).toLocaleString()}</dd>
        <dt>Last used</dt>
        <dd>{new Date(dataset.lastUsedAt).toLocaleString()}</dd>
        {dataset.expiresAt && (
          <>
            <dt>Kept until</dt>
            <dd>{new Date(dataset.expiresAt).toLocaleString()} (unless used again)</dd>
          </>
        )}
      </dl>
      <div class="actions">
        <button type="button" aria-expanded={planning} aria-controls="dataset-plan" onClick={() => setPlanning(!planning)}>
          New analysis
        </button>{" "}
        <button type="button" class="secondary" onClick={saveCsv}>
          Download CSV
        </button>{" "}
        <button type="button" class="secondary" onClick={() => remove(false)}>
          Delete dataset
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {blocking !== null && (
        <div class="notice" role="alert">
          <p>
            This dataset has {blocking} session{blocking === 1 ? "" : "s"}: delete {blocking === 1 ? "it" : "them"} first, or delete the dataset with{" "}
            {blocking === 1 ? "it" : "them"}.
          </p>
          <button type="button" class="secondary" onClick={() => remove(true)}>
            Delete the dataset with its {blocking} session{blocking === 1 ? "" : "s"}
          </button>
        </div>
      )}
      <section id="dataset-plan" aria-labelledby="dataset-plan-heading" hidden={!planning}>
        <h2 id="dataset-plan-heading" ref={planHeading} tabIndex={-1}>
          New analysis on this dataset
        </h2>
        {planning && <PlanBuilder source={{ datasetId: id }} columns={planColumns(dataset.columns)} name={dataset.name ?? ""} />}
      </section>
      <DatasetSessions datasetId={id} />
      <section aria-labelledby="columns-heading">
        <h2 id="columns-heading">Columns</h2>
        <ColumnTables columns={dataset.columns} preview={preview as string[][]} />
      </section>
      <ColumnCharts datasetId={id} columns={dataset.columns} />
    </>
  );
}

/** The sessions run on the dataset, newest first, each linking to its page. */
function DatasetSessions({ datasetId }: { datasetId: string }) {
  const [page, setPage] = useState(1);
  const [list, setList] = useState<SessionList | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    listSessions(page, SESSIONS_PAGE, { datasetId }).then(
      (l) => current && setList(l),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [datasetId, page]);
  const pages = list ? Math.max(1, Math.ceil(list.total / SESSIONS_PAGE)) : 1;
  return (
    <section aria-labelledby="dataset-sessions-heading">
      <h2 id="dataset-sessions-heading">Sessions on this dataset</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list && list.sessions.length === 0 && <p>No sessions yet: start one with “New analysis”.</p>}
      {list && list.sessions.length > 0 && (
        <Scroller label="Sessions on this dataset, newest first">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.sessions.map((s) => (
                <tr key={s.sessionId}>
                  <th scope="row">
                    <a href={`/sessions/${s.sessionId}`} onClick={followInApp}>
                      {s.name || "(unnamed)"}
                    </a>
                  </th>
                  <td>{s.status}</td>
                  <td>{s.createdAt ? new Date(s.createdAt).toLocaleString() : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroller>
      )}
      {list && list.total > SESSIONS_PAGE && (
        <Pager label="Pages of sessions on this dataset" page={page} pages={pages} onPage={setPage} />
      )}
    </section>
  );
}
