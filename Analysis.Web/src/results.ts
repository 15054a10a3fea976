// A result as tables: the same tables are shown formatted for people and downloaded as CSV with full precision.
import type { components } from "./api/schema";

export type AnalysisResult = components["schemas"]["AnalysisResult"];
export type Cell = string | number | null | undefined;
/** How a column's numbers read: p-values in scientific form, counts as they are, other numbers to 4 digits. */
export type Kind = "text" | "number" | "count" | "p";

export interface Table {
  title: string;
  header: string[];
  kinds: Kind[];
  rows: Cell[][];
}

const TITLES: Record<AnalysisResult["type"], string> = {
  descriptive: "Descriptive statistics",
  correlation: "Correlation",
  ttest: "t-test",
  anova: "One-way ANOVA",
  regression: "Linear regression",
  chisquare: "Chi-square test of independence",
  levene: "Levene's test of equal variances",
  mannwhitney: "Wilcoxon rank-sum (Mann–Whitney) test",
  wilcoxon: "Wilcoxon signed-rank test",
  kruskal: "Kruskal–Wallis test",
  logistic: "Logistic regression",
  shapiro: "Shapiro–Wilk test of normality",
  tukey: "Tukey's honest significant differences",
  fisher: "Fisher's exact test",
};

export function titleOf(result: AnalysisResult): string {
  const base = TITLES[result.type];
  if (result.type === "ttest" && result.kind) return `${base} (${result.kind})`;
  if (result.type === "correlation" && result.method) return `${base} (${result.method})`;
  if ((result.type === "mannwhitney" || result.type === "wilcoxon") && result.kind) return `${base} (${result.kind})`;
  return base;
}

