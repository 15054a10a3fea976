import { describe, expect, it } from "vitest";
import { newEntry, toSpec } from "./analyses";
import { errorsByField, fitting, type Column } from "./plan";

const columns: Column[] = [
  { name: "extra", type: "numeric", missing: 0, distinct: 17 },
  { name: "group", type: "numeric", missing: 0, distinct: 2 },
  { name: "cyl", type: "numeric", missing: 0, distinct: 3 },
  { name: "id", type: "numeric", missing: 0, distinct: 500 },
  { name: "city", type: "categorical", missing: 1, distinct: 40 },
  { name: "note", type: "categorical", missing: 0, distinct: 1001 },
];

describe("fitting", () => {
  it("offers numeric columns for a variable", () => {
    expect(fitting(columns, "numeric").map((c) => c.name)).toEqual(["extra", "group", "cyl", "id"]);
  });
  it("offers categorical or few-valued columns of 2 to 1000 levels for a grouping", () => {
    expect(fitting(columns, "grouping").map((c) => c.name)).toEqual(["extra", "group", "cyl", "city"]);
  });
  it("offers numeric columns and categorical ones of at most 1000 levels as model predictors", () => {
    expect(fitting(columns, "predictor").map((c) => c.name)).toEqual(["extra", "group", "cyl", "id", "city"]);
  });
  it("offers only two-level columns for a t-test's groups", () => {
    expect(fitting(columns, "twoGroups").map((c) => c.name)).toEqual(["group"]);
  });
});

describe("toSpec", () => {
  it("builds each type's spec as the API takes it", () => {
    expect(toSpec(newEntry("descriptive"))).toEqual({ type: "descriptive", columns: undefined });
    expect(toSpec({ ...newEntry("ttest"), column: "extra", groupBy: "group" })).toEqual({ type: "ttest", column: "extra", groupBy: "group", equalVariance: false });
    expect(toSpec({ ...newEntry("ttest"), form: "one-sample", column: "extra", mu: "1.5" })).toEqual({ type: "ttest", column: "extra", mu: 1.5 });
    expect(toSpec({ ...newEntry("ttest"), form: "paired", column: "a", second: "b" })).toEqual({ type: "ttest", paired: true, columns: ["a", "b"] });
    expect(toSpec({ ...newEntry("regression"), column: "y", columns: ["x1", "x2"] })).toEqual({ type: "regression", dependent: "y", independents: ["x1", "x2"] });
    expect(toSpec({ ...newEntry("chisquare"), column: "a", second: "b" })).toEqual({ type: "chisquare", columns: ["a", "b"], correction: true });
    expect(toSpec({ ...newEntry("levene"), column: "extra", groupBy: "cyl", center: "mean" })).toEqual({ type: "levene", column: "extra", groupBy: "cyl", center: "mean" });
    expect(toSpec({ ...newEntry("mannwhitney"), column: "extra", groupBy: "group" })).toEqual({ type: "mannwhitney", column: "extra", groupBy: "group", correction: true });
    expect(toSpec({ ...newEntry("wilcoxon"), form: "paired", column: "a", second: "b", correction: false })).toEqual({ type: "wilcoxon", columns: ["a", "b"], correction: false });
    expect(toSpec({ ...newEntry("wilcoxon"), form: "one-sample", column: "extra", mu: "2" })).toEqual({ type: "wilcoxon", column: "extra", mu: 2, correction: true });
    expect(toSpec({ ...newEntry("kruskal"), column: "extra", groupBy: "cyl" })).toEqual({ type: "kruskal", column: "extra", groupBy: "cyl" });
    expect(toSpec({ ...newEntry("tukey"), column: "extra", groupBy: "cyl" })).toEqual({ type: "tukey", column: "extra", groupBy: "cyl" });
    expect(toSpec({ ...newEntry("fisher"), column: "a", second: "b" })).toEqual({ type: "fisher", columns: ["a", "b"] });
    expect(toSpec(newEntry("shapiro"))).toEqual({ type: "shapiro", columns: undefined });
    expect(toSpec({ ...newEntry("correlation"), method: "kendall" })).toEqual({ type: "correlation", columns: undefined, method: "kendall" });
    expect(toSpec({ ...newEntry("logistic"), column: "group", columns: ["extra", "city"] })).toEqual({ type: "logistic", dependent: "group", independents: ["extra", "city"] });
  });
  it("leaves an empty field out, so the service names it as missing", () => {
    expect(toSpec(newEntry("ttest"))).toEqual({ type: "ttest", column: undefined, groupBy: undefined, equalVariance: false });
  });
});

describe("errorsByField", () => {
  it("files the service's errors under the analysis or the field they name", () => {
    const { analyses, fields } = errorsByField({
      "analyses[1].groupBy": ["Required: the column whose levels form the groups."],
      "analyses[1]": ["Not a field of a anova analysis."],
      name: ["At most 200 characters."],
    });
    expect(analyses.get(1)).toEqual(["groupBy: Required: the column whose levels form the groups.", "Not a field of a anova analysis."]);
    expect(fields.get("name")).toEqual(["At most 200 characters."]);
  });
});
