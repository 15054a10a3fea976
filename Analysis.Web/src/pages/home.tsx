import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, inspectDataset, listSessions, type DatasetInspection, type ReadOptions, type SessionList } from "../api/client";
import { DEFAULT_CODES_TEXT, describeNaStrings, parseNaStrings } from "../na-strings";
import { formatName } from "../format";
import { followInApp } from "../router";
import { Scroller } from "../scroller";
import { isActive, STATUSES, type Status } from "../status";
import { nameOf, PlanBuilder } from "./plan-builder";
import { Pager } from "../pager";
import { ColumnTables } from "../column-tables";

const PAGE_SIZE = 20;

/** The formats the service reads, by extension and by type (the service tells them apart by their content). */
const ACCEPT = ".csv,.xlsx,.parquet,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.apache.parquet";
const REFRESH_SECONDS = 3;

export function Home() {
  return (
    <>
      <h1>Analysis</h1>
      <NewAnalysis />
      <Sessions />
    </>
  );
}

function NewAnalysis() {
  const [inspection, setInspection] = useState<DatasetInspection | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [codes, setCodes] = useState(DEFAULT_CODES_TEXT);
  const [emptyIsMissing, setEmptyIsMissing] = useState(true);
  const [sheet, setSheet] = useState<string | null>(null);
  const latest = useRef(0);
  const parsed = parseNaStrings(codes, emptyIsMissing);
  const options: ReadOptions = { naStrings: parsed.naStrings, sheet };

  // Read again (storing nothing) whenever what it is read with changes: the file, the missing-value codes, the sheet.
  async function read(chosen: File | undefined, options: ReadOptions, valid = parsed.errors.length === 0) {
    if (!chosen) return;
    // The same file read another way keeps its plan (and shows its columns until the new ones come).
    if (chosen !== file) setInspection(null);
    setFile(chosen);
    setError(null);
    if (!valid) return; // said next to the codes
    const reading = ++latest.current; // only the latest read is shown, however the answers cross
    setBusy(true);
    try {
      const read = await inspectDataset(chosen, options);
      if (reading === latest.current) setInspection(read);
    } catch (e) {
      if (reading !== latest.current) return;
      setInspection(null);
      setError(e instanceof ApiError ? (e.body?.errors ? Object.values(e.body.errors).flat().join(" ") : e.message) : String(e));
    } finally {
      if (reading === latest.current) setBusy(false);
    }
  }
  const choose = (chosen: File | undefined) => {
    setSheet(null); // a new file: its first sheet, until the person picks another
    void read(chosen, { ...options, sheet: null });
  };
  const sheets = inspection?.sheets ?? [];

  return (
    <section aria-labelledby="new-heading">
      <h2 id="new-heading">New analysis</h2>
      <div
        class={dragging ? "drop dragging" : "drop"}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void choose(e.dataTransfer?.files[0]);
        }}
      >
        <label for="dataset">Dataset (CSV, XLSX or Parquet)</label>
        <input id="dataset" type="file" accept={ACCEPT} onChange={(e) => choose(e.currentTarget.files?.[0])} aria-describedby="dataset-help dataset-error" />
        <p id="dataset-help" class="help">
          Choose a file or drop it here: a CSV, an Excel workbook (.xlsx) or a Parquet file. Its columns are read; it is stored as a dataset when you run the
          analyses, so that you can run other plans on it later.
        </p>
        <details class="na-codes">
          <summary>Missing values: {describeNaStrings(parsed.naStrings)}</summary>
          <label class="check">
            <input
              type="checkbox"
              checked={emptyIsMissing}
              onChange={(e) => {
                setEmptyIsMissing(e.currentTarget.checked);
                const changed = parseNaStrings(codes, e.currentTarget.checked);
                if (file) void read(file, { ...options, naStrings: changed.naStrings }, changed.errors.length === 0);
              }}
            />{" "}
            Empty cells are missing
          </label>
          <label for="na-codes">Other cells that mean missing</label>
          <input
            id="na-codes"
            value={codes}
            autoComplete="off"
            spellcheck={false}
            aria-describedby="na-codes-help na-codes-error"
            onInput={(e) => setCodes(e.currentTarget.value)}
            onChange={(e) => {
              const changed = parseNaStrings(e.currentTarget.value, emptyIsMissing);
              if (file) void read(file, { ...options, naStrings: changed.naStrings }, changed.errors.length === 0);
            }}
          />
          <p id="na-codes-help" class="help">Separated by commas, such as NA, -99, . (at most 20 codes of at most 20 characters). A cell that is exactly one of them is read as missing.</p>
          <p id="na-codes-error" class="error" role="alert">
            {parsed.errors.join(" ")}
          </p>
        </details>
        {sheets.length > 1 && (
          <>
            <label for="sheet">Sheet</label>
            <select
              id="sheet"
              value={sheet ?? inspection?.sheet ?? sheets[0]}
              aria-describedby="sheet-help"
              onChange={(e) => {
                setSheet(e.currentTarget.value);
                void read(file ?? undefined, { ...options, sheet: e.currentTarget.value });
              }}
            >
              {sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <p id="sheet-help" class="help">
              The workbook has {sheets.length} sheets; the columns below are those of this one.
            </p>
          </>
        )}
        {busy && <p role="status">Reading the file…</p>}
        <p id="dataset-error" class="error" role="alert">
          {error}
        </p>
      </div>
      {inspection && <Columns inspection={inspection} />}
      {inspection && file && (
        <PlanBuilder
          key={`${file.name} ${file.size} ${file.lastModified}`}
          source={{ file, options }}
          columns={inspection.dataset.columns}
          name={nameOf(file)}
        />
      )}
    </section>
  );
}

