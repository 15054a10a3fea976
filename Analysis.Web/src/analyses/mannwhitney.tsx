import { effectSizesTable } from "../tables";
import { defineAnalysis } from "./analysis";
import { Correction, Groups, Variable } from "./fields";

export const mannwhitney = defineAnalysis({
  type: "mannwhitney",
  label: "Wilcoxon rank-sum (Mann–Whitney) test",
  initial: { column: "", groupBy: "", correction: true },
  Fields: (props) => (
    <>
      <Variable {...props} />
      <Groups {...props} twoGroups />
      <Correction {...props} />
    </>
  ),
  toSpec: (f) => ({ type: "mannwhitney", column: f.column, groupBy: f.groupBy, correction: f.correction }),
  fromSpec: (s) => ({ column: s.column, groupBy: s.groupBy, ...(s.correction === undefined || s.correction === null ? {} : { correction: s.correction }) }),
  titleDetail: (r) => r.kind,
  tables: (r) => [
    {
      title: "Test",
      header: ["W", "p-value", "Rank-biserial r", "n"],
      kinds: ["number", "p", "number", "count"],
      rows: [[r.statistic, r.pValue, r.rankBiserial, r.n]],
    },
    { title: "Groups", header: ["Group", "n", "Median"], kinds: ["text", "count", "number"], rows: (r.groups ?? []).map((g) => [g.name, g.n, g.median]) },
    ...effectSizesTable(r.effectSizes),
  ],
});
