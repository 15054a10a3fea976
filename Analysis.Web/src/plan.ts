// Building a plan from what the person picks: which columns fit each role, and the spec the API takes.
import type { components } from "./api/schema";

export type Column = components["schemas"]["InspectedColumnDto"];
export type AnalysisSpec = components["schemas"]["AnalysisSpec"];

/** A grouping column: categorical, or numeric with few values (codes such as 0/1 or 4/6/8). */
export const FEW_VALUES = 20;

export type Role = "numeric" | "grouping" | "twoGroups" | "predictor";

/**
 * The columns that fit a role: numeric variables; groupings of 2–1000 levels; exactly two levels for a t-test (or a
 * logistic outcome); model predictors, numeric or categorical of at most 1000 levels (treatment-coded).
 */
export function fitting(columns: Column[], role: Role): Column[] {
  switch (role) {
    case "numeric":
      return columns.filter((c) => c.type === "numeric");
    case "grouping":
      return columns.filter((c) => c.distinct >= 2 && c.distinct <= 1000 && (c.type === "categorical" || c.distinct <= FEW_VALUES));
    case "twoGroups":
      return columns.filter((c) => c.distinct === 2);
    case "predictor":
      return columns.filter((c) => c.type === "numeric" || (c.distinct >= 2 && c.distinct <= 1000));
  }
}

export type TTestForm = "two-sample" | "one-sample" | "paired";

/** One analysis as the form holds it (every field as text or lists), whatever its type. */
export interface Entry {
  type: "descriptive" | "correlation" | "ttest" | "anova" | "regression" | "chisquare" | "levene" | "mannwhitney" | "wilcoxon" | "kruskal" | "logistic" | "shapiro" | "tukey" | "fisher";
  form: TTestForm;
  columns: string[];
  column: string;
  groupBy: string;
  second: string;
  mu: string;
  method: "pearson" | "spearman" | "kendall";
  equalVariance: boolean;
  correction: boolean;
  center: "median" | "mean";
}

export function newEntry(type: Entry["type"]): Entry {
  return { type, form: "two-sample", columns: [], column: "", groupBy: "", second: "", mu: "0", method: "pearson", equalVariance: false, correction: true, center: "median" };
}

/** The spec the API takes for an entry; fields left empty are left out, so the service names what is missing. */
export function toSpec(e: Entry): AnalysisSpec {
  const some = <T,>(value: T | "" | undefined) => (value === "" || value === undefined ? undefined : value);
  switch (e.type) {
    case "descriptive":
      return { type: "descriptive", columns: e.columns.length ? e.columns : undefined };
    case "correlation":
      return { type: "correlation", columns: e.columns.length ? e.columns : undefined, method: e.method };
    case "ttest":
      if (e.form === "paired") return { type: "ttest", paired: true, columns: [e.column, e.second] };
      if (e.form === "one-sample") return { type: "ttest", column: some(e.column), mu: e.mu.trim() === "" ? undefined : Number(e.mu) };
      return { type: "ttest", column: some(e.column), groupBy: some(e.groupBy), equalVariance: e.equalVariance };
    case "anova":
      return { type: "anova", column: e.column, groupBy: e.groupBy };
    case "regression":
      return { type: "regression", dependent: e.column, independents: e.columns };
    case "chisquare":
      return { type: "chisquare", columns: [e.column, e.second], correction: e.correction };
    case "levene":
      return { type: "levene", column: e.column, groupBy: e.groupBy, center: e.center };
    case "mannwhitney":
      return { type: "mannwhitney", column: e.column, groupBy: e.groupBy, correction: e.correction };
    case "wilcoxon":
      if (e.form === "paired") return { type: "wilcoxon", columns: [e.column, e.second], correction: e.correction };
      return { type: "wilcoxon", column: some(e.column), mu: e.mu.trim() === "" ? undefined : Number(e.mu), correction: e.correction };
    case "kruskal":
      return { type: "kruskal", column: e.column, groupBy: e.groupBy };
    case "logistic":
      return { type: "logistic", dependent: e.column, independents: e.columns };
    case "shapiro":
      return { type: "shapiro", columns: e.columns.length ? e.columns : undefined };
    case "tukey":
      return { type: "tukey", column: e.column, groupBy: e.groupBy };
    case "fisher":
      return { type: "fisher", columns: [e.column, e.second] };
  }
}

/**
 * The service's errors by request path (`analyses[2].groupBy`, `name`, `dataset`), for the field they concern:
 * errors for one analysis are keyed by its index; the rest by field.
 */
export function errorsByField(errors: Record<string, string[]> | null | undefined): {
  analyses: Map<number, string[]>;
  fields: Map<string, string[]>;
} {
  const analyses = new Map<number, string[]>();
  const fields = new Map<string, string[]>();
  for (const [path, messages] of Object.entries(errors ?? {})) {
    const match = /^analyses\[(\d+)\](?:\.(.+))?$/.exec(path);
    if (match) {
      const index = Number(match[1]);
      const field = match[2];
      analyses.set(index, [...(analyses.get(index) ?? []), ...messages.map((m) => (field ? `${field}: ${m}` : m))]);
    } else {
      fields.set(path, [...(fields.get(path) ?? []), ...messages]);
    }
  }
  return { analyses, fields };
}
