// The analyses the web app offers, in the order the plan builder lists them: one module per type. Adding a type is
// writing its module and listing it here; a type of the API's AnalysisSpec without a module does not compile.
import type { Covers } from "../exhaustive";
import type { Table } from "../tables";
import type { Analysis, AnalysisResult, AnalysisSpec, AnalysisType, SpecOf } from "./analysis";
import { anova } from "./anova";
import { chisquare } from "./chisquare";
import { correlation } from "./correlation";
import { descriptive } from "./descriptive";
import { fisher } from "./fisher";
import { kruskal } from "./kruskal";
import { levene } from "./levene";
import { logistic } from "./logistic";
import { mannwhitney } from "./mannwhitney";
import { pairwise } from "./pairwise";
import { regression } from "./regression";
import { shapiro } from "./shapiro";
import { ttest } from "./ttest";
import { tukey } from "./tukey";
import { wilcoxon } from "./wilcoxon";

export type { AnalysisResult, AnalysisSpec, AnalysisType } from "./analysis";

const registry = <const L extends readonly Analysis[]>(list: L & Covers<AnalysisType, L[number]["type"]>): L => list;

export const ANALYSES = registry([descriptive, correlation, ttest, anova, regression, chisquare, levene, mannwhitney, wilcoxon, kruskal, logistic, shapiro, tukey, fisher, pairwise]);

type Listed = (typeof ANALYSES)[number];
/** The form of a type's module (of any of the types, for a union). */
export type FormOf<T extends AnalysisType> = Extract<Listed, { type: T }>["initial"];
/**
 * One analysis of the plan being built: its type and its form's fields (of any of the types, for a union); for one
 * taken from an earlier plan, what that plan set that the form has no field for (a confidence level), sent as it was.
 */
export type EntryOf<T extends AnalysisType> = T extends AnalysisType ? { type: T; kept?: Partial<SpecOf<T>> } & FormOf<T> : never;
export type Entry = EntryOf<AnalysisType>;

const byType = new Map<AnalysisType, Analysis>(ANALYSES.map((a) => [a.type, a]));

/** The module of a type, typed with that type's form, spec and result. */
export function analysisOf<T extends AnalysisType>(type: T): Analysis<T, FormOf<T>> {
  // The one place where a type meets its module's types: the compiler cannot follow a value through a lookup, and
  // the registry's test checks that each module is listed under its own type.
  return byType.get(type) as Analysis<T, FormOf<T>>;
}

export function newEntry<T extends AnalysisType>(type: T): EntryOf<T> {
  return { ...analysisOf(type).initial, type } as EntryOf<T>;
}

/** The spec the API takes for an entry of the plan. */
export const toSpec = (entry: Entry): AnalysisSpec => {
  const spec = analysisOf(entry.type).toSpec(entry);
  return entry.kept ? ({ ...entry.kept, ...spec } as AnalysisSpec) : spec;
};

/**
 * An entry of the plan made from a spec of an earlier plan (a session's, as GET /api/session/{id} gives it): its
 * form filled in as that spec says, and the spec's settings the form has no field for kept to be sent again.
 */
export function prefill(spec: AnalysisSpec): Entry {
  const analysis = analysisOf(spec.type);
  const entry = { ...analysis.initial, ...analysis.fromSpec(spec), type: spec.type } as Entry;
  const made = analysis.toSpec(entry) as Record<string, unknown>;
  const kept = Object.fromEntries(Object.entries(spec).filter(([key, value]) => !(key in made) && value !== null && value !== undefined));
  return Object.keys(kept).length ? ({ ...entry, kept } as Entry) : entry;
}

/** A result's title: its type's name, with what tells it apart (the t-test's kind, the correlation's method). */
export function titleOf(result: AnalysisResult): string {
  const analysis = analysisOf(result.type);
  const detail = analysis.titleDetail?.(result);
  return detail ? `${analysis.label} (${detail})` : analysis.label;
}

/** The tables of one result; none for an entry that could not be computed (it carries `error`). */
export const tablesOf = (result: AnalysisResult): Table[] => (result.error ? [] : analysisOf(result.type).tables(result));
