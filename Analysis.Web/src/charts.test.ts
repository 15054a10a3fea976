import { describe, expect, it } from "vitest";
import { boxes, heatCells } from "./charts";
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
