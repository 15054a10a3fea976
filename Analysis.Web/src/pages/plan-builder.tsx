import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, createSession, storeDataset, type ReadOptions } from "../api/client";
import { navigate } from "../router";
import { analysisOf, ANALYSES, newEntry, toSpec, type AnalysisType, type Entry } from "../analyses";
import { errorsByField, type Column } from "../plan";

/** What the plan runs on: a file just chosen (stored as a dataset when the plan is run), or a stored dataset. */
export type PlanSource = { file: File; options: ReadOptions } | { datasetId: string };

/** A file's name without its extension: the dataset's name, and the session's until the person changes it. */
export const nameOf = (file: File) => file.name.replace(/\.(csv|xlsx|parquet)$/i, "");

/**
 * The plan: analyses picked from lists that offer only fitting columns, a name, and the submit. A chosen file is
 * stored as a dataset first (so that the person can run other plans on it later), then the session is created on
 * it by reference; a stored dataset's plan is created by reference at once. `plan` starts it from an earlier one.
 */
export function PlanBuilder({ source, columns, name: initialName, plan = [] }: { source: PlanSource; columns: Column[]; name: string; plan?: Entry[] }) {
  const [entries, setEntries] = useState<Entry[]>(plan);
  const [adding, setAdding] = useState<AnalysisType>("descriptive");
  const [name, setName] = useState(initialName);
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

  const stored = useRef<{ options: string; datasetId: string } | null>(null);
  const update = (i: number, changed: Entry) => setEntries(entries.map((e, j) => (j === i ? changed : e)));

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      let datasetId: string;
      if ("datasetId" in source) {
        datasetId = source.datasetId;
      } else {
        // Stored once for the options it is read with: a plan corrected after an error runs on the dataset stored.
        const options = JSON.stringify(source.options);
        if (stored.current?.options !== options) stored.current = { options, datasetId: (await storeDataset(source.file, nameOf(source.file), source.options)).datasetId };
        datasetId = stored.current.datasetId;
      }
      const created = await createSession(datasetId, entries.map(toSpec), name);
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
                {i + 1}. {analysisOf(entry.type).label}
              </legend>
              <Fields entry={entry} index={i} columns={columns} onChange={(changed) => update(i, changed)} />
              {entry.kept && (
                <p class="help">
                  As in the earlier plan:{" "}
                  {Object.entries(entry.kept)
                    .map(([key, value]) => `${key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} ${JSON.stringify(value)}`)
                    .join(", ")}
                </p>
              )}
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
        <select id="add-type" value={adding} onChange={(e) => setAdding(e.currentTarget.value as AnalysisType)}>
          {ANALYSES.map((a) => (
            <option key={a.type} value={a.type}>
              {a.label}
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
        {[...errors.fields].flatMap(([field, messages]) => (field === "name" ? [] : messages)).join(" ")}
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

/** An entry's fields, as its type's module lays them out; a change gives the entry with it. */
function Fields({ entry, index, columns, onChange }: { entry: Entry; index: number; columns: Column[]; onChange: (changed: Entry) => void }) {
  const { Fields: TypeFields } = analysisOf(entry.type);
  // The change is to this entry's own form (its module's fields made it): the entry stays of its type.
  return <TypeFields form={entry} columns={columns} id={(field) => `analysis-${index}-${field}`} onChange={(change) => onChange({ ...entry, ...change } as Entry)} />;
}
