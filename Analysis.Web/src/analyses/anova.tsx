import { groupMeans } from "../charts";
import { GroupMeansFigure } from "../figures";
import { groupsTable } from "../tables";
import { defineAnalysis } from "./analysis";
import { VariableByGroups } from "./fields";

export const anova = defineAnalysis({
  type: "anova",
  label: "One-way ANOVA",
  initial: { column: "", groupBy: "" },
  Fields: VariableByGroups,
  toSpec: (f) => ({ type: "anova", column: f.column, groupBy: f.groupBy }),
  fromSpec: (s) => ({ column: s.column, groupBy: s.groupBy }),
  tables: (r) => [
    {
      title: "Test",
      header: ["F", "df between", "df within", "p-value", "SS between", "SS within", "η²", "n"],
      kinds: ["number", "count", "count", "p", "number", "number", "number", "count"],
      rows: [[r.fStatistic, r.dfBetween, r.dfWithin, r.pValue, r.sumSquaresBetween, r.sumSquaresWithin, r.etaSquared, r.n]],
    },
    groupsTable(r.groups ?? []),
  ],
  Chart: ({ result, title }) => <GroupMeansFigure title={title} means={groupMeans(result)} />,
});
