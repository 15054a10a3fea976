import { describe, expect, it } from "vitest";
import { isActive, isTerminal, STATUSES } from "./status";
import { schema } from "./test/openapi";

describe("the statuses", () => {
  it("are the API's, each either active or terminal", () => {
    expect([...STATUSES].sort()).toEqual([...(schema("SessionStatusResponse").properties?.status?.enum ?? [])].sort());
    expect(STATUSES.filter(isActive)).toEqual(["pending", "running"]);
    expect(STATUSES.filter(isTerminal)).toEqual(["completed", "failed", "cancelled"]);
  });
});
