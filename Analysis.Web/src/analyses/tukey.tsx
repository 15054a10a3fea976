import type { components } from "../api/schema";
import { IntervalsFigure } from "../figures";
import { defineAnalysis } from "./analysis";
import { VariableByGroups } from "./fields";

type TukeyResult = components["schemas"]["TukeyResult"];

export interface PairInterval {
  pair: string;
  difference: number;
  low: number;
  high: number;
}

const pairName = (groups: string[]) => `${groups[1]} − ${groups[0]}`;

/** Tukey's pairs: each difference of means b − a with its family-wise interval (an interval off zero is a difference). */
export function tukeyIntervals(r: TukeyResult): PairInterval[] {
  if (r.error) return [];
  return (r.comparisons ?? []).flatMap((c) => {
    const [low, high] = c.confidenceInterval;
    return c.difference === null || low === null || high === null || low === undefined || high === undefined
      ? []
      : [{ pair: pairName(c.groups), difference: c.difference, low, high }];
  });
}

export const tukey = defineAnalysis({
  type: "tukey",
  label: "Tukey's honest significant differences",
  initial: { column: "", groupBy: "" },
  Fields: VariableByGroups,
  toSpec: (f) => ({ type: "tukey", column: f.column, groupBy: f.groupBy }),
  fromSpec: (s) => ({ column: s.column, groupBy: s.groupBy }),
  tables: (r) => [
    {
      title: `Pairs (difference of means, ${Math.round((r.confidenceLevel ?? 0.95) * 100)}% family-wise intervals)`,
      header: ["Pair", "Difference", "CI low", "CI high", "p (adjusted)"],
      kinds: ["text", "number", "number", "number", "p"],
      rows: (r.comparisons ?? []).map((c) => [pairName(c.groups), c.difference, c.confidenceInterval[0], c.confidenceInterval[1], c.pValue]),
    },
  ],
  Chart({ result, title }) {
    const pairs = tukeyIntervals(result);
    if (!pairs.length) return null;
    return (
      <IntervalsFigure
        label={`${title}: each pair's difference of means with its family-wise confidence interval`}
        rows={pairs.map((p) => ({ name: p.pair, estimate: p.difference, low: p.low, high: p.high }))}
        xLabel="difference of means (family-wise interval)"
      />
    );
  },
});
