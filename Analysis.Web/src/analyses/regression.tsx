import * as Plot from "@observablehq/plot";
import { useEffect, useState } from "preact/hooks";
import { getSample } from "../api/client";
import type { components } from "../api/schema";
import { Figure } from "../figures";
import { checksTables } from "../tables";
import { defineAnalysis, type ChartProps } from "./analysis";
import { CaseWeights, Check, chosen, Model } from "./fields";

type RegressionResult = components["schemas"]["RegressionResult"];

export interface Point {
  x: number;
  y: number;
}

export interface RegressionPicture {
  /** "line": y against the one predictor with the fitted line; "residuals": residuals against fitted values. */
  kind: "line" | "residuals";
  x: string;
  y: string;
  points: Point[];
  /** The fitted line's two ends (for "line"); the zero line's (for "residuals"). */
  line: [Point, Point];
}

/** Sampled values by column name: numbers, null where missing (a categorical column is not a predictor here). */
export type SampleColumns = Record<string, (number | null)[]>;

/**
 * What a regression's chart draws from its coefficients and a sample of rows: for one predictor, the points and
 * the fitted line across their range; for several, each row's residual against its fitted value (the usual check
 * for a curve or a funnel). Rows missing any of the columns are left out, as the fit left them out.
 */
export function regressionPicture(r: RegressionResult, sample: SampleColumns): RegressionPicture | null {
  if (r.error || !r.dependent || !r.independents?.length) return null;
  const estimates = (r.coefficients ?? []).map((c) => c.estimate);
  if (estimates.length !== r.independents.length + 1 || estimates.some((e) => e === null)) return null;
  const b = estimates as number[];
  const ys = sample[r.dependent];
  const xs = r.independents.map((name) => sample[name]);
  if (!ys || xs.some((x) => !x)) return null;

  const rows: { x: number[]; y: number }[] = [];
  ys.forEach((y, i) => {
    const x = xs.map((column) => column![i] ?? null);
    if (y !== null && x.every((v) => v !== null)) rows.push({ x: x as number[], y });
  });
  if (rows.length === 0) return null;
  const fit = (x: number[]) => x.reduce((sum, v, j) => sum + b[j + 1]! * v, b[0]!);

  if (r.independents.length === 1) {
    const values = rows.map((row) => row.x[0]!);
    const low = Math.min(...values);
    const high = Math.max(...values);
    return {
      kind: "line",
      x: r.independents[0]!,
      y: r.dependent,
      points: rows.map((row) => ({ x: row.x[0]!, y: row.y })),
      line: [
        { x: low, y: fit([low]) },
        { x: high, y: fit([high]) },
      ],
    };
  }

  const points = rows.map((row) => {
    const fitted = fit(row.x);
    return { x: fitted, y: row.y - fitted };
  });
  const fitted = points.map((p) => p.x);
  return {
    kind: "residuals",
    x: "fitted value",
    y: "residual",
    points,
    line: [
      { x: Math.min(...fitted), y: 0 },
      { x: Math.max(...fitted), y: 0 },
    ],
  };
}

const SAMPLE_ROWS = 2000;

/**
 * The picture, drawn from the coefficients and a sample of the dataset's rows (up to 2,000, evenly spaced): one
 * predictor, the points and the fitted line; several, the residuals against the fitted values.
 */
function RegressionChart({ result, title, sessionId }: ChartProps<RegressionResult>) {
  const [picture, setPicture] = useState<{ picture: RegressionPicture; rows: number; total: number } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    // The sample endpoint reads at most 20 columns; a model with more is read from its table, not drawn.
    if (!result.dependent || !result.independents || result.independents.length >= 20) return;
    getSample(sessionId, [result.dependent, ...result.independents], SAMPLE_ROWS).then((sample) => {
      const columns: SampleColumns = {};
      for (const c of sample.columns) if (c.type === "numeric") columns[c.name] = c.values;
      const drawn = regressionPicture(result, columns);
      if (drawn) setPicture({ picture: drawn, rows: drawn.points.length, total: sample.rows });
    }, (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
  }, [sessionId]);

  if (failed) return <p class="help">The chart could not be drawn: {failed}</p>;
  if (!picture) return null;
  const { picture: p, rows, total } = picture;
  const of = rows < total ? `, ${rows} of the ${total} rows` : "";
  const label =
    p.kind === "line"
      ? `${title}: scatter of ${p.y} against ${p.x} with the fitted line${of}`
      : `${title}: residuals against fitted values${of}`;
  return (
    <Figure
      label={label}
      make={() =>
        Plot.plot({
          width: 480,
          marginLeft: 60,
          inset: 10, // dots at the extremes drawn whole
          grid: true,
          x: { label: p.x },
          y: { label: p.y },
          marks: [
            Plot.dot(p.points, { x: "x", y: "y", r: 2.5, fill: "#0b57d0", fillOpacity: 0.6 }),
            Plot.line(p.line, { x: "x", y: "y", stroke: p.kind === "line" ? "#b3261e" : "#4d4d4d", strokeWidth: 2, strokeDasharray: p.kind === "line" ? undefined : "4,3" }),
          ],
        })
      }
    />
  );
}

export const regression = defineAnalysis({
  type: "regression",
  label: "Linear regression",
  initial: { column: "", columns: [] as string[], weights: "", checks: false },
  Fields: (props) => (
    <>
      <Model {...props} outcome="Outcome (dependent)" role="numeric" />
      <CaseWeights {...props} />
      <Check label="Check the assumptions (Shapiro–Wilk on the residuals, Levene)" checked={props.form.checks} onChange={(checks) => props.onChange({ checks })} />
    </>
  ),
  toSpec: (f) => ({
    type: "regression",
    dependent: f.column,
    independents: f.columns,
    ...(chosen(f.weights) ? { weights: f.weights } : {}),
    ...(f.checks ? { checks: true } : {}),
  }),
  fromSpec: (s) => ({ column: s.dependent, columns: s.independents, weights: s.weights ?? "", checks: s.checks ?? false }),
  titleDetail: (r) => (r.weights ? `weighted by ${r.weights}` : undefined),
  tables: (r) => [
    {
      title: "Coefficients",
      header: ["Term", "Estimate", "Std. error", "t", "p-value", "Standardized"],
      kinds: ["text", "number", "number", "number", "p", "number"],
      rows: (r.coefficients ?? []).map((c) => [c.term, c.estimate, c.stdError, c.tStatistic, c.pValue, c.standardizedEstimate]),
    },
    {
      title: "Fit",
      header: ["R²", "Adjusted R²", "F", "p-value (F)", "Residual std. error", "df (residual)", "n"],
      kinds: ["number", "number", "number", "p", "number", "count", "count"],
      rows: [[r.rSquared, r.adjustedRSquared, r.fStatistic, r.fPValue, r.residualStdError, r.dfResidual, r.n]],
    },
    ...checksTables(r.checks),
  ],
  Chart: RegressionChart,
});
