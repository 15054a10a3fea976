// What the web app knows about one type of analysis, all in one module (src/analyses/<type>.tsx): its name, its
// form, the spec the form becomes, its result's tables and its chart. The registry (index.ts) lists the modules;
// the pages read them through it and never ask which type they hold.
import type { JSX } from "preact";
import type { components } from "../api/schema";
import type { Column } from "../plan";
import type { Table } from "../tables";

export type AnalysisSpec = components["schemas"]["AnalysisSpec"];
export type AnalysisResult = components["schemas"]["AnalysisResult"];
export type AnalysisType = AnalysisSpec["type"];
/** The API's spec and result schemas of one type (e.g. TTestSpec and TTestResult for "ttest"). */
export type SpecOf<T extends AnalysisType> = Extract<AnalysisSpec, { type: T }>;
export type ResultOf<T extends AnalysisType> = Extract<AnalysisResult, { type: T }>;

/** What a type's form fields are given: the form, the dataset's columns, and ids unique on the page. */
export interface FieldsProps<F> {
  form: F;
  columns: Column[];
  /** A field's element id, unique to this analysis of the plan: `analysis-{index}-{field}`. */
  id: (field: string) => string;
  onChange: (change: Partial<F>) => void;
}

export interface ChartProps<R> {
  result: R;
  /** The result's numbered title, which the chart's text alternative starts with. */
  title: string;
  sessionId: string;
}

/**
 * One type of analysis. F is its form as the person fills it in (text as typed, lists as chosen); the form is
 * kept whole however the person changes the form's kind, so a choice survives switching back.
 *
 * Methods rather than function-valued properties: a module of one type then also passes where any module is taken.
 */
export interface Analysis<T extends AnalysisType = AnalysisType, F extends object = object> {
  type: T;
  /** Its name for people: in the list of analyses to add, on the plan, and as its result's title. */
  label: string;
  /** A new form (shared lists are never changed in place: every change makes a new form). */
  initial: F;
  Fields(props: FieldsProps<F>): JSX.Element;
  /** The spec the API takes; a field left empty is left out or sent empty, so the service names what is missing. */
  toSpec(form: F): SpecOf<T>;
  /**
   * The form a spec was made from (a session's plan, to run it again): the fields the spec sets; the rest stay as
   * the new form has them. What the form has no field for is kept beside it by the registry (`prefill`).
   */
  fromSpec(spec: SpecOf<T>): Partial<F>;
  /** What the result's title adds in brackets to the label (the t-test's kind, the correlation's method). */
  titleDetail?(result: ResultOf<T>): string | null | undefined;
  /** Its result's tables; only asked of a result that was computed (one without `error`). */
  tables(result: ResultOf<T>): Table[];
  /** Its result's chart, where it is better looked at than read; only drawn for a computed result. */
  Chart?(props: ChartProps<ResultOf<T>>): JSX.Element | null;
}

/** A module, typed as written (the compiler checks its form against its fields and its spec against the API). */
export function defineAnalysis<T extends AnalysisType, F extends object>(analysis: Analysis<T, F>): Analysis<T, F> {
  return analysis;
}
