import { render } from "preact";
import { useState } from "preact/hooks";
import { act } from "preact/test-utils";
import { describe, expect, it } from "vitest";
import type { Column } from "../plan";
import { members, violations } from "../test/openapi";
import type { AnalysisType, SpecOf } from "./analysis";
import { analysisOf, ANALYSES, newEntry, prefill, toSpec, type AnalysisSpec, type Entry, type FormOf } from ".";

const specs = members("AnalysisSpec");
const results = members("AnalysisResult");

// At compile time: the registry lists exactly the API's types (index.ts does not compile when one is missing).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listsTheApisTypes: Same<(typeof ANALYSES)[number]["type"], AnalysisType> = true;

describe("the registry", () => {
  it("has one module for each type of the API's AnalysisSpec and AnalysisResult, each listed under its own type", () => {
    const types = ANALYSES.map((a) => a.type);
    expect(listsTheApisTypes).toBe(true);
    expect(new Set(types).size).toBe(types.length);
    expect([...types].sort()).toEqual([...specs.keys()].sort());
    expect([...types].sort()).toEqual([...results.keys()].sort());
    for (const type of types) expect(analysisOf(type).type).toBe(type);
    expect(new Set(ANALYSES.map((a) => a.label)).size).toBe(types.length);
  });
});

// Each type's form filled in (each kind of it, for the t-test and the signed-rank test) and the spec it becomes. A
// new type without a case here does not compile.
const FILLED: { [T in AnalysisType]: [Partial<FormOf<T>>, SpecOf<T>][] } = {
  descriptive: [[{ columns: ["extra", "ID"] }, { type: "descriptive", columns: ["extra", "ID"] }]],
  correlation: [
    [{ columns: ["extra", "ID"], method: "spearman" }, { type: "correlation", columns: ["extra", "ID"], method: "spearman" }],
    [{ columns: ["extra", "ID"], use: "pairwise", pAdjust: "BH" }, { type: "correlation", columns: ["extra", "ID"], method: "pearson", pAdjust: "BH", use: "pairwise" }],
  ],
  ttest: [
    [{ column: "extra", groupBy: "group", equalVariance: true }, { type: "ttest", column: "extra", groupBy: "group", equalVariance: true }],
    [{ column: "extra", groupBy: "group", checks: true }, { type: "ttest", column: "extra", groupBy: "group", equalVariance: false, checks: true }],
    [{ form: "one-sample", column: "extra", mu: "-0.5" }, { type: "ttest", column: "extra", mu: -0.5 }],
    [{ form: "paired", column: "extra", second: "ID" }, { type: "ttest", paired: true, columns: ["extra", "ID"] }],
  ],
  anova: [
    [{ column: "extra", groupBy: "cyl" }, { type: "anova", column: "extra", groupBy: "cyl" }],
    [{ column: "extra", groupBy: "cyl", checks: true }, { type: "anova", column: "extra", groupBy: "cyl", checks: true }],
  ],
  regression: [
    [{ column: "extra", columns: ["ID", "city"] }, { type: "regression", dependent: "extra", independents: ["ID", "city"] }],
    [{ column: "extra", columns: ["city"], weights: "ID", checks: true }, { type: "regression", dependent: "extra", independents: ["city"], weights: "ID", checks: true }],
  ],
  chisquare: [[{ column: "cyl", second: "city", correction: false }, { type: "chisquare", columns: ["cyl", "city"], correction: false }]],
  levene: [[{ column: "extra", groupBy: "cyl", center: "mean" }, { type: "levene", column: "extra", groupBy: "cyl", center: "mean" }]],
  mannwhitney: [[{ column: "extra", groupBy: "group" }, { type: "mannwhitney", column: "extra", groupBy: "group", correction: true }]],
  wilcoxon: [
    [{ column: "extra", mu: "1" }, { type: "wilcoxon", column: "extra", mu: 1, correction: true }],
    [{ form: "paired", column: "extra", second: "ID", correction: false }, { type: "wilcoxon", columns: ["extra", "ID"], correction: false }],
  ],
  kruskal: [[{ column: "extra", groupBy: "cyl" }, { type: "kruskal", column: "extra", groupBy: "cyl" }]],
  logistic: [
    [{ column: "group", columns: ["extra", "city"] }, { type: "logistic", dependent: "group", independents: ["extra", "city"] }],
    [{ column: "group", columns: ["extra"], weights: "ID" }, { type: "logistic", dependent: "group", independents: ["extra"], weights: "ID" }],
  ],
  shapiro: [[{ columns: ["extra"] }, { type: "shapiro", columns: ["extra"] }]],
  tukey: [[{ column: "extra", groupBy: "cyl" }, { type: "tukey", column: "extra", groupBy: "cyl" }]],
  fisher: [[{ column: "group", second: "cyl" }, { type: "fisher", columns: ["group", "cyl"] }]],
  pairwise: [
    [{ column: "extra", groupBy: "cyl" }, { type: "pairwise", column: "extra", groupBy: "cyl", test: "t", paired: false, pooledSd: true, pAdjust: "holm" }],
    [{ column: "extra", groupBy: "cyl", paired: true, pooledSd: false, pAdjust: "BH" }, { type: "pairwise", column: "extra", groupBy: "cyl", test: "t", paired: true, pooledSd: false, pAdjust: "BH" }],
    [{ column: "extra", groupBy: "cyl", test: "wilcoxon", pAdjust: "none" }, { type: "pairwise", column: "extra", groupBy: "cyl", test: "wilcoxon", paired: false, pAdjust: "none" }],
  ],
};

