import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "preact/hooks";
import { boxes, groupMeans, heatCells } from "../charts";
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

/** The chart a result is better looked at than read, where there is one. */
export function ChartFor({ result, title }: { result: AnalysisResult; title: string }) {
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
