// A result as tables: the same tables are shown formatted for people and downloaded as CSV with full precision.
// The shapes several analyses share are made here once.

export type Cell = string | number | null | undefined;
/** How a column's numbers read: p-values in scientific form, counts as they are, other numbers to 4 digits. */
export type Kind = "text" | "number" | "count" | "p";

export interface Table {
  title: string;
  header: string[];
  kinds: Kind[];
  rows: Cell[][];
}

/** Groups with their size, mean and standard deviation (a t-test's, an ANOVA's). */
export function groupsTable(groups: { name: string; n: number; mean: number | null; std: number | null }[]): Table {
  return { title: "Groups", header: ["Group", "n", "Mean", "SD"], kinds: ["text", "count", "number", "number"], rows: groups.map((g) => [g.name, g.n, g.mean, g.std]) };
}

/** Effect sizes with their intervals (effectsize's measures: Cohen's d, Hedges' g, η², ω², ε²…); none when absent. */
export function effectSizesTable(
  sizes: { name: string; estimate: number | null; confidenceInterval: (number | null)[]; confidenceLevel: number | null; alternative: string }[] | null | undefined,
): Table[] {
  if (!sizes?.length) return [];
  return [
    {
      title: "Effect sizes",
      header: ["Measure", "Estimate", "CI low", "CI high", "Confidence", "Interval"],
      kinds: ["text", "number", "number", "number", "number", "text"],
      rows: sizes.map((e) => [e.name, e.estimate, e.confidenceInterval[0], e.confidenceInterval[1], e.confidenceLevel, e.alternative === "greater" ? "one-sided" : "two-sided"]),
    },
  ];
}

/** A model's assumption checks (`"checks": true`): Shapiro–Wilk on residuals or groups, Levene (median), and their reading. */
export interface ChecksOf {
  normality: { method: string; group?: string | null; n: number; statistic?: number | null; pValue?: number | null; note?: string | null }[];
  equalVariance?: { method: string; groups: string; fStatistic: number | null; dfBetween: number; dfWithin: number; pValue: number | null } | null;
  reading: string;
}

/** The checks as one table, titled by their reading; none when the analysis had no checks. */
export function checksTables(checks: ChecksOf | null | undefined): Table[] {
  if (!checks) return [];
  const eq = checks.equalVariance;
  return [
    {
      title: `Assumption checks: ${checks.reading}`,
      header: ["Check", "Of", "n", "Statistic", "p-value", "Note"],
      kinds: ["text", "text", "count", "number", "p", "text"],
      rows: [
        ...checks.normality.map((t): Cell[] => [`${t.method} W`, t.group ?? "residuals", t.n, t.statistic, t.pValue, t.note ?? ""]),
        ...(eq ? [[`${eq.method} F`, eq.groups, null, eq.fStatistic, eq.pValue, `df ${eq.dfBetween}, ${eq.dfWithin}`] as Cell[]] : []),
      ],
    },
  ];
}

/** A matrix with its rows and columns named (a contingency table, a correlation matrix); a row missing from it is left empty. */
export function crossTable(title: string, rowNames: string[], columnNames: string[], kind: Kind, matrix: readonly (readonly Cell[])[] | undefined): Table {
  return {
    title,
    header: ["", ...columnNames],
    kinds: ["text", ...columnNames.map((): Kind => kind)],
    rows: rowNames.map((name, i) => [name, ...((matrix ?? [])[i] ?? [])]),
  };
}
