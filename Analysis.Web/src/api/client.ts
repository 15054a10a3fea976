// The service's HTTP API, typed from the OpenAPI document (src/api/schema.d.ts is generated from
// docs/openapi.json by `npm run api-types`, part of the build: a contract change the app does not follow
// fails the build).
import { isTerminal, type Status } from "../status";
import type { components } from "./schema";

export type SessionList = components["schemas"]["SessionListResponse"];
export type SessionListItem = components["schemas"]["SessionListItemDto"];
export type DatasetInspection = components["schemas"]["DatasetInspectionResponse"];
export type ErrorBody = components["schemas"]["ErrorResponse"];
export type SessionStatus = components["schemas"]["SessionStatusResponse"];

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

export function listSessions(page: number, pageSize: number, status?: Status): Promise<SessionList> {
  const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (status) query.set("status", status);
  return request<SessionList>(`/api/session?${query}`);
}

export function inspectDataset(file: File): Promise<DatasetInspection> {
  const form = new FormData();
  form.append("dataset", file, file.name);
  return request<DatasetInspection>("/api/datasets/inspect", { method: "POST", body: form });
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

/** Creates a session from the chosen file (multipart, as docs/api.md's first form) and the plan. */
export function createSession(file: File, analyses: components["schemas"]["AnalysisSpec"][], name: string): Promise<Created> {
  const form = new FormData();
  form.append("dataset", file, file.name);
  form.append("analyses", JSON.stringify(analyses));
  if (name.trim()) form.append("name", name.trim());
  return request<Created>("/api/session", { method: "POST", body: form });
}

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
