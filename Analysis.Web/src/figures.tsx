// Drawing charts with Observable Plot: the figure every chart is shown in, and the figures several analyses share.
import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "preact/hooks";
import type { GroupMean, IntervalRow } from "./charts";

/** A Plot figure as an SVG image in the page, with a text alternative; the numbers themselves are in the tables. */
export function Figure({ label, make }: { label: string; make: () => SVGSVGElement | HTMLElement }) {
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

/** Each group's mean with its 95% confidence interval (a t-test's groups, an ANOVA's). */
export function GroupMeansFigure({ title, means }: { title: string; means: GroupMean[] }) {
  if (!means.length) return null;
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

/** Estimates (dots) with their intervals (lines), a row each, zero marked (Tukey's pairs, a session's effect sizes). */
export function IntervalsFigure({ label, rows, xLabel, width = 480, marginLeft = 90 }: { label: string; rows: IntervalRow[]; xLabel: string; width?: number; marginLeft?: number }) {
  return (
    <Figure
      label={label}
      make={() =>
        Plot.plot({
          width,
          marginLeft,
          height: 40 + 28 * rows.length,
          x: { label: xLabel, grid: true },
          y: { label: null, domain: rows.map((r) => r.name) },
          marks: [
            Plot.ruleX([0], { stroke: "#4d4d4d" }),
            Plot.ruleY(rows, { y: "name", x1: "low", x2: "high", stroke: "#0b57d0", strokeWidth: 2 }),
            Plot.dot(rows, { y: "name", x: "estimate", fill: "#0b57d0", r: 4 }),
          ],
        })
      }
    />
  );
}
