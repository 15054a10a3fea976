import type { components } from "../api/schema";
import { defineAnalysis } from "./analysis";
import { Check, Choice, PAdjustChoice, VariableByGroups } from "./fields";

type PairwiseSpec = components["schemas"]["PairwiseSpec"];

export const pairwise = defineAnalysis({
  type: "pairwise",
  label: "Pairwise comparisons",
  initial: {
    column: "",
    groupBy: "",
    test: "t" as NonNullable<PairwiseSpec["test"]>,
    paired: false,
    pooledSd: true,
    pAdjust: "holm" as NonNullable<PairwiseSpec["pAdjust"]>,
  },
  Fields: (props) => (
    <>
      <VariableByGroups {...props} />
      <Choice
        id={props.id("test")}
        label="Test"
        value={props.form.test}
        options={[
          ["t", "t-tests"],
          ["wilcoxon", "Wilcoxon tests"],
        ]}
        onChange={(test) => props.onChange({ test })}
      />
      <Check label="Paired (the k-th row of each group is one subject)" checked={props.form.paired} onChange={(paired) => props.onChange({ paired, ...(paired ? { pooledSd: false } : {}) })} />
      {props.form.test === "t" && !props.form.paired ? (
        <Check label="Pool the SD over all groups" checked={props.form.pooledSd} onChange={(pooledSd) => props.onChange({ pooledSd })} />
      ) : null}
      <PAdjustChoice id={props.id("pAdjust")} label="Correct the p-values for many tests" value={props.form.pAdjust} onChange={(pAdjust) => props.onChange({ pAdjust })} />
    </>
  ),
  toSpec: (f) => ({
    type: "pairwise",
    column: f.column,
    groupBy: f.groupBy,
    test: f.test,
    paired: f.paired,
    ...(f.test === "t" ? { pooledSd: f.pooledSd && !f.paired } : {}),
    pAdjust: f.pAdjust,
  }),
  fromSpec: (s) => ({
    column: s.column,
    groupBy: s.groupBy,
    test: s.test ?? "t",
    paired: s.paired ?? false,
    pooledSd: s.pooledSd ?? !(s.paired ?? false),
    pAdjust: s.pAdjust ?? "holm",
  }),
  titleDetail: (r) => r.method,
  tables: (r) => [
    {
      title: r.pooledSd != null ? `Pairs (pooled SD ${r.pooledSd.toPrecision(4)})` : "Pairs",
      header: r.pAdjust === "none" ? ["Pair", "p"] : ["Pair", "p", `p adjusted (${r.pAdjust})`],
      kinds: r.pAdjust === "none" ? ["text", "p"] : ["text", "p", "p"],
      rows: (r.comparisons ?? []).map((c) => {
        const pair = `${c.groups[0]} vs ${c.groups[1]}`;
        return r.pAdjust === "none" ? [pair, c.pValue] : [pair, c.pValue, c.pValueAdjusted];
      }),
    },
  ],
});
