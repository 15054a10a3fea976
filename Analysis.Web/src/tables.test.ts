import { describe, expect, it } from "vitest";
import { checksTables, effectSizesTable } from "./tables";

describe("checksTables", () => {
  it("shows each Shapiro–Wilk test and Levene's, titled by the reading, and nothing without checks", () => {
    const [table] = checksTables({
      normality: [
        { method: "Shapiro-Wilk", group: "0", n: 19, statistic: 0.9768, pValue: 0.8987, note: null },
        { method: "Shapiro-Wilk", group: "1", n: 13, statistic: null, pValue: null, note: "Every value is the same: there is no distribution to test." },
      ],
      equalVariance: { method: "Levene (median)", groups: "'0' and '1'", fStatistic: 4.1876, dfBetween: 1, dfWithin: 30, pValue: 0.0496 },
      reading: "Shapiro-Wilk finds no departure from normality in each group (p = .899); Levene's test finds unequal variances (p = .050), at the 5% level.",
    });
    expect(table!.title).toBe(
      "Assumption checks: Shapiro-Wilk finds no departure from normality in each group (p = .899); Levene's test finds unequal variances (p = .050), at the 5% level.",
    );
    expect(table!.rows).toEqual([
      ["Shapiro-Wilk W", "0", 19, 0.9768, 0.8987, ""],
      ["Shapiro-Wilk W", "1", 13, null, null, "Every value is the same: there is no distribution to test."],
      ["Levene (median) F", "'0' and '1'", null, 4.1876, 0.0496, "df 1, 30"],
    ]);
    expect(checksTables(null)).toEqual([]);
    expect(checksTables(undefined)).toEqual([]);
  });
});

describe("effectSizesTable", () => {
  it("shows each measure with its interval and says which are one-sided", () => {
    const [table] = effectSizesTable([
      { name: "Cohen's d", estimate: -1.478, confidenceInterval: [-2.266, -0.671], confidenceLevel: 0.95, alternative: "two.sided" },
      { name: "Eta2", estimate: 0.732, confidenceInterval: [0.575, 1], confidenceLevel: 0.95, alternative: "greater" },
    ]);
    expect(table!.rows).toEqual([
      ["Cohen's d", -1.478, -2.266, -0.671, 0.95, "two-sided"],
      ["Eta2", 0.732, 0.575, 1, 0.95, "one-sided"],
    ]);
    expect(effectSizesTable(undefined)).toEqual([]);
  });
});
