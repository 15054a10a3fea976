import { describe, expect, it } from "vitest";
import { boxes, groupMeans, heatCells } from "./charts";
import type { AnalysisResult } from "./results";

describe("heatCells", () => {
  it("makes one cell per pair of columns, null where r is undefined", () => {
    const cells = heatCells({ type: "correlation", method: "pearson", columns: ["x", "k"], matrix: [[1, null], [null, 1]], pValues: [[0, null], [null, 0]], n: 4 } as AnalysisResult);
    expect(cells).toEqual([
      { row: "x", column: "x", r: 1 },
      { row: "x", column: "k", r: null },
      { row: "k", column: "x", r: null },
      { row: "k", column: "k", r: 1 },
    ]);
  });
});

describe("boxes", () => {
  it("takes each column's five numbers, leaving out a column without them", () => {
    const result = {
      type: "descriptive",
      columns: {
        extra: { count: 20, missing: 0, mean: 1.54, std: 2.018, min: -1.6, q1: -0.025, median: 0.95, q3: 3.4, max: 5.5 },
        empty: { count: 0, missing: 20, mean: null, std: null, min: null, q1: null, median: null, q3: null, max: null },
      },
      n: 20,
    } as AnalysisResult;
    expect(boxes(result)).toEqual([{ column: "extra", min: -1.6, q1: -0.025, median: 0.95, q3: 3.4, max: 5.5 }]);
  });
});

describe("groupMeans", () => {
  it("gives each group's mean with R's 95% interval", () => {
    const result = { type: "anova", column: "extra", groupBy: "group", groups: [{ name: "1", n: 10, mean: 0.75, std: 1.7890096577591 }, { name: "2", n: 1, mean: 3, std: null }] } as AnalysisResult;
    const [first, ...rest] = groupMeans(result);
    // R: t.test(sleep$extra[1:10])$conf.int = -0.5297804 2.0297804
    expect(first!.group).toBe("1");
    expect(first!.low).toBeCloseTo(-0.5297804, 6);
    expect(first!.high).toBeCloseTo(2.0297804, 6);
    expect(rest).toEqual([]);
  });
});
