import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, createSession } from "../api/client";
import { navigate } from "../router";
import { errorsByField, fitting, newEntry, toSpec, type Column, type Entry } from "../plan";

const TYPES: { value: Entry["type"]; label: string }[] = [
  { value: "descriptive", label: "Descriptive statistics" },
  { value: "correlation", label: "Correlation" },
  { value: "ttest", label: "t-test" },
  { value: "anova", label: "One-way ANOVA" },
  { value: "regression", label: "Linear regression" },
  { value: "chisquare", label: "Chi-square test of independence" },
  { value: "levene", label: "Levene's test of equal variances" },
  { value: "mannwhitney", label: "Wilcoxon rank-sum (Mann–Whitney) test" },
  { value: "wilcoxon", label: "Wilcoxon signed-rank test" },
  { value: "kruskal", label: "Kruskal–Wallis test" },
  { value: "logistic", label: "Logistic regression" },
  { value: "shapiro", label: "Shapiro–Wilk test of normality" },
  { value: "tukey", label: "Tukey's honest significant differences" },
  { value: "fisher", label: "Fisher's exact test" },
];

/** The plan: analyses picked from lists that offer only fitting columns, a name, and the submit. */
export function PlanBuilder({ file, columns }: { file: File; columns: Column[] }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [adding, setAdding] = useState<Entry["type"]>("descriptive");
  const [name, setName] = useState(file.name.replace(/\.csv$/i, ""));
  const [errors, setErrors] = useState<ReturnType<typeof errorsByField>>({ analyses: new Map(), fields: new Map() });
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Keyboard use: an added analysis takes the focus (its first field); a removed one gives it to "Analysis to add".
  const [focusOn, setFocusOn] = useState<number | "add" | null>(null);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (focusOn === null) return;
    const target =
      focusOn === "add" ? document.getElementById("add-type") : list.current?.children[focusOn]?.querySelector<HTMLElement>("select, input, button");
    target?.focus();
    setFocusOn(null);
  }, [focusOn]);

  const update = (i: number, change: Partial<Entry>) => setEntries(entries.map((e, j) => (j === i ? { ...e, ...change } : e)));

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const created = await createSession(file, entries.map(toSpec), name);
      navigate(`/sessions/${created.sessionId}`);
    } catch (error) {
      const byField = errorsByField(error instanceof ApiError ? error.body?.errors : null);
      setErrors(byField);
      setMessage(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="plan-heading" noValidate>
      <h3 id="plan-heading">Plan</h3>
      {entries.length === 0 && <p>No analyses yet: add one.</p>}
      <ol class="plan" ref={list}>
        {entries.map((entry, i) => (
          <li key={i}>
            <fieldset aria-describedby={`analysis-${i}-errors`}>
              <legend>
                {i + 1}. {TYPES.find((t) => t.value === entry.type)!.label}
              </legend>
              <EntryFields entry={entry} index={i} columns={columns} onChange={(c) => update(i, c)} />
              <p id={`analysis-${i}-errors`} class="error" role="alert">
                {(errors.analyses.get(i) ?? []).join(" ")}
              </p>
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  setEntries(entries.filter((_, j) => j !== i));
                  setFocusOn("add");
                }}
              >
                Remove analysis {i + 1}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <div class="add">
        <label for="add-type">Analysis to add</label>
        <select id="add-type" value={adding} onChange={(e) => setAdding(e.currentTarget.value as Entry["type"])}>
          {TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>{" "}
        <button
          type="button"
          onClick={() => {
            setEntries([...entries, newEntry(adding)]);
            setFocusOn(entries.length);
          }}
        >
          Add
        </button>
      </div>
      <label for="session-name">Name</label>
      <input id="session-name" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} aria-describedby="session-name-error" />
      <p id="session-name-error" class="error" role="alert">
        {(errors.fields.get("name") ?? []).join(" ")}
      </p>
      <p class="error" role="alert">
        {(errors.fields.get("dataset") ?? errors.fields.get("analyses") ?? []).join(" ")}
      </p>
      {message && errors.analyses.size === 0 && errors.fields.size === 0 && (
        <p class="error" role="alert">
          {message}
        </p>
      )}
      <button type="submit" disabled={busy || entries.length === 0}>
        {busy ? "Submitting…" : "Run the analyses"}
      </button>
    </form>
  );
}

function ColumnSelect({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: Column[]; onChange: (v: string) => void }) {
  return (
    <>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">Choose…</option>
        {options.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </>
  );
}

/** The normal approximation's continuity correction (R's default). */
function Correction({ entry, onChange }: { entry: Entry; onChange: (change: Partial<Entry>) => void }) {
  return (
    <label class="check">
      <input type="checkbox" checked={entry.correction} onChange={(e) => onChange({ correction: e.currentTarget.checked })} /> Continuity correction (normal
      approximation)
    </label>
  );
}

function ColumnChecks({ legend, name, selected, options, onChange }: { legend: string; name: string; selected: string[]; options: Column[]; onChange: (v: string[]) => void }) {
  return (
    <fieldset class="checks">
      <legend>{legend}</legend>
      {options.map((c) => (
        <label key={c.name} class="check">
          <input
            type="checkbox"
            name={name}
            checked={selected.includes(c.name)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...selected, c.name] : selected.filter((s) => s !== c.name))}
          />{" "}
          {c.name}
        </label>
      ))}
    </fieldset>
  );
}

