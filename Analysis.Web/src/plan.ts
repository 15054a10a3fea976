// Building a plan from what the person picks: which columns fit each role, and where the service's errors go.
// (What each type of analysis asks for, and the spec it becomes, is in its module under src/analyses/.)
import type { components } from "./api/schema";

export type Column = components["schemas"]["InspectedColumnDto"];

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