function Columns({ inspection }: { inspection: DatasetInspection }) {
  const { dataset, preview } = inspection;
  return (
    <div class="columns">
      <p>
        {formatName(inspection.format)}
        {inspection.sheet ? ` (sheet ${inspection.sheet})` : ""}: {dataset.rows} {dataset.rows === 1 ? "row" : "rows"}, {dataset.columns.length}{" "}
        {dataset.columns.length === 1 ? "column" : "columns"}.
      </p>
      <ColumnTables columns={dataset.columns} preview={preview as string[][]} />
    </div>
  );
}

function Sessions() {
  const [status, setStatus] = useState<Status | "">("");
  const [page, setPage] = useState(1);
  const [list, setList] = useState<SessionList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    let current = true;
    listSessions(page, PAGE_SIZE, { status: status || undefined })
      .then((l) => current && (setList(l), setError(null)))
      .catch((e: unknown) => {
          if (current) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      current = false;
    };
  }, [page, status, refresh]);

  // While a listed session is pending or running, the list is read again every few seconds (not while the tab is
  // hidden), so that its status and progress move without a reload.
  const active = list?.sessions.some((s) => isActive(s.status)) ?? false;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") setRefresh((n) => n + 1);
    }, REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [active]);

  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Your sessions</h2>
      <label for="status-filter">Show</label>{" "}
      <select
        id="status-filter"
        value={status}
        onChange={(e) => {
          setStatus(e.currentTarget.value as Status | "");
          setPage(1);
        }}
      >
        <option value="">all</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list && list.sessions.length === 0 && <p>No sessions{status ? ` ${status}` : ""} yet.</p>}
      {list && list.sessions.length > 0 && (
        <Scroller label="Sessions">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.sessions.map((s) => (
                <tr key={s.sessionId}>
                  <th scope="row">
                    <a href={`/sessions/${s.sessionId}`} onClick={followInApp}>{s.name || "(unnamed)"}</a>
                  </th>
                  <td>{s.status}</td>
                  <td class="num">{s.progress ? `${s.progress.completed} of ${s.progress.total}` : ""}</td>
                  <td>{s.createdAt ? new Date(s.createdAt).toLocaleString() : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroller>
      )}
      <Pager label="Pages of sessions" page={page} pages={pages} onPage={setPage} />
    </section>
  );
}