/** The tables of one result; none for an entry that could not be computed (it carries `error`). */
export function tablesOf(r: AnalysisResult): Table[] {
  if (r.error) return [];
  switch (r.type) {
    case "descriptive": {
      const stats = ["count", "missing", "mean", "std", "min", "q1", "median", "q3", "max"] as const;
      return [
        {
          title: "Columns",
          header: ["Column", ...stats],
          kinds: ["text", "count", "count", "number", "number", "number", "number", "number", "number", "number"],
          rows: Object.entries(r.columns ?? {}).map(([name, s]) => [name, ...stats.map((k) => s[k])]),
        },
      ];
    }
    case "correlation": {
      const cols = r.columns ?? [];
      const matrix = (r.matrix ?? []) as (number | null)[][];
      const p = (r.pValues ?? []) as (number | null)[][];
      return [
        { title: "Coefficients", header: ["", ...cols], kinds: ["text", ...cols.map((): Kind => "number")], rows: cols.map((c, i) => [c, ...(matrix[i] ?? [])]) },
        // The diagonal's 0 is a convention (a column against itself), not a p-value: left blank.
        { title: "p-values", header: ["", ...cols], kinds: ["text", ...cols.map((): Kind => "p")], rows: cols.map((c, i) => [c, ...(p[i] ?? []).map((v, j) => (i === j ? null : v))]) },
      ];
    }
    case "ttest": {
      const tables: Table[] = [
        {
          title: "Test",
          header: ["t", "df", "p-value", "Estimate", "CI low", "CI high", "Confidence", "Cohen's d", "n"],
          kinds: ["number", "number", "p", "number", "number", "number", "number", "number", "count"],
          rows: [[r.statistic, r.df, r.pValue, r.estimate, r.confidenceInterval?.[0], r.confidenceInterval?.[1], r.confidenceLevel, r.cohensD, r.n]],
        },
      ];
      if (r.groups?.length) tables.push(groupsTable(r.groups));
      return tables;
    }
    case "anova":
      return [
        {
          title: "Test",
          header: ["F", "df between", "df within", "p-value", "SS between", "SS within", "η²", "n"],
          kinds: ["number", "count", "count", "p", "number", "number", "number", "count"],
          rows: [[r.fStatistic, r.dfBetween, r.dfWithin, r.pValue, r.sumSquaresBetween, r.sumSquaresWithin, r.etaSquared, r.n]],
        },
        groupsTable(r.groups ?? []),
      ];
    case "logistic":
      return [
        {
          title: `Coefficients (log odds of ${r.dependent} = ${r.event})`,
          header: ["Term", "Estimate", "Std. error", "z", "p-value"],
          kinds: ["text", "number", "number", "number", "p"],
          rows: (r.coefficients ?? []).map((c) => [c.term, c.estimate, c.stdError, c.zStatistic, c.pValue]),
        },
        {
          title: "Fit",
          header: ["Deviance", "df (residual)", "Null deviance", "df (null)", "AIC", "n"],
          kinds: ["number", "count", "number", "count", "number", "count"],
          rows: [[r.deviance, r.dfResidual, r.nullDeviance, r.dfNull, r.aic, r.n]],
        },
      ];
    case "shapiro":
      return [
        {
          title: "Columns",
          header: ["Column", "n", "W", "p-value", "Not computed"],
          kinds: ["text", "count", "number", "p", "text"],
          rows: Object.entries(r.columns ?? {}).map(([name, c]) => [name, c.n, c.statistic, c.pValue, c.error ?? ""]),
        },
      ];
    case "tukey":
      return [
        {
          title: `Pairs (difference of means, ${Math.round((r.confidenceLevel ?? 0.95) * 100)}% family-wise intervals)`,
          header: ["Pair", "Difference", "CI low", "CI high", "p (adjusted)"],
          kinds: ["text", "number", "number", "number", "p"],
          rows: (r.comparisons ?? []).map((c) => [`${c.groups[1]} − ${c.groups[0]}`, c.difference, c.confidenceInterval[0], c.confidenceInterval[1], c.pValue]),
        },
      ];
    case "fisher": {
      const levels = r.columnLevels ?? [];
      const tables: Table[] = [
        // A 2×2 table has an interval (its odds ratio may be infinite, given as null); a larger one has none.
        !r.confidenceInterval
          ? { title: "Test", header: ["p-value", "n"], kinds: ["p", "count"], rows: [[r.pValue, r.n]] }
          : {
              title: "Test",
              header: ["p-value", "Odds ratio", "CI low", "CI high", "Confidence", "n"],
              kinds: ["p", "number", "number", "number", "number", "count"],
              rows: [[r.pValue, r.oddsRatio, r.confidenceInterval?.[0], r.confidenceInterval?.[1], r.confidenceLevel, r.n]],
            },
        { title: "Observed", header: ["", ...levels], kinds: ["text", ...levels.map((): Kind => "count")], rows: (r.rowLevels ?? []).map((level, i) => [level, ...((r.observed ?? [])[i] ?? [])]) },
      ];
      return tables;
    }
    case "mannwhitney":
      return [
        {
          title: "Test",
          header: ["W", "p-value", "Rank-biserial r", "n"],
          kinds: ["number", "p", "number", "count"],
          rows: [[r.statistic, r.pValue, r.rankBiserial, r.n]],
        },
        { title: "Groups", header: ["Group", "n", "Median"], kinds: ["text", "count", "number"], rows: (r.groups ?? []).map((g) => [g.name, g.n, g.median]) },
      ];
    case "wilcoxon":
      return [
        {
          title: "Test",
          header: ["V", "p-value", "n", "Zero differences"],
          kinds: ["number", "p", "count", "count"],
          rows: [[r.statistic, r.pValue, r.n, r.zeros]],
        },
      ];
    case "kruskal":
      return [
        { title: "Test", header: ["χ²", "df", "p-value", "n"], kinds: ["number", "count", "p", "count"], rows: [[r.statistic, r.df, r.pValue, r.n]] },
        { title: "Groups", header: ["Group", "n", "Mean rank"], kinds: ["text", "count", "number"], rows: (r.groups ?? []).map((g) => [g.name, g.n, g.meanRank]) },
      ];
    case "levene":
      return [
        {
          title: "Test",
          header: ["Centre", "F", "df between", "df within", "p-value", "n"],
          kinds: ["text", "number", "count", "count", "p", "count"],
          rows: [[r.center, r.fStatistic, r.dfBetween, r.dfWithin, r.pValue, r.n]],
        },
      ];
    case "regression":
      return [
        {
          title: "Coefficients",
          header: ["Term", "Estimate", "Std. error", "t", "p-value"],
          kinds: ["text", "number", "number", "number", "p"],
          rows: (r.coefficients ?? []).map((c) => [c.term, c.estimate, c.stdError, c.tStatistic, c.pValue]),
        },
        {
          title: "Fit",
          header: ["R²", "Adjusted R²", "F", "p-value (F)", "Residual std. error", "df (residual)", "n"],
          kinds: ["number", "number", "number", "p", "number", "count", "count"],
          rows: [[r.rSquared, r.adjustedRSquared, r.fStatistic, r.fPValue, r.residualStdError, r.dfResidual, r.n]],
        },
      ];
    case "chisquare": {
      const rowsOf = (m: (number | null)[][] | undefined) => (r.rowLevels ?? []).map((level, i) => [level, ...((m ?? [])[i] ?? [])]);
      const levels = r.columnLevels ?? [];
      return [
        { title: "Test", header: ["χ²", "df", "p-value", "n"], kinds: ["number", "count", "p", "count"], rows: [[r.statistic, r.df, r.pValue, r.n]] },
        { title: "Observed", header: ["", ...levels], kinds: ["text", ...levels.map((): Kind => "count")], rows: rowsOf(r.observed) },
        { title: "Expected", header: ["", ...levels], kinds: ["text", ...levels.map((): Kind => "number")], rows: rowsOf(r.expected) },
      ];
    }
  }
}

function groupsTable(groups: { name: string; n: number; mean: number | null; std: number | null }[]): Table {
  return { title: "Groups", header: ["Group", "n", "Mean", "SD"], kinds: ["text", "count", "number", "number"], rows: groups.map((g) => [g.name, g.n, g.mean, g.std]) };
}

/** One CSV for all results: each table under a line naming its analysis and table, full precision, RFC 4180 quoting. */
export function toCsv(results: AnalysisResult[]): string {
  const quote = (cell: Cell) => {
    if (cell === null || cell === undefined) return "";
    const text = String(cell);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines: string[] = [];
  results.forEach((r, i) => {
    const title = `${i + 1}. ${titleOf(r)}`;
    if (r.error) {
      lines.push(quote(title), quote(`error: ${r.error}`), "");
      return;
    }
    for (const table of tablesOf(r)) {
      lines.push(quote(`${title}: ${table.title}`));
      lines.push(table.header.map(quote).join(","));
      for (const row of table.rows) lines.push(row.map(quote).join(","));
      lines.push("");
    }
  });
  return lines.join("\r\n");
}
