import type { components } from "../api/schema";
import { defineAnalysis } from "./analysis";
import { Choice, VariableByGroups } from "./fields";

type Center = NonNullable<components["schemas"]["LeveneSpec"]["center"]>;

export const levene = defineAnalysis({
  type: "levene",
  label: "Levene's test of equal variances",
  initial: { column: "", groupBy: "", center: "median" as Center },
  Fields: (props) => (
    <>
      <VariableByGroups {...props} />
      <Choice
        id={props.id("center")}
        label="Distances from each group's"
        value={props.form.center}
        options={[
          ["median", "median (Brown–Forsythe)"],
          ["mean", "mean (Levene's original)"],
        ]}
        onChange={(center) => props.onChange({ center })}
      />
    </>
  ),
  toSpec: (f) => ({ type: "levene", column: f.column, groupBy: f.groupBy, center: f.center }),
  fromSpec: (s) => ({ column: s.column, groupBy: s.groupBy, ...(s.center ? { center: s.center } : {}) }),
  tables: (r) => [
    {
      title: "Test",
      header: ["Centre", "F", "df between", "df within", "p-value", "n"],
      kinds: ["text", "number", "count", "count", "p", "count"],
      rows: [[r.center, r.fStatistic, r.dfBetween, r.dfWithin, r.pValue, r.n]],
    },
  ],
});
