// The service's HTTP API, typed from the OpenAPI document (src/api/schema.d.ts is generated from
// docs/openapi.json by `npm run api-types`, part of the build: a contract change the app does not follow
// fails the build).
import { isTerminal, type Status } from "../status";
import type { components, operations } from "./schema";

export type SessionList = components["schemas"]["SessionListResponse"];
export type SessionListItem = components["schemas"]["SessionListItemDto"];
export type DatasetInspection = components["schemas"]["DatasetInspectionResponse"];
export type ErrorBody = components["schemas"]["ErrorResponse"];
export type SessionStatus = components["schemas"]["SessionStatusResponse"];
export type SessionDetails = components["schemas"]["SessionDetailsDto"];
export type Dataset = components["schemas"]["DatasetDto"];
export type DatasetList = components["schemas"]["DatasetListResponse"];
export type DatasetDetails = components["schemas"]["DatasetDetailsResponse"];

const KEY_STORAGE = "analysis.apiKey";

/** The API key: from the URL fragment (#key=…, as the first-run log line prints it), kept in sessionStorage. */
export function currentKey(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get("key");
  if (fromHash) {
    sessionStorage.setItem(KEY_STORAGE, fromHash);
    history.replaceState(null, "", window.location.pathname + window.location.search); // not left in the address bar
    return fromHash;
  }
  return sessionStorage.getItem(KEY_STORAGE);
}

export function saveKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key.trim());
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.error ?? `The service answered ${status}.`);
  }
}

let onUnauthorized: () => void = () => {};

/** What the app does when the service refuses the key (401): it asks for another. */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/** Every call to the service: the API key added, a refused key reported to the app. */
async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const key = currentKey();
  if (key) headers.set("X-Api-Key", key);
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) onUnauthorized();
  return response;
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  return new ApiError(response.status, text ? (JSON.parse(text) as ErrorBody) : null);
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await send(path, init);
  if (!response.ok) throw await errorOf(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** The caller's sessions, newest first: all of them, or those of one status, or those of one dataset. */
export function listSessions(page: number, pageSize: number, filter: { status?: Status; datasetId?: string } = {}): Promise<SessionList> {
  const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (filter.status) query.set("status", filter.status);
  if (filter.datasetId) query.set("datasetId", filter.datasetId);
  return request<SessionList>(`/api/session?${query}`);
}

/** How a file is read: the cells that mean missing, and (for a workbook) the sheet. */
export interface ReadOptions {
  naStrings: string[];
  sheet?: string | null;
}

function withReadOptions(form: FormData, options: ReadOptions): FormData {
  form.append("naStrings", JSON.stringify(options.naStrings));
  if (options.sheet) form.append("sheet", options.sheet);
  return form;
}

/** Reads a file (CSV, XLSX or Parquet) as a create would, storing nothing. */
export function inspectDataset(file: File, options: ReadOptions): Promise<DatasetInspection> {
  const form = new FormData();
  form.append("dataset", file, file.name);
  return request<DatasetInspection>("/api/datasets/inspect", { method: "POST", body: withReadOptions(form, options) });
}

/** Stores a file as a dataset (201), or finds the same content stored before with the same options (200). */
export function storeDataset(file: File, name: string, options: ReadOptions): Promise<Dataset> {
  const form = new FormData();
  form.append("file", file, file.name);
  if (name.trim()) form.append("name", name.trim());
  return request<{ dataset: Dataset }>("/api/datasets", { method: "POST", body: withReadOptions(form, options) }).then((r) => r.dataset);
}

export const listDatasets = (page: number, pageSize: number) =>
  request<DatasetList>(`/api/datasets?${new URLSearchParams({ page: String(page), pageSize: String(pageSize) })}`);

export const getDataset = (id: string) => request<DatasetDetails>(`/api/datasets/${id}`);

/** Deletes a dataset; with `withSessions`, its (terminal) sessions too. A 409 carries `sessions` when it has some. */
export const deleteDataset = (id: string, withSessions = false) =>
  request<unknown>(`/api/datasets/${id}${withSessions ? "?withSessions=true" : ""}`, { method: "DELETE" });

/** The dataset as the service reads it, as CSV text (fetched with the key, which a plain link cannot send). */
export async function getDatasetCsv(id: string): Promise<Blob> {
  const response = await send(`/api/datasets/${id}/csv`);
  if (!response.ok) throw await errorOf(response);
  return response.blob();
}

/** A completed session as an R script that checks the service's numbers (fetched with the key, as the CSV is). */
export async function getSessionScript(id: string): Promise<Blob> {
  const response = await send(`/api/session/${id}/script.R`);
  if (!response.ok) throw await errorOf(response);
  return response.blob();
}

/** A completed session's report: one self-contained HTML page (or, with `markdown`, Markdown) to keep or print. */
export async function getSessionReport(id: string, markdown = false): Promise<Blob> {
  const response = await send(`/api/session/${id}/report${markdown ? "?format=md" : ""}`);
  if (!response.ok) throw await errorOf(response);
  return response.blob();
}

export type DatasetSample = components["schemas"]["DatasetSampleResponse"];

/** At most this many columns in one sample request (the API's bound). */
export const SAMPLE_COLUMNS = 20;

/** Rows of a stored dataset for its charts: the named columns (at most 20) of at most `limit` rows, evenly spaced. */
export function getDatasetSample(id: string, columns: string[], limit = 2000): Promise<DatasetSample> {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const c of columns) query.append("columns", c);
  return request<DatasetSample>(`/api/datasets/${id}/sample?${query}`);
}