function EntryFields({ entry, index, columns, onChange }: { entry: Entry; index: number; columns: Column[]; onChange: (change: Partial<Entry>) => void }) {
  const id = (field: string) => `analysis-${index}-${field}`;
  const numeric = fitting(columns, "numeric");
  const grouping = fitting(columns, "grouping");
  // The fields several types share.
  const variable = <ColumnSelect id={id("column")} label="Variable" value={entry.column} options={numeric} onChange={(v) => onChange({ column: v })} />;
  const groups = <ColumnSelect id={id("groupBy")} label="Groups" value={entry.groupBy} options={grouping} onChange={(v) => onChange({ groupBy: v })} />;
  const predictors = <ColumnChecks legend="Predictors (categorical ones are treatment-coded)" name={id("independents")} selected={entry.columns} options={fitting(columns, "predictor").filter((c) => c.name !== entry.column)} onChange={(v) => onChange({ columns: v })} />;
  switch (entry.type) {
    case "descriptive":
      return <ColumnChecks legend="Columns (none chosen: every numeric column)" name={id("columns")} selected={entry.columns} options={numeric} onChange={(v) => onChange({ columns: v })} />;
    case "correlation":
      return (
        <>
          <ColumnChecks legend="Columns (none chosen: every numeric column)" name={id("columns")} selected={entry.columns} options={numeric} onChange={(v) => onChange({ columns: v })} />
          <label for={id("method")}>Method</label>
          <select id={id("method")} value={entry.method} onChange={(e) => onChange({ method: e.currentTarget.value as Entry["method"] })}>
            <option value="pearson">Pearson</option>
            <option value="spearman">Spearman</option>
            <option value="kendall">Kendall (τ-b)</option>
          </select>
        </>
      );
    case "ttest":
      return (
        <>
          <label for={id("form")}>Kind</label>
          <select id={id("form")} value={entry.form} onChange={(e) => onChange({ form: e.currentTarget.value as Entry["form"] })}>
            <option value="two-sample">Two groups</option>
            <option value="one-sample">One sample against a value</option>
            <option value="paired">Paired columns</option>
          </select>
          {entry.form === "paired" ? (
            <>
              <ColumnSelect id={id("first")} label="First column" value={entry.column} options={numeric} onChange={(v) => onChange({ column: v })} />
              <ColumnSelect id={id("second")} label="Second column" value={entry.second} options={numeric} onChange={(v) => onChange({ second: v })} />
            </>
          ) : (
            variable
          )}
          {entry.form === "two-sample" && (
            <>
              <ColumnSelect id={id("groupBy")} label="Groups (a column with two values)" value={entry.groupBy} options={fitting(columns, "twoGroups")} onChange={(v) => onChange({ groupBy: v })} />
              <label class="check">
                <input type="checkbox" checked={entry.equalVariance} onChange={(e) => onChange({ equalVariance: e.currentTarget.checked })} /> Assume equal variances
                (Student); otherwise Welch
              </label>
            </>
          )}
          {entry.form === "one-sample" && (
            <>
              <label for={id("mu")}>Compared with (μ)</label>
              <input id={id("mu")} inputMode="decimal" value={entry.mu} onInput={(e) => onChange({ mu: e.currentTarget.value })} />
            </>
          )}
        </>
      );
    case "anova":
    case "kruskal":
    case "tukey":
      return (
        <>
          {variable}
          {groups}
        </>
      );
    case "regression":
      return (
        <>
          <ColumnSelect id={id("dependent")} label="Outcome (dependent)" value={entry.column} options={numeric} onChange={(v) => onChange({ column: v })} />
          {predictors}
        </>
      );
    case "levene":
      return (
        <>
          {variable}
          {groups}
          <label for={id("center")}>Distances from each group's</label>
          <select id={id("center")} value={entry.center} onChange={(e) => onChange({ center: e.currentTarget.value as Entry["center"] })}>
            <option value="median">median (Brown–Forsythe)</option>
            <option value="mean">mean (Levene's original)</option>
          </select>
        </>
      );
    case "mannwhitney":
      return (
        <>
          {variable}
          <ColumnSelect id={id("groupBy")} label="Groups (a column with two values)" value={entry.groupBy} options={fitting(columns, "twoGroups")} onChange={(v) => onChange({ groupBy: v })} />
          <Correction entry={entry} onChange={onChange} />
        </>
      );
    case "wilcoxon":
      return (
        <>
          <label for={id("form")}>Form</label>
          <select id={id("form")} value={entry.form === "paired" ? "paired" : "one-sample"} onChange={(e) => onChange({ form: e.currentTarget.value as Entry["form"] })}>
            <option value="one-sample">one column against a value</option>
            <option value="paired">two columns, row by row</option>
          </select>
          {entry.form === "paired" ? (
            <>
              <ColumnSelect id={id("first")} label="First column" value={entry.column} options={numeric} onChange={(v) => onChange({ column: v })} />
              <ColumnSelect id={id("second")} label="Second column" value={entry.second} options={numeric} onChange={(v) => onChange({ second: v })} />
            </>
          ) : (
            <>
              {variable}
              <label for={id("mu")}>Compared with (μ)</label>
              <input id={id("mu")} inputMode="decimal" value={entry.mu} onInput={(e) => onChange({ mu: e.currentTarget.value })} />
            </>
          )}
          <Correction entry={entry} onChange={onChange} />
        </>
      );
    case "shapiro":
      return <ColumnChecks legend="Columns (none chosen: every numeric column)" name={id("columns")} selected={entry.columns} options={numeric} onChange={(v) => onChange({ columns: v })} />;
    case "fisher":
      return (
        <>
          <ColumnSelect id={id("rows")} label="Row variable" value={entry.column} options={grouping} onChange={(v) => onChange({ column: v })} />
          <ColumnSelect id={id("cols")} label="Column variable" value={entry.second} options={grouping} onChange={(v) => onChange({ second: v })} />
        </>
      );
    case "logistic":
      return (
        <>
          <ColumnSelect id={id("dependent")} label="Outcome (two values; the second is the event)" value={entry.column} options={fitting(columns, "twoGroups")} onChange={(v) => onChange({ column: v })} />
          {predictors}
        </>
      );
    case "chisquare":
      return (
        <>
          <ColumnSelect id={id("rows")} label="Row variable" value={entry.column} options={grouping} onChange={(v) => onChange({ column: v })} />
          <ColumnSelect id={id("cols")} label="Column variable" value={entry.second} options={grouping} onChange={(v) => onChange({ second: v })} />
          <label class="check">
            <input type="checkbox" checked={entry.correction} onChange={(e) => onChange({ correction: e.currentTarget.checked })} /> Yates' continuity correction (2×2
            tables)
          </label>
        </>
      );
  }
}
