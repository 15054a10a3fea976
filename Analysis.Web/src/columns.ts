// A stored dataset's columns at a glance: what each column's small chart draws (a histogram of a numeric column, the
// most frequent levels of a categorical one) and the sentence that says the same for a screen reader. Kept apart
// from drawing, so that it is unit-tested.
import type { components } from "./api/schema";
import type { Column } from "./plan";

export interface Bin {
  /** The bin is (x0, x1], the first one [x0, x1], as R's hist() counts. */
  x0: number;
  x1: number;
  count: number;
}

/**
 * Breaks about `n` intervals apart at round numbers (1, 2 or 5 times a power of ten) covering [low, high]: R's
 * pretty(), whose breaks hist() uses, with its default bias towards the larger unit.
 */
export function prettyBreaks(low: number, high: number, n: number): number[] {
  const h = 1.5;
  const h5 = 0.5 + 1.5 * h;
  const cell = (high - low) / Math.max(1, n);
  const base = 10 ** Math.floor(Math.log10(cell));
  let unit = base;
  if (2 * base - cell < h * (cell - unit)) {
    unit = 2 * base;
    if (5 * base - cell < h5 * (cell - unit)) {
      unit = 5 * base;
      if (10 * base - cell < h * (cell - unit)) unit = 10 * base;
    }
  }
  const eps = 1e-10;
  let start = Math.floor(low / unit + eps);
  let end = Math.ceil(high / unit - eps);
  while (start * unit > low + eps * unit) start--;
  while (end * unit < high - eps * unit) end++;
  // Multiplied from whole steps (not added up), so that 0.1 + 0.2 does not creep into the labels.
  return Array.from({ length: end - start + 1 }, (_, i) => Number(((start + i) * unit).toPrecision(12)));
}

/** A histogram as R's hist() draws it by default: Sturges' number of classes, pretty breaks, right-closed bins. */
export function histogram(values: readonly (number | null)[]): Bin[] {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return [];
  let low = Infinity;
  let high = -Infinity;
  for (const x of xs) {
    if (x < low) low = x;
    if (x > high) high = x;
  }
  if (low === high) return [{ x0: low - 0.5, x1: high + 0.5, count: xs.length }];
  const breaks = prettyBreaks(low, high, Math.ceil(Math.log2(xs.length) + 1));
  const bins: Bin[] = breaks.slice(1).map((x1, i) => ({ x0: breaks[i]!, x1, count: 0 }));
  for (const x of xs) {
    // The first bin whose upper break reaches x (binary search: a sample has up to 10,000 values).
    let lo = 0;
    let hi = bins.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x <= bins[mid]!.x1) hi = mid;
      else lo = mid + 1;
    }
    bins[lo]!.count++;
  }
  return bins;
}

export interface Level {
  level: string;
  count: number;
}

/** The `top` most frequent levels (ties in the order of the text), and how many values the other levels hold. */
export function topLevels(values: readonly (string | null)[], top = 8): { levels: Level[]; others: number; otherLevels: number } {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts].map(([level, count]) => ({ level, count })).sort((a, b) => b.count - a.count || (a.level < b.level ? -1 : a.level > b.level ? 1 : 0));
  const rest = sorted.slice(top);
  return { levels: sorted.slice(0, top), others: rest.reduce((sum, l) => sum + l.count, 0), otherLevels: rest.length };
}

const count = new Intl.NumberFormat("en");
const plain = new Intl.NumberFormat("en", { maximumSignificantDigits: 6 });

/** Where the values came from: every row, or an even sample of them. */
function source(used: number, sampled: boolean, rows: number): string {
  return sampled ? `${count.format(used)} values sampled from ${count.format(rows)} rows` : `${count.format(used)} values`;
}

/** The histogram in words: its range, its bins, and the fullest bin. */
export function histogramText(column: string, bins: readonly Bin[], sampled: boolean, rows: number): string {
  const used = bins.reduce((sum, b) => sum + b.count, 0);
  if (used === 0) return `${column}: no values to draw (every cell is missing).`;
  const fullest = bins.reduce((a, b) => (b.count > a.count ? b : a));
  const first = bins[0]!;
  const last = bins[bins.length - 1]!;
  return (
    `Histogram of ${column}: ${source(used, sampled, rows)} in ${bins.length} bin${bins.length === 1 ? "" : "s"} of equal width from ` +
    `${plain.format(first.x0)} to ${plain.format(last.x1)}; the fullest holds ${count.format(fullest.count)}, from ${plain.format(fullest.x0)} to ${plain.format(fullest.x1)}.`
  );
}

/** The bar chart of levels in words: each level drawn with its count, and what the others hold. */
export function levelsText(column: string, top: ReturnType<typeof topLevels>, sampled: boolean, rows: number): string {
  const used = top.levels.reduce((sum, l) => sum + l.count, 0) + top.others;
  if (used === 0) return `${column}: no values to draw (every cell is missing).`;
  const listed = top.levels.map((l) => `${l.level} ${count.format(l.count)}`).join(", ");
  const rest = top.otherLevels ? `; ${top.otherLevels} other level${top.otherLevels === 1 ? "" : "s"} hold ${count.format(top.others)}` : "";
  return `Most frequent levels of ${column} (${source(used, sampled, rows)}): ${listed}${rest}.`;
}

export type DatasetColumn = components["schemas"]["DatasetColumnDto"];

/**
 * A stored dataset's columns as the plan builder takes them. A distinct count the service did not keep (null) is
 * taken as "many": such a column is offered where any column fits, not as a grouping; the service checks the plan.
 */
export function planColumns(columns: readonly DatasetColumn[]): Column[] {
  return columns.map((c) => ({
    name: c.name,
    type: c.type === "categorical" ? "categorical" : "numeric",
    missing: c.missing,
    distinct: c.distinct ?? 1001,
  }));
}
