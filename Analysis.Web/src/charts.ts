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

export interface Point {
  x: number;
  y: number;
}

export interface RegressionPicture {
  /** "line": y against the one predictor with the fitted line; "residuals": residuals against fitted values. */
  kind: "line" | "residuals";
  x: string;
  y: string;
  points: Point[];
  /** The fitted line's two ends (for "line"); the zero line's (for "residuals"). */
  line: [Point, Point];
}

/** Sampled values by column name: numbers, null where missing (a categorical column is not a predictor here). */
export type SampleColumns = Record<string, (number | null)[]>;

/**
 * What a regression's chart draws from its coefficients and a sample of rows: for one predictor, the points and
 * the fitted line across their range; for several, each row's residual against its fitted value (the usual check
 * for a curve or a funnel). Rows missing any of the columns are left out, as the fit left them out.
 */
export function regressionPicture(r: AnalysisResult, sample: SampleColumns): RegressionPicture | null {
  if (r.type !== "regression" || r.error || !r.dependent || !r.independents?.length) return null;
  const estimates = (r.coefficients ?? []).map((c) => c.estimate);
  if (estimates.length !== r.independents.length + 1 || estimates.some((e) => e === null)) return null;
  const b = estimates as number[];
  const ys = sample[r.dependent];
  const xs = r.independents.map((name) => sample[name]);
  if (!ys || xs.some((x) => !x)) return null;

  const rows: { x: number[]; y: number }[] = [];
  ys.forEach((y, i) => {
    const x = xs.map((column) => column![i] ?? null);
    if (y !== null && x.every((v) => v !== null)) rows.push({ x: x as number[], y });
  });
  if (rows.length === 0) return null;
  const fit = (x: number[]) => x.reduce((sum, v, j) => sum + b[j + 1]! * v, b[0]!);

  if (r.independents.length === 1) {
    const values = rows.map((row) => row.x[0]!);
    const low = Math.min(...values);
    const high = Math.max(...values);
    return {
      kind: "line",
      x: r.independents[0]!,
      y: r.dependent,
      points: rows.map((row) => ({ x: row.x[0]!, y: row.y })),
      line: [
        { x: low, y: fit([low]) },
        { x: high, y: fit([high]) },
      ],
    };
  }

  const points = rows.map((row) => {
    const fitted = fit(row.x);
    return { x: fitted, y: row.y - fitted };
  });
  const fitted = points.map((p) => p.x);
  return {
    kind: "residuals",
    x: "fitted value",
    y: "residual",
    points,
    line: [
      { x: Math.min(...fitted), y: 0 },
      { x: Math.max(...fitted), y: 0 },
    ],
  };
}

export interface PairInterval {
  pair: string;
  difference: number;
  low: number;
  high: number;
}

/** Tukey's pairs: each difference of means b − a with its family-wise interval (an interval off zero is a difference). */
export function tukeyIntervals(r: AnalysisResult): PairInterval[] {
  if (r.type !== "tukey" || r.error) return [];
  return (r.comparisons ?? []).flatMap((c) => {
    const [low, high] = c.confidenceInterval;
    return c.difference === null || low === null || high === null || low === undefined || high === undefined
      ? []
      : [{ pair: `${c.groups[1]} − ${c.groups[0]}`, difference: c.difference, low, high }];
  });
}
