import { describe, expect, it } from "vitest";
import { tablesOf, titleOf, type AnalysisResult } from "./analyses";
import { rowsUsed, toCsv } from "./results";

// The sleep data's Welch t-test as the service returns it (values from R: t.test(extra ~ group, sleep); Cohen's d
// from R: (m1 - m2) / sqrt((9 * var(x) + 9 * var(y)) / 18)).
const ttest = {
  type: "ttest",
  kind: "welch",
  column: "extra",
  groupBy: "group",
  statistic: -1.860813,
  df: 17.77647,
  pValue: 0.07939414,
  confidenceInterval: [-3.3654832, 0.2054832],
  confidenceLevel: 0.95,
  estimate: -1.58,
  cohensD: -0.8321811,
  groups: [
    { name: "1", n: 10, mean: 0.75, std: 1.78901 },
    { name: "2", n: 10, mean: 2.33, std: 2.002249 },
  ],
  n: 20,
} as AnalysisResult;

describe("tablesOf", () => {
  it("lays a t-test out as its test and its groups", () => {
    const [test, groups] = tablesOf(ttest);
    expect(titleOf(ttest)).toBe("t-test (welch)");
    expect(test!.header).toEqual(["t", "df", "p-value", "Estimate", "CI low", "CI high", "Confidence", "Cohen's d", "n"]);
    expect(test!.rows[0]![2]).toBe(0.07939414);
    expect(test!.kinds[2]).toBe("p");
    expect(groups!.rows).toEqual([["1", 10, 0.75, 1.78901], ["2", 10, 2.33, 2.002249]]);
  });

  it("has no tables for an entry that could not be computed", () => {
    expect(tablesOf({ type: "ttest", column: "k", mu: 1, error: "The data are essentially constant." } as AnalysisResult)).toEqual([]);
  });
});

describe("correlation tables", () => {
  it("leave the diagonal's conventional p-value of 0 blank", () => {
    const [, p] = tablesOf({ type: "correlation", method: "pearson", columns: ["a", "b"], matrix: [[1, 0.5], [0.5, 1]], pValues: [[0, 0.2], [0.2, 0]], n: 10 } as AnalysisResult);
    expect(p!.rows).toEqual([["a", null, 0.2], ["b", 0.2, null]]);
  });
});

describe("toCsv", () => {
  it("writes every table of every result with full precision, and errors where they belong", () => {
    const csv = toCsv([ttest, { type: "anova", column: "y", groupBy: "g", error: "Each group needs two values, \"a\" has one." } as AnalysisResult]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("1. t-test (welch): Test");
    expect(lines[1]).toBe("t,df,p-value,Estimate,CI low,CI high,Confidence,Cohen's d,n");
    expect(lines[2]).toBe("-1.860813,17.77647,0.07939414,-1.58,-3.3654832,0.2054832,0.95,-0.8321811,20");
    expect(lines).toContain('"error: Each group needs two values, ""a"" has one."');
  });
});

describe("the statistician's next tools", () => {
  it("lay out Tukey's pairs as b − a with their intervals, and a Fisher 2×2 with its odds ratio", () => {
    const [pairs] = tablesOf({
      type: "tukey",
      column: "mpg",
      groupBy: "cyl",
      confidenceLevel: 0.95,
      comparisons: [{ groups: ["4", "6"], difference: -6.92, confidenceInterval: [-10.77, -3.07], pValue: 0.00034 }],
      dfWithin: 29,
      n: 32,
    } as AnalysisResult);
    expect(pairs!.title).toBe("Pairs (difference of means, 95% family-wise intervals)");
    expect(pairs!.rows).toEqual([["6 − 4", -6.92, -10.77, -3.07, 0.00034]]);
    const [test, observed] = tablesOf({
      type: "fisher",
      columns: ["am", "vs"],
      pValue: 0.4727,
      oddsRatio: 1.956,
      confidenceInterval: [0.3825, 10.59],
      confidenceLevel: 0.95,
      rowLevels: ["0", "1"],
      columnLevels: ["0", "1"],
      observed: [[12, 7], [6, 7]],
      n: 32,
    } as AnalysisResult);
    expect(test!.header).toContain("Odds ratio");
    expect(observed!.rows).toEqual([["0", 12, 7], ["1", 6, 7]]);
  });

  it("show a Shapiro-Wilk column that could not be tested with its reason", () => {
    const [columns] = tablesOf({ type: "shapiro", columns: { x: { n: 2, statistic: null, pValue: null, error: "takes 3 to 5000 values" } }, n: 2 } as unknown as AnalysisResult);
    expect(columns!.rows).toEqual([["x", 2, null, null, "takes 3 to 5000 values"]]);
  });
});

describe("rowsUsed", () => {
  it("says the rows used and those left out, in words", () => {
    expect(rowsUsed({ type: "ttest", n: 27, nExcluded: 3 } as unknown as AnalysisResult)).toBe("27 rows used; 3 rows left out for missing values");
    expect(rowsUsed({ type: "anova", n: 1, nExcluded: 1 } as unknown as AnalysisResult)).toBe("1 row used; 1 row left out for missing values");
    expect(rowsUsed({ type: "descriptive", n: 20, nExcluded: 0 } as unknown as AnalysisResult)).toBe("20 rows used; none left out for missing values");
  });

  it("says nothing for a result stored before it counted them", () => {
    expect(rowsUsed({ type: "ttest", n: 27 } as unknown as AnalysisResult)).toBeNull();
  });
});
