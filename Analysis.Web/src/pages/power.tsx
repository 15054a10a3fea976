import { useState } from "preact/hooks";
import { ApiError, calculatePower, type PowerRequest, type PowerResult } from "../api/client";
import { formatNumber } from "../format";

type Test = "t" | "proportion" | "anova";

/** The quantities of each test, in the order R's functions list them, with what a person calls them. */
export const QUANTITIES: Record<Test, [string, string][]> = {
  t: [
    ["n", "Sample size (per group; pairs when paired)"],
    ["delta", "Difference of means (δ)"],
    ["sd", "Standard deviation"],
    ["sigLevel", "Significance level (α)"],
    ["power", "Power (1 − β)"],
  ],
  proportion: [
    ["n", "Sample size (per group)"],
    ["p1", "Proportion in group 1"],
    ["p2", "Proportion in group 2"],
    ["sigLevel", "Significance level (α)"],
    ["power", "Power (1 − β)"],
  ],
  anova: [
    ["groups", "Number of groups"],
    ["n", "Sample size (per group)"],
    ["betweenVar", "Variance between group means"],
    ["withinVar", "Variance within groups"],
    ["sigLevel", "Significance level (α)"],
    ["power", "Power (1 − β)"],
  ],
};

const STARTING: Record<string, string> = { n: "20", delta: "0.5", sd: "1", sigLevel: "0.05", power: "0.8", p1: "0.5", p2: "0.75", groups: "3", betweenVar: "1", withinVar: "3" };

/** The request for a form: every quantity but the one solved for, as numbers; sd or α left out is asked for with null. */
export function powerRequest(test: Test, solveFor: string, values: Record<string, string>, options: { type: string; alternative: string; strict: boolean }): PowerRequest {
  const body: Record<string, unknown> = { test };
  for (const [name] of QUANTITIES[test]) {
    if (name === solveFor) {
      if (name === "sd" || name === "sigLevel") body[name] = null; // they have defaults: null asks for them
    } else {
      body[name] = Number(values[name]);
    }
  }
  if (test === "t") body.type = options.type;
  if (test !== "anova") {
    body.alternative = options.alternative;
    body.strict = options.strict;
  }
  return body as PowerRequest;
}

/** "Plan a study": power or the sample size (or any one quantity) of a t-test, two proportions or a one-way ANOVA. */
export function PowerPage() {
  const [test, setTest] = useState<Test>("t");
  const [solveFor, setSolveFor] = useState("n");
  const [values, setValues] = useState<Record<string, string>>(STARTING);
  const [type, setType] = useState("two.sample");
  const [alternative, setAlternative] = useState("two.sided");
  const [strict, setStrict] = useState(false);
  const [result, setResult] = useState<PowerResult | null>(null);
  const [error, setError] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);

  const quantities = QUANTITIES[test];
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      setResult(await calculatePower(powerRequest(test, solveFor, values, { type, alternative, strict })));
    } catch (err: unknown) {
      setResult(null);
      setError({ message: err instanceof Error ? err.message : String(err), fields: err instanceof ApiError ? (err.body?.errors ?? {}) : {} });
    }
  };

  return (
    <>
      <h1>Plan a study</h1>
      <p class="help">
        Power before the data: leave out the one quantity you want, give the others, and the service solves for it as R's power.t.test,
        power.prop.test and power.anova.test do. (Power after the data, from the observed effect, says nothing the p-value does not.)
      </p>
      <form class="power" onSubmit={submit}>
        <label for="power-test">Test</label>
        <select
          id="power-test"
          value={test}
          onChange={(e) => {
            const next = e.currentTarget.value as Test;
            setTest(next);
            setSolveFor("n");
            setResult(null);
          }}
        >
          <option value="t">t-test (means)</option>
          <option value="proportion">Two proportions</option>
          <option value="anova">One-way ANOVA (balanced)</option>
        </select>
        <label for="power-solve">Solve for</label>
        <select id="power-solve" value={solveFor} onChange={(e) => setSolveFor(e.currentTarget.value)}>
          {quantities.map(([name, label]) => (
            <option key={name} value={name}>
              {label}
            </option>
          ))}
        </select>
        {quantities
          .filter(([name]) => name !== solveFor)
          .map(([name, label]) => (
            <>
              <label for={`power-${name}`}>{label}</label>
              <input
                id={`power-${name}`}
                inputMode="decimal"
                value={values[name] ?? ""}
                aria-invalid={error?.fields[name] ? "true" : undefined}
                aria-describedby={error?.fields[name] ? `power-${name}-error` : undefined}
                onInput={(e) => setValues({ ...values, [name]: e.currentTarget.value })}
              />
              {error?.fields[name] && (
                <p id={`power-${name}-error`} class="error">
                  {error.fields[name]!.join(" ")}
                </p>
              )}
            </>
          ))}
        {test === "t" && (
          <>
            <label for="power-type">Design</label>
            <select id="power-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
              <option value="two.sample">Two independent groups</option>
              <option value="one.sample">One sample</option>
              <option value="paired">Paired</option>
            </select>
          </>
        )}
        {test !== "anova" && (
          <>
            <label for="power-alternative">Alternative</label>
            <select id="power-alternative" value={alternative} onChange={(e) => setAlternative(e.currentTarget.value)}>
              <option value="two.sided">Two-sided</option>
              <option value="one.sided">One-sided</option>
            </select>
            <label class="check">
              <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.currentTarget.checked)} /> Strict (count both tails of a two-sided test)
            </label>
          </>
        )}
        <button type="submit">Calculate</button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
      {result && (
        <section aria-live="polite">
          <h2>{result.method}</h2>
          <table class="numbers">
            <tbody>
              {quantities.map(([name, label]) => {
                const value = (result as Record<string, unknown>)[name] as number | undefined;
                return (
                  <tr key={name} class={name === result.solvedFor ? "solved" : undefined}>
                    <th scope="row">{label}</th>
                    <td>
                      {value === undefined ? "" : formatNumber(value)}
                      {name === result.solvedFor ? " (solved)" : ""}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {result.solvedFor === "n" && <p>Round up: {Math.ceil(result.n ?? 0)} {test === "t" && type === "paired" ? "pairs" : "in each group"}.</p>}
          {result.note && <p class="help">R's note: {result.note}</p>}
        </section>
      )}
    </>
  );
}
