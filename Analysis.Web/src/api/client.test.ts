import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, createSession, deleteDataset, getDatasetSample, inspectDataset, parseEvents, storeDataset } from "./client";

describe("parseEvents", () => {
  it("splits whole events, keeps the unfinished tail, joins data lines and skips comments", () => {
    const { events, rest } = parseEvents('event: status\ndata: {"a":1}\n\n: keep-alive\n\nevent: status\r\ndata: x\r\ndata: y\r\n\r\nevent: sta');
    expect(events).toEqual([
      { event: "status", data: '{"a":1}' },
      { event: "status", data: "x\ny" },
    ]);
    expect(rest).toBe("event: sta");
  });

  it("finishes an event split across chunks once its blank line arrives", () => {
    const first = parseEvents("event: status\ndata: {\"st");
    expect(first.events).toEqual([]);
    const second = parseEvents(first.rest + 'atus":"running"}\n\n');
    expect(second.events).toEqual([{ event: "status", data: '{"status":"running"}' }]);
    expect(second.rest).toBe("");
  });

  it("keeps a chunk's last \\r for the next chunk, so a \\r\\n split between chunks is one line end", () => {
    const first = parseEvents("event: status\r");
    const second = parseEvents(first.rest + '\ndata: {"a":1}\r\n\r\n');
    expect(first.events).toEqual([]);
    expect(second.events).toEqual([{ event: "status", data: '{"a":1}' }]);
  });

  it("names an event without an event field 'message', as EventSource does", () => {
    expect(parseEvents("data:plain\n\n").events).toEqual([{ event: "message", data: "plain" }]);
  });
});

describe("the dataset requests", () => {
  const sent: { url: string; init: RequestInit }[] = [];
  const answer = (status: number, body: unknown) =>
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return new Response(body === null ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    });
  afterEach(() => {
    vi.unstubAllGlobals();
    sent.length = 0;
  });
  const file = new File(["a,b\n1,-99\n"], "data.xlsx");

  it("creates a session by reference: JSON with the dataset's id, no file", async () => {
    answer(202, { success: true, sessionId: "s", status: "pending", statusUrl: "/api/session/s/status" });
    await createSession("d-1", [{ type: "descriptive" }], "  mine ");
    expect(sent[0]!.url).toBe("/api/session");
    expect(new Headers(sent[0]!.init.headers).get("Content-Type")).toBe("application/json");
    expect(JSON.parse(sent[0]!.init.body as string)).toEqual({ datasetId: "d-1", analyses: [{ type: "descriptive" }], name: "mine" });
  });

  it("sends the missing-value codes and the sheet with the inspect and the store, the sheet only when one is chosen", async () => {
    answer(200, { success: true, dataset: { rows: 1, columns: [] }, preview: [] });
    await inspectDataset(file, { naStrings: ["", "-99"], sheet: "Data" });
    await inspectDataset(file, { naStrings: ["NA"] });
    answer(201, { success: true, dataset: { datasetId: "d-2" } });
    const stored = await storeDataset(file, "data", { naStrings: ["."], sheet: "Data" });
    const forms = sent.map((s) => s.init.body as FormData);
    expect(sent.map((s) => s.url)).toEqual(["/api/datasets/inspect", "/api/datasets/inspect", "/api/datasets"]);
    expect([forms[0]!.get("naStrings"), forms[0]!.get("sheet"), (forms[0]!.get("dataset") as File).name]).toEqual(['["","-99"]', "Data", "data.xlsx"]);
    expect([forms[1]!.get("naStrings"), forms[1]!.has("sheet")]).toEqual(['["NA"]', false]);
    expect([forms[2]!.get("naStrings"), forms[2]!.get("sheet"), forms[2]!.get("name"), (forms[2]!.get("file") as File).name]).toEqual(['["."]', "Data", "data", "data.xlsx"]);
    expect(stored.datasetId).toBe("d-2");
  });

  it("asks for a sample of the named columns, and deletes with the sessions only when told to", async () => {
    answer(204, null);
    await getDatasetSample("d-3", ["a b", "c"], 2000);
    await deleteDataset("d-3");
    await deleteDataset("d-3", true);
    expect(sent.map((s) => s.url)).toEqual(["/api/datasets/d-3/sample?limit=2000&columns=a+b&columns=c", "/api/datasets/d-3", "/api/datasets/d-3?withSessions=true"]);
  });

  it("gives a refused delete's count of sessions", async () => {
    answer(409, { success: false, error: "Dataset has 2 sessions; delete them first or pass withSessions=true", sessions: 2 });
    const error = await deleteDataset("d-4").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([(error as ApiError).status, (error as ApiError).body?.sessions]).toEqual([409, 2]);
  });
});
