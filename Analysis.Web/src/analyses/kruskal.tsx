import { effectSizesTable } from "../tables";
import { defineAnalysis } from "./analysis";
import { VariableByGroups } from "./fields";

export const kruskal = defineAnalysis({
  type: "kruskal",
  label: "Kruskal–Wallis test",
  initial: { column: "", groupBy: "" },
  Fields: VariableByGroups,
  toSpec: (f) => ({ type: "kruskal", column: f.column, groupBy: f.groupBy }),
  fromSpec: (s) => ({ column: s.column, groupBy: s.groupBy }),
  tables: (r) => [
    { title: "Test", header: ["χ²", "df", "p-value", "n"], kinds: ["number", "count", "p", "count"], rows: [[r.statistic, r.df, r.pValue, r.n]] },
    { title: "Groups", header: ["Group", "n", "Mean rank"], kinds: ["text", "count", "number"], rows: (r.groups ?? []).map((g) => [g.name, g.n, g.meanRank]) },
    ...effectSizesTable(r.effectSizes),
  ],
});
