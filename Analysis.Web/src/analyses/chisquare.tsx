import { crossTable, effectSizesTable } from "../tables";
import { defineAnalysis } from "./analysis";
import { Check, CrossedColumns } from "./fields";

export const chisquare = defineAnalysis({
  type: "chisquare",
  label: "Chi-square test of independence",
  initial: { column: "", second: "", correction: true },
  Fields: (props) => (
    <>
      <CrossedColumns {...props} />
      <Check label="Yates' continuity correction (2×2 tables)" checked={props.form.correction} onChange={(correction) => props.onChange({ correction })} />
    </>
  ),
  toSpec: (f) => ({ type: "chisquare", columns: [f.column, f.second], correction: f.correction }),
  fromSpec: (s) => ({ column: s.columns[0] ?? "", second: s.columns[1] ?? "", ...(s.correction === undefined || s.correction === null ? {} : { correction: s.correction }) }),
  tables: (r) => {
    const rows = r.rowLevels ?? [];
    const columns = r.columnLevels ?? [];
    return [
      { title: "Test", header: ["χ²", "df", "p-value", "n"], kinds: ["number", "count", "p", "count"], rows: [[r.statistic, r.df, r.pValue, r.n]] },
      crossTable("Observed", rows, columns, "count", r.observed),
      crossTable("Expected", rows, columns, "number", r.expected),
      ...effectSizesTable(r.effectSizes),
    ];
  },
});
