import * as Plot from "@observablehq/plot";
import { useEffect, useRef, useState } from "preact/hooks";
import { getSample } from "../api/client";
import { boxes, groupMeans, heatCells, regressionPicture, tukeyIntervals, type RegressionPicture, type SampleColumns } from "../charts";
import type { AnalysisResult } from "../results";

/** A Plot figure as an SVG image in the page, with a text alternative; the numbers themselves are in the tables. */
function Figure({ label, make }: { label: string; make: () => SVGSVGElement | HTMLElement }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const figure = make();
    // One image with one text alternative: the parts Plot labels for itself (marks, axes) are not announced apart.
    figure.querySelectorAll("[aria-label], [aria-description]").forEach((part) => {
      part.removeAttribute("aria-label");
      part.removeAttribute("aria-description");
    });
    figure.setAttribute("role", "img");
    figure.setAttribute("aria-label", label);
    host.current?.replaceChildren(figure);
    return () => figure.remove();
  }, [label]); // a completed result does not change: drawn once per figure
  return <div class="chart" ref={host} />;
}

const SAMPLE_ROWS = 2000;

/**
 * A regression's picture, drawn from the coefficients and a sample of the dataset's rows (up to 2,000, evenly
 * spaced): one predictor, the points and the fitted line; several, the residuals against the fitted values.
 */
function RegressionChart({ result, title, sessionId }: { result: AnalysisResult; title: string; sessionId: string }) {
  const [picture, setPicture] = useState<{ picture: RegressionPicture; rows: number; total: number } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    // The sample endpoint reads at most 20 columns; a model with more is read from its table, not drawn.
    if (result.type !== "regression" || !result.dependent || !result.independents || result.independents.length >= 20) return;
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

/** The chart a result is better looked at than read, where there is one. */
export function ChartFor({ result, title, sessionId }: { result: AnalysisResult; title: string; sessionId: string }) {
  if (result.type === "regression" && !result.error) return <RegressionChart result={result} title={title} sessionId={sessionId} />;

  const cells = heatCells(result);
  if (cells.length) {
    return (
      <Figure
        label={`${title}: heat map of the correlation coefficients`}
        make={() =>
          Plot.plot({
            width: 480,
            marginLeft: 80,
            padding: 0,
            color: { type: "linear", domain: [-1, 1], scheme: "RdBu", legend: true, label: "r" },
            x: { label: null, domain: cells.filter((c) => c.row === cells[0]!.row).map((c) => c.column) },
            y: { label: null, domain: cells.filter((c) => c.row === cells[0]!.row).map((c) => c.column) },
            marks: [
              Plot.cell(cells, { x: "column", y: "row", fill: (d) => d.r ?? 0, inset: 0.5 }),
              Plot.text(cells, { x: "column", y: "row", text: (d) => (d.r === null ? "—" : d.r.toFixed(2)), fill: (d) => (Math.abs(d.r ?? 0) > 0.6 ? "white" : "black") }),
            ],
          })
        }
      />
    );
  }

  const five = boxes(result);
  if (five.length) {
    return (
      <Figure
        label={`${title}: box plot of each column (minimum, quartiles, median, maximum)`}
        make={() =>
          Plot.plot({
            width: 480,
            marginLeft: 80,
            height: 40 + 36 * five.length,
            x: { label: null, grid: true },
            y: { label: null, domain: five.map((b) => b.column) },
            marks: [
              Plot.ruleY(five, { y: "column", x1: "min", x2: "max", stroke: "#4d4d4d" }),
              Plot.barX(five, { y: "column", x1: "q1", x2: "q3", fill: "#cfe0fb", stroke: "#0b57d0", insetTop: 6, insetBottom: 6 }),
              Plot.tickX(five, { y: "column", x: "median", stroke: "#0b57d0", strokeWidth: 3, insetTop: 6, insetBottom: 6 }),
            ],
          })
        }
      />
    );
  }

  const pairs = tukeyIntervals(result);
  if (pairs.length) {
    return (
      <Figure
        label={`${title}: each pair's difference of means with its family-wise confidence interval`}
        make={() =>
          Plot.plot({
            width: 480,
            marginLeft: 90,
            height: 40 + 28 * pairs.length,
            x: { label: "difference of means (family-wise interval)", grid: true },
            y: { label: null, domain: pairs.map((p) => p.pair) },
            marks: [
              Plot.ruleX([0], { stroke: "#4d4d4d" }),
              Plot.ruleY(pairs, { y: "pair", x1: "low", x2: "high", stroke: "#0b57d0", strokeWidth: 2 }),
              Plot.dot(pairs, { y: "pair", x: "difference", fill: "#0b57d0", r: 4 }),
            ],
          })
        }
      />
    );
  }

  const means = groupMeans(result);
  if (means.length) {
    return (
      <Figure
        label={`${title}: each group's mean with its 95% confidence interval`}
        make={() =>
          Plot.plot({
            width: 480,
            marginLeft: 80,
            height: 40 + 36 * means.length,
            x: { label: "mean (95% confidence interval)", grid: true },
            y: { label: null, domain: means.map((m) => m.group) },
            marks: [Plot.ruleY(means, { y: "group", x1: "low", x2: "high", stroke: "#0b57d0", strokeWidth: 2 }), Plot.dot(means, { y: "group", x: "mean", fill: "#0b57d0", r: 5 })],
          })
        }
      />
    );
  }

  return null;
}