export interface ServerEvent {
  event: string;
  data: string;
}

/**
 * Splits event-stream text into whole events (an event ends at a blank line; `data:` lines are joined with line
 * breaks; comment lines, starting with ":", are ignored); `rest` is the unfinished tail to prepend to the next chunk.
 */
export function parseEvents(text: string): { events: ServerEvent[]; rest: string } {
  // A chunk that ends in "\r" may be half of a "\r\n": that "\r" waits for the next chunk.
  const held = text.endsWith("\r") ? "\r" : "";
  const normalized = (held ? text.slice(0, -1) : text).replace(/\r\n?/g, "\n");
  const blocks = normalized.split("\n\n");
  const rest = (blocks.pop() ?? "") + held;
  const events: ServerEvent[] = [];
  for (const block of blocks) {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join("\n") });
  }
  return { events, rest };
}

const pause = (seconds: number) => new Promise((r) => setTimeout(r, 1000 * seconds));

/**
 * Follows a session's status: first through its event stream (GET …/events, read with fetch so that the key goes
 * in a header, which EventSource cannot send); when the stream cannot be opened or ends early, by long polling as
 * docs/api.md's "polling well" says (the ETag back in If-None-Match and ?wait=, so the service answers at the change).
 * Calls onStatus for every new status until a terminal one or until stopped; returns the stopper.
 */
export function watchStatus(id: string, onStatus: (status: SessionStatus) => void, onError: (error: ApiError | Error) => void): () => void {
  let stopped = false;
  const abort = new AbortController();
  let last: SessionStatus | null = null;
  const report = (status: SessionStatus) => {
    last = status;
    onStatus(status);
  };
  const finished = () => stopped || (last !== null && isTerminal(last.status));

  (async () => {
    try {
      await stream(id, abort.signal, report);
    } catch {
      // No stream (a proxy that buffers, a dropped connection): long polling below does the rest.
    }
    let etag: string | null = null;
    while (!finished()) {
      const headers = new Headers();
      if (etag) headers.set("If-None-Match", etag);
      let response: Response;
      try {
        response = await send(`/api/session/${id}/status${etag ? "?wait=30" : ""}`, { headers, signal: abort.signal });
      } catch {
        if (stopped) return;
        await pause(2); // the network: try again shortly
        continue;
      }
      if (response.status === 304) continue;
      if (!response.ok) {
        const error = await errorOf(response);
        if (response.status === 429 || response.status === 503) {
          await pause(Number(response.headers.get("Retry-After") ?? "2"));
          continue;
        }
        onError(error);
        return;
      }
      etag = response.headers.get("ETag");
      report((await response.json()) as SessionStatus);
    }
  })();
  return () => {
    stopped = true;
    abort.abort();
  };
}

/** Reads the session's event stream until it ends; throws when it cannot be opened. */
async function stream(id: string, signal: AbortSignal, onStatus: (status: SessionStatus) => void): Promise<void> {
  const response = await send(`/api/session/${id}/events`, { headers: { Accept: "text/event-stream" }, signal });
  if (!response.ok || !response.body || !response.headers.get("Content-Type")?.startsWith("text/event-stream")) {
    await response.body?.cancel();
    throw new Error(`No event stream (${response.status}).`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const { events, rest } = parseEvents(buffered + value);
    buffered = rest;
    for (const e of events) if (e.event === "status") onStatus(JSON.parse(e.data) as SessionStatus);
  }
}

export type Created = components["schemas"]["SessionCreatedResponse"];

/** Creates a session on a stored dataset (by reference: JSON with its `datasetId`, no upload) with the plan. */
export function createSession(datasetId: string, analyses: components["schemas"]["AnalysisSpec"][], name: string): Promise<Created> {
  const body: NonNullable<operations["CreateSession"]["requestBody"]>["content"]["application/json"] = { datasetId, analyses, name: name.trim() || null };
  return request<Created>("/api/session", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

/** The whole session: its dataset's id and its plan, normalised (every default filled in). */
export const getSession = (id: string) => request<components["schemas"]["SessionDetailsResponse"]>(`/api/session/${id}`).then((r) => r.session);

export type Results = components["schemas"]["SessionResultsResponse"];

export const getResults = (id: string) => request<Results>(`/api/session/${id}/results`);

export const cancelSession = (id: string) => request<unknown>(`/api/session/${id}/cancel`, { method: "POST" });

export const deleteSession = (id: string) => request<unknown>(`/api/session/${id}`, { method: "DELETE" });

export type Sample = components["schemas"]["SessionSampleResponse"];

/** Rows of the session's dataset for a chart: the named columns of at most `limit` rows, evenly spaced. */
export function getSample(id: string, columns: string[], limit = 2000): Promise<Sample> {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const c of columns) query.append("columns", c);
  return request<Sample>(`/api/session/${id}/sample?${query}`);
}

export type PowerRequest = NonNullable<operations["CalculatePower"]["requestBody"]>["content"]["application/json"];
export type PowerResult = components["schemas"]["PowerDto"];

/** Power or sample size (no dataset): the quantity left out of the request is solved for. */
export function calculatePower(body: PowerRequest): Promise<PowerResult> {
  return request<components["schemas"]["PowerResponse"]>("/api/power", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  }).then((r) => r.power);
}
