import { crossTable, type Table } from "../tables";
import { defineAnalysis } from "./analysis";
import { CrossedColumns } from "./fields";

export const fisher = defineAnalysis({
  type: "fisher",
  label: "Fisher's exact test",
  initial: { column: "", second: "" },
  Fields: CrossedColumns,
  toSpec: (f) => ({ type: "fisher", columns: [f.column, f.second] }),
  fromSpec: (s) => ({ column: s.columns[0] ?? "", second: s.columns[1] ?? "" }),
  tables: (r) => {
    // A 2×2 table has an interval (its odds ratio may be infinite, given as null); a larger one has none.
    const test: Table = !r.confidenceInterval
      ? { title: "Test", header: ["p-value", "n"], kinds: ["p", "count"], rows: [[r.pValue, r.n]] }
      : {
          title: "Test",
          header: ["p-value", "Odds ratio", "CI low", "CI high", "Confidence", "n"],
          kinds: ["p", "number", "number", "number", "number", "count"],
          rows: [[r.pValue, r.oddsRatio, r.confidenceInterval[0], r.confidenceInterval[1], r.confidenceLevel, r.n]],
        };
    return [test, crossTable("Observed", r.rowLevels ?? [], r.columnLevels ?? [], "count", r.observed)];
  },
});
