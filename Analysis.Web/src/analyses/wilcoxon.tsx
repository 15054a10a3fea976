import { effectSizesTable } from "../tables";
import { defineAnalysis } from "./analysis";
import { Choice, chosen, Correction, Mu, muOf, PairedColumns, Variable } from "./fields";

type Form = "one-sample" | "paired";

export const wilcoxon = defineAnalysis({
  type: "wilcoxon",
  label: "Wilcoxon signed-rank test",
  initial: { form: "one-sample" as Form, column: "", second: "", mu: "0", correction: true },
  Fields: (props) => (
    <>
      <Choice
        id={props.id("form")}
        label="Form"
        value={props.form.form}
        options={[
          ["one-sample", "one column against a value"],
          ["paired", "two columns, row by row"],
        ]}
        onChange={(form) => props.onChange({ form })}
      />
      {props.form.form === "paired" ? (
        <PairedColumns {...props} />
      ) : (
        <>
          <Variable {...props} />
          <Mu {...props} />
        </>
      )}
      <Correction {...props} />
    </>
  ),
  toSpec: (f) =>
    f.form === "paired"
      ? { type: "wilcoxon", columns: [f.column, f.second], correction: f.correction }
      : { type: "wilcoxon", column: chosen(f.column), mu: muOf(f.mu), correction: f.correction },
  fromSpec: (s) => ({
    ...(s.columns?.length ? { form: "paired" as Form, column: s.columns[0] ?? "", second: s.columns[1] ?? "" } : { form: "one-sample" as Form, column: s.column ?? "", mu: String(s.mu ?? 0) }),
    ...(s.correction === undefined || s.correction === null ? {} : { correction: s.correction }),
  }),
  titleDetail: (r) => r.kind,
  tables: (r) => [
    {
      title: "Test",
      header: ["V", "p-value", "n", "Zero differences"],
      kinds: ["number", "p", "count", "count"],
      rows: [[r.statistic, r.pValue, r.n, r.zeros]],
    },
    ...effectSizesTable(r.effectSizes),
  ],
});
