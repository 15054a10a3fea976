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

  it("names an event without an event field 'message', as EventSource does", () => {
    expect(parseEvents("data:plain\n\n").events).toEqual([{ event: "message", data: "plain" }]);
  });
});
