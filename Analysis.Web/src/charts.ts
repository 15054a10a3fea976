// What the charts several analyses share draw, from a result: kept apart from drawing, so that it is unit-tested.
// (A chart of one type's results is worked out in that type's module, src/analyses/.)
import { meanInterval } from "./stats";

export interface GroupMean {
  group: string;
  mean: number;
  low: number;
  high: number;
}

/** Groups as a t-test's or an ANOVA's result gives them: each mean with its 95% confidence interval (groups without one left out). */
export function groupMeans(r: { error?: string; groups?: { name: string; n: number; mean: number | null; std: number | null }[] | null }): GroupMean[] {
  if (r.error) return [];
  return (r.groups ?? []).flatMap((g) => {
    const interval = g.mean === null || g.std === null ? null : meanInterval(g.mean, g.std, g.n);
    return interval && g.mean !== null ? [{ group: g.name, mean: g.mean, low: interval[0], high: interval[1] }] : [];
  });
}

/** One row of an interval chart (IntervalsFigure): its name, an estimate and its interval. */
export interface IntervalRow {
  name: string;
  estimate: number;
  low: number;
  high: number;
}

/**
 * A session's effect sizes with a finite interval, in plan order, each labelled "n. measure" (the analysis's number
 * in the plan): the rows of a forest-style chart (an effect size without an interval, such as rank ε², is left out).
 */
export function forestRows(results: readonly { effectSizes?: readonly { name: string; estimate: number | null; confidenceInterval: readonly (number | null)[] }[] | null; error?: string }[]): IntervalRow[] {
  return results.flatMap((r, i) =>
    r.error || !r.effectSizes
      ? []
      : r.effectSizes.flatMap((e) => {
          const [low, high] = e.confidenceInterval;
          return e.estimate === null || low == null || high == null ? [] : [{ name: `${i + 1}. ${e.name}`, estimate: e.estimate, low, high }];
        }),
  );
}