describe("each type's spec", () => {
  it.each(ANALYSES.map((a) => a.type))("%s: a filled-in form gives its spec, valid against the API's schema and unchanged by the trip as JSON", (type) => {
    for (const [form, expected] of FILLED[type]) {
      const spec = toSpec({ ...newEntry(type), ...form } as Entry);
      expect(spec).toStrictEqual(expected);
      expect(JSON.parse(JSON.stringify(spec))).toStrictEqual(spec);
      expect(violations(spec, specs.get(type)!)).toEqual([]);
    }
  });
});

describe("prefill", () => {
  it.each(ANALYSES.map((a) => a.type))("%s: a spec's entry has the form it was made from, and gives the spec back", (type) => {
    for (const [form, spec] of FILLED[type]) {
      const entry = prefill(spec);
      expect(entry).toMatchObject({ ...newEntry(type), ...form });
      expect(entry.kept).toBeUndefined();
      expect(toSpec(entry)).toStrictEqual(spec);
    }
  });

  it("keeps what a normalised plan sets that the form has no field for, and sends it again", () => {
    // As GET /api/session/{id} gives a plan: every default filled in.
    const plan: AnalysisSpec[] = [
      { type: "ttest", column: "extra", groupBy: "group", equalVariance: false, confidenceLevel: 0.99 },
      { type: "descriptive", columns: ["extra", "group", "ID"] },
      { type: "wilcoxon", column: "extra", mu: 0, correction: true, exact: false },
      { type: "fisher", columns: ["group", "ID"], confidenceLevel: 0.95 },
    ];
    const entries = plan.map(prefill);
    expect(entries.map((e) => e.kept)).toEqual([{ confidenceLevel: 0.99 }, undefined, { exact: false }, { confidenceLevel: 0.95 }]);
    expect(entries[0]).toMatchObject({ form: "two-sample", column: "extra", groupBy: "group", equalVariance: false });
    expect(entries[2]).toMatchObject({ form: "one-sample", column: "extra", mu: "0", correction: true });
    expect(entries.map(toSpec)).toStrictEqual(plan);
  });

  it("shows a prefilled entry in its fields: the paired t-test's two columns chosen", () => {
    const host = document.body.appendChild(document.createElement("div"));
    const entry = prefill({ type: "ttest", paired: true, columns: ["ID", "extra"], confidenceLevel: 0.95 });
    const { Fields } = analysisOf(entry.type);
    act(() => render(<Fields form={entry} columns={COLUMNS} id={(field) => `analysis-0-${field}`} onChange={() => {}} />, host));
    const value = (id: string) => host.querySelector<HTMLSelectElement>(`#${id}`)?.value;
    expect([value("analysis-0-form"), value("analysis-0-first"), value("analysis-0-second")]).toEqual(["paired", "ID", "extra"]);
    act(() => render(null, host));
    host.remove();
  });
});

const COLUMNS: Column[] = [
  { name: "extra", type: "numeric", missing: 0, distinct: 17 },
  { name: "group", type: "numeric", missing: 0, distinct: 2 },
  { name: "ID", type: "numeric", missing: 0, distinct: 10 },
  { name: "city", type: "categorical", missing: 1, distinct: 40 },
];

/** A type's fields as the plan builder shows them, keeping the entry they edit. */
function Form({ type, seen }: { type: AnalysisType; seen: (entry: Entry) => void }) {
  const [entry, setEntry] = useState<Entry>(newEntry(type));
  seen(entry);
  const { Fields } = analysisOf(entry.type);
  return <Fields form={entry} columns={COLUMNS} id={(field) => `analysis-0-${field}`} onChange={(change) => setEntry({ ...entry, ...change } as Entry)} />;
}

describe("each type's fields", () => {
  it.each(ANALYSES.map((a) => a.type))("%s: filled in as a person does (every choice made), give a complete spec", (type) => {
    const host = document.body.appendChild(document.createElement("div")); // a box is ticked only in a document
    let entry = newEntry(type) as Entry;
    act(() => render(<Form type={type} seen={(e) => (entry = e)} />, host));
    // Every control once, in page order, looked for again after each change (a kind changes the fields shown): a
    // select's last choice, every box ticked or unticked, a number typed.
    const done = new Set<string>();
    const key = (e: HTMLInputElement | HTMLSelectElement) => e.id || `${e.name}:${e.closest("label")?.textContent}`;
    for (let control = host.querySelector<HTMLInputElement | HTMLSelectElement>("select, input"); control; ) {
      done.add(key(control));
      const c = control;
      act(() => {
        if (c instanceof HTMLSelectElement) {
          c.value = c.options[c.options.length - 1]!.value;
          c.dispatchEvent(new Event("change"));
        } else if (c.type === "checkbox") {
          c.click();
        } else {
          c.value = "2.5";
          c.dispatchEvent(new Event("input"));
        }
      });
      control = [...host.querySelectorAll<HTMLInputElement | HTMLSelectElement>("select, input")].find((e) => !done.has(key(e))) ?? null;
    }
    const spec = toSpec(entry);
    act(() => render(null, host));
    host.remove();
    expect(done.size).toBeGreaterThan(0);
    expect(violations(spec, specs.get(type)!)).toEqual([]);
    expect(JSON.parse(JSON.stringify(spec))).toStrictEqual(spec);
    // Every column named is one of the dataset's, and nothing is left empty.
    const named = Object.values(spec).flat().filter((v): v is string => typeof v === "string" && v !== type);
    expect(named.every((name) => COLUMNS.some((c) => c.name === name) || !Number.isNaN(Number(name)) || ["pearson", "spearman", "kendall", "median", "mean", "holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "none", "t", "wilcoxon", "complete", "pairwise"].includes(name))).toBe(true);
    expect(JSON.stringify(spec)).not.toContain('""');
  });
});
