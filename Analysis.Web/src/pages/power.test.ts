import { describe, expect, it } from "vitest";
import type { components } from "../api/schema";
import { powerRequest, QUANTITIES } from "./power";

describe("powerRequest", () => {
  const values = { n: "20", delta: "0.5", sd: "1", sigLevel: "0.05", power: "0.8", p1: "0.5", p2: "0.75", groups: "3", betweenVar: "1", withinVar: "3" };
  const options = { type: "paired", alternative: "one.sided", strict: true };

  it("leaves out the quantity solved for, sending the others as numbers and the t-test's design", () => {
    expect(powerRequest("t", "n", values, options)).toEqual({
      test: "t", delta: 0.5, sd: 1, sigLevel: 0.05, power: 0.8, type: "paired", alternative: "one.sided", strict: true,
    });
  });

  it("asks for sd or the significance level with null (they have defaults), and sends no design to an ANOVA", () => {
    expect(powerRequest("t", "sd", values, options)).toMatchObject({ sd: null, n: 20 });
    expect(powerRequest("anova", "sigLevel", values, options)).toEqual({ test: "anova", groups: 3, n: 20, betweenVar: 1, withinVar: 3, sigLevel: null, power: 0.8 });
  });

  it("offers each test's quantities, those the service takes", () => {
    const fields: Record<string, (keyof components["schemas"]["PowerDto"])[]> = {
      t: ["n", "delta", "sd", "sigLevel", "power"],
      proportion: ["n", "p1", "p2", "sigLevel", "power"],
      anova: ["groups", "n", "betweenVar", "withinVar", "sigLevel", "power"],
    };
    for (const [test, quantities] of Object.entries(QUANTITIES)) expect(quantities.map(([name]) => name)).toEqual(fields[test]);
  });
});
