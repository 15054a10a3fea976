import { groupMeans } from "../charts";
import { GroupMeansFigure } from "../figures";
import { checksTables, effectSizesTable, groupsTable, type Table } from "../tables";
import { defineAnalysis } from "./analysis";
import { Check, Choice, chosen, Groups, Mu, muOf, PairedColumns, Variable } from "./fields";

type Kind = "two-sample" | "one-sample" | "paired";

export const ttest = defineAnalysis({
  type: "ttest",
  label: "t-test",
  initial: { form: "two-sample" as Kind, column: "", second: "", groupBy: "", mu: "0", equalVariance: false, checks: false },
  Fields: (props) => {
    const { form, id, onChange } = props;
    return (
      <>
        <Choice
          id={id("form")}
          label="Kind"
          value={form.form}
          options={[
            ["two-sample", "Two groups"],
            ["one-sample", "One sample against a value"],
            ["paired", "Paired columns"],
          ]}
          onChange={(kind) => onChange({ form: kind })}
        />
        {form.form === "paired" ? <PairedColumns {...props} /> : <Variable {...props} />}
        {form.form === "two-sample" && (
          <>
            <Groups {...props} twoGroups />
            <Check label="Assume equal variances (Student); otherwise Welch" checked={form.equalVariance} onChange={(equalVariance) => onChange({ equalVariance })} />
            <Check label="Check the assumptions (Shapiro–Wilk per group, Levene)" checked={form.checks} onChange={(checks) => onChange({ checks })} />
          </>
        )}
        {form.form === "one-sample" && <Mu {...props} />}
      </>
    );
  },
  toSpec: (f) => {
    if (f.form === "paired") return { type: "ttest", paired: true, columns: [f.column, f.second] };
    if (f.form === "one-sample") return { type: "ttest", column: chosen(f.column), mu: muOf(f.mu) };
    return { type: "ttest", column: chosen(f.column), groupBy: chosen(f.groupBy), equalVariance: f.equalVariance, ...(f.checks ? { checks: true } : {}) };
  },
  fromSpec: (s) => {
    if (s.paired) return { form: "paired" as Kind, column: s.columns?.[0] ?? "", second: s.columns?.[1] ?? "" };
    // A one-sample test is one without groups (the service's normalised plan names its μ, 0 by default).
    if (!s.groupBy) return { form: "one-sample" as Kind, column: s.column ?? "", mu: String(s.mu ?? 0) };
    return { form: "two-sample" as Kind, column: s.column ?? "", groupBy: s.groupBy, equalVariance: s.equalVariance ?? false, checks: s.checks ?? false };
  },
  titleDetail: (r) => r.kind,
  tables: (r) => {
    const tables: Table[] = [
      {
        title: "Test",
        header: ["t", "df", "p-value", "Estimate", "CI low", "CI high", "Confidence", "Cohen's d", "n"],
        kinds: ["number", "number", "p", "number", "number", "number", "number", "number", "count"],
        rows: [[r.statistic, r.df, r.pValue, r.estimate, r.confidenceInterval?.[0], r.confidenceInterval?.[1], r.confidenceLevel, r.cohensD, r.n]],
      },
    ];
    if (r.groups?.length) tables.push(groupsTable(r.groups));
    return [...tables, ...effectSizesTable(r.effectSizes), ...checksTables(r.checks)];
  },
  Chart: ({ result, title }) => <GroupMeansFigure title={title} means={groupMeans(result)} />,
});
