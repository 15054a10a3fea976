import * as Plot from "@observablehq/plot";
import type { components } from "../api/schema";
import { Figure } from "../figures";
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
      <Figure
        label={`${title}: each pair's difference of means with its family-wise confidence interval`}
        make={() =>
          Plot.plot({
            width: 480,
            marginLeft: 90,
            height: 40 + 28 * pairs.length,
            x: { label: "difference of means (family-wise interval)", grid: true },
            y: { label: null, domain: pairs.map((p) => p.pair) },
            marks: [
              Plot.ruleX([0], { stroke: "#4d4d4d" }),
              Plot.ruleY(pairs, { y: "pair", x1: "low", x2: "high", stroke: "#0b57d0", strokeWidth: 2 }),
              Plot.dot(pairs, { y: "pair", x: "difference", fill: "#0b57d0", r: 4 }),
            ],
          })
        }
      />
    );
  },
});
