import { describe, expect, it } from "vitest";
import { parseEvents } from "./client";

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
