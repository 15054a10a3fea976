import { groupMeans } from "../charts";
import { GroupMeansFigure } from "../figures";
import { checksTables, effectSizesTable, groupsTable } from "../tables";
import { defineAnalysis } from "./analysis";
import { Check, VariableByGroups } from "./fields";

export const anova = defineAnalysis({
  type: "anova",
  label: "One-way ANOVA",
  initial: { column: "", groupBy: "", checks: false },
  Fields: (props) => (
    <>
      <VariableByGroups {...props} />
      <Check label="Check the assumptions (Shapiro–Wilk on the residuals, Levene)" checked={props.form.checks} onChange={(checks) => props.onChange({ checks })} />
    </>
  ),
  toSpec: (f) => ({ type: "anova", column: f.column, groupBy: f.groupBy, ...(f.checks ? { checks: true } : {}) }),
  fromSpec: (s) => ({ column: s.column, groupBy: s.groupBy, checks: s.checks ?? false }),
  tables: (r) => [
    {
      title: "Test",
      header: ["F", "df between", "df within", "p-value", "SS between", "SS within", "η²", "n"],
      kinds: ["number", "count", "count", "p", "number", "number", "number", "count"],
      rows: [[r.fStatistic, r.dfBetween, r.dfWithin, r.pValue, r.sumSquaresBetween, r.sumSquaresWithin, r.etaSquared, r.n]],
    },
    groupsTable(r.groups ?? []),
    ...effectSizesTable(r.effectSizes),
    ...checksTables(r.checks),
  ],
  Chart: ({ result, title }) => <GroupMeansFigure title={title} means={groupMeans(result)} />,
});
