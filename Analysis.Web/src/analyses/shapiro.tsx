import { defineAnalysis } from "./analysis";
import { columnsOrAll, NumericColumns } from "./fields";

export const shapiro = defineAnalysis({
  type: "shapiro",
  label: "Shapiro–Wilk test of normality",
  initial: { columns: [] as string[] },
  Fields: NumericColumns,
  toSpec: (f) => ({ type: "shapiro", columns: columnsOrAll(f.columns) }),
  fromSpec: (s) => ({ columns: s.columns ?? [] }),
  tables: (r) => [
    {
      title: "Columns",
      header: ["Column", "n", "W", "p-value", "Not computed"],
      kinds: ["text", "count", "number", "p", "text"],
      rows: Object.entries(r.columns ?? {}).map(([name, c]) => [name, c.n, c.statistic, c.pValue, c.error ?? ""]),
    },
  ],
});
