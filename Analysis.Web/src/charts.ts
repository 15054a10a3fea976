// What each chart draws, from a result: kept apart from drawing, so that it is unit-tested.
import type { AnalysisResult } from "./results";
import { meanInterval } from "./stats";

export interface HeatCell {
  row: string;
  column: string;
  r: number | null;
}

/** A correlation matrix as cells for a heat map (null where r is undefined, e.g. a constant column). */
export function heatCells(r: AnalysisResult): HeatCell[] {
  if (r.type !== "correlation" || r.error) return [];
  const columns = r.columns ?? [];
  const matrix = (r.matrix ?? []) as (number | null)[][];
  return columns.flatMap((row, i) => columns.map((column, j) => ({ row, column, r: matrix[i]?.[j] ?? null })));
}

export interface Box {
  column: string;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

/** Each described column's five-number summary (R's type-7 quartiles), for a box plot; columns without one are left out. */
export function boxes(r: AnalysisResult): Box[] {
  if (r.type !== "descriptive" || r.error) return [];
  return Object.entries(r.columns ?? {}).flatMap(([column, s]) =>
    s.min === null || s.q1 === null || s.median === null || s.q3 === null || s.max === null
      ? []
      : [{ column, min: s.min, q1: s.q1, median: s.median, q3: s.q3, max: s.max }],
  );
}

export interface GroupMean {
  group: string;
  mean: number;
  low: number;
  high: number;
}

/** A t-test's or an ANOVA's groups: each mean with its 95% confidence interval (groups without one left out). */
export function groupMeans(r: AnalysisResult): GroupMean[] {
  if ((r.type !== "ttest" && r.type !== "anova") || r.error) return [];
  return (r.groups ?? []).flatMap((g) => {
    const interval = g.mean === null || g.std === null ? null : meanInterval(g.mean, g.std, g.n);
    return interval && g.mean !== null ? [{ group: g.name, mean: g.mean, low: interval[0], high: interval[1] }] : [];
  });
}
