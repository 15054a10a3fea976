// The form fields several analyses share, each written once. A field reads and writes one key of the form (the
// same key in every analysis that has it), so an analysis' Fields can hand it its own props.
import { fitting, type Column, type Role } from "../plan";
import type { FieldsProps } from "./analysis";

export function ColumnSelect({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: Column[]; onChange: (v: string) => void }) {
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

export function ColumnChecks({ legend, name, selected, options, onChange }: { legend: string; name: string; selected: string[]; options: Column[]; onChange: (v: string[]) => void }) {
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

/** A select, with its label and the options its role offers. */
export function Choice<V extends string>({ id, label, value, options, onChange }: { id: string; label: string; value: V; options: [V, string][]; onChange: (v: V) => void }) {
  return (
    <>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as V)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
}

export function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label class="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} /> {label}
    </label>
  );
}

export type PAdjust = "none" | "holm" | "hochberg" | "hommel" | "bonferroni" | "BH" | "BY";

/** A correction for many tests, as R's p.adjust names it (correlation, pairwise comparisons). */
export function PAdjustChoice({ id, label, value, onChange }: { id: string; label: string; value: PAdjust; onChange: (v: PAdjust) => void }) {
  return (
    <Choice
      id={id}
      label={label}
      value={value}
      options={[
        ["none", "No correction"],
        ["holm", "Holm"],
        ["hochberg", "Hochberg"],
        ["hommel", "Hommel"],
        ["bonferroni", "Bonferroni"],
        ["BH", "Benjamini–Hochberg (FDR)"],
        ["BY", "Benjamini–Yekutieli (FDR)"],
      ]}
      onChange={onChange}
    />
  );
}

/** The numeric columns to include; none chosen means every numeric column (descriptive, correlation, Shapiro–Wilk). */
export function NumericColumns({ form, columns, id, onChange }: FieldsProps<{ columns: string[] }>) {
  return <ColumnChecks legend="Columns (none chosen: every numeric column)" name={id("columns")} selected={form.columns} options={fitting(columns, "numeric")} onChange={(v) => onChange({ columns: v })} />;
}

/** The chosen columns as the API takes them: none chosen, left out (the service takes every numeric column). */
export const columnsOrAll = (columns: string[]): string[] | undefined => (columns.length ? columns : undefined);

/** The numeric variable tested. */
export function Variable({ form, columns, id, onChange }: FieldsProps<{ column: string }>) {
  return <ColumnSelect id={id("column")} label="Variable" value={form.column} options={fitting(columns, "numeric")} onChange={(v) => onChange({ column: v })} />;
}

/** The grouping column: any grouping, or (twoGroups) a column of exactly two values. */
export function Groups({ form, columns, id, onChange, twoGroups = false }: FieldsProps<{ groupBy: string }> & { twoGroups?: boolean }) {
  return (
    <ColumnSelect
      id={id("groupBy")}
      label={twoGroups ? "Groups (a column with two values)" : "Groups"}
      value={form.groupBy}
      options={fitting(columns, twoGroups ? "twoGroups" : "grouping")}
      onChange={(v) => onChange({ groupBy: v })}
    />
  );
}

/** A numeric variable across the levels of a grouping column (ANOVA, Kruskal–Wallis, Tukey). */
export function VariableByGroups(props: FieldsProps<{ column: string; groupBy: string }>) {
  return (
    <>
      <Variable {...props} />
      <Groups {...props} />
    </>
  );
}

/** Two numeric columns compared row by row (a paired t-test, the signed-rank test's paired form). */
export function PairedColumns({ form, columns, id, onChange }: FieldsProps<{ column: string; second: string }>) {
  const numeric = fitting(columns, "numeric");
  return (
    <>
      <ColumnSelect id={id("first")} label="First column" value={form.column} options={numeric} onChange={(v) => onChange({ column: v })} />
      <ColumnSelect id={id("second")} label="Second column" value={form.second} options={numeric} onChange={(v) => onChange({ second: v })} />
    </>
  );
}

/** The value a one-sample test compares with, as typed. */
export function Mu({ form, id, onChange }: FieldsProps<{ mu: string }>) {
  return (
    <>
      <label for={id("mu")}>Compared with (μ)</label>
      <input id={id("mu")} inputMode="decimal" value={form.mu} onInput={(e) => onChange({ mu: e.currentTarget.value })} />
    </>
  );
}

/** A column as the API takes it where it may be left out: none chosen, left out, so the service names it as missing. */
export const chosen = (column: string): string | undefined => (column === "" ? undefined : column);

/** μ as the API takes it: left out when empty (the service's default, 0). */
export const muOf = (mu: string): number | undefined => (mu.trim() === "" ? undefined : Number(mu));

/** The two grouping columns of a contingency table (chi-square, Fisher). */
export function CrossedColumns({ form, columns, id, onChange }: FieldsProps<{ column: string; second: string }>) {
  const grouping = fitting(columns, "grouping");
  return (
    <>
      <ColumnSelect id={id("rows")} label="Row variable" value={form.column} options={grouping} onChange={(v) => onChange({ column: v })} />
      <ColumnSelect id={id("cols")} label="Column variable" value={form.second} options={grouping} onChange={(v) => onChange({ second: v })} />
    </>
  );
}

/** A model's outcome (of the role given) and its predictors, numeric or categorical, the outcome not among them. */
export function Model({ form, columns, id, onChange, outcome, role }: FieldsProps<{ column: string; columns: string[] }> & { outcome: string; role: Role }) {
  return (
    <>
      <ColumnSelect id={id("dependent")} label={outcome} value={form.column} options={fitting(columns, role)} onChange={(v) => onChange({ column: v })} />
      <ColumnChecks
        legend="Predictors (categorical ones are treatment-coded)"
        name={id("independents")}
        selected={form.columns}
        options={fitting(columns, "predictor").filter((c) => c.name !== form.column)}
        onChange={(v) => onChange({ columns: v })}
      />
    </>
  );
}

/** A model's case weights: a numeric column, or none (every row weighs 1). */
export function CaseWeights({ form, columns, id, onChange }: FieldsProps<{ weights: string }>) {
  return (
    <>
      <label for={id("weights")}>Case weights (optional)</label>
      <select id={id("weights")} value={form.weights} onChange={(e) => onChange({ weights: e.currentTarget.value })}>
        <option value="">None (every row weighs 1)</option>
        {fitting(columns, "numeric").map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </>
  );
}

/** The normal approximation's continuity correction (R's default). */
export function Correction({ form, onChange }: FieldsProps<{ correction: boolean }>) {
  return <Check label="Continuity correction (normal approximation)" checked={form.correction} onChange={(v) => onChange({ correction: v })} />;
}
