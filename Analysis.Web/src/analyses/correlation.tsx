import * as Plot from "@observablehq/plot";
import type { components } from "../api/schema";
import { Figure } from "../figures";
import { formatNumber } from "../format";
import { crossTable } from "../tables";
import { defineAnalysis } from "./analysis";
import { Choice, columnsOrAll, NumericColumns, PAdjustChoice } from "./fields";

type CorrelationSpec = components["schemas"]["CorrelationSpec"];
type CorrelationResult = components["schemas"]["CorrelationResult"];

export interface HeatCell {
  row: string;
  column: string;
  r: number | null;
}

/** A correlation matrix as cells for a heat map (null where r is undefined, e.g. a constant column). */
export function heatCells(r: CorrelationResult): HeatCell[] {
  if (r.error) return [];
  const columns = r.columns ?? [];
  const matrix = r.matrix ?? [];
  return columns.flatMap((row, i) => columns.map((column, j) => ({ row, column, r: matrix[i]?.[j] ?? null })));
}

export const correlation = defineAnalysis({
  type: "correlation",
  label: "Correlation",
  initial: {
    columns: [] as string[],
    method: "pearson" as NonNullable<CorrelationSpec["method"]>,
    pAdjust: "none" as NonNullable<CorrelationSpec["pAdjust"]>,
    use: "complete" as NonNullable<CorrelationSpec["use"]>,
  },
  Fields: (props) => (
    <>
      <NumericColumns {...props} />
      <Choice
        id={props.id("method")}
        label="Method"
        value={props.form.method}
        options={[
          ["pearson", "Pearson"],
          ["spearman", "Spearman"],
          ["kendall", "Kendall (τ-b)"],
        ]}
        onChange={(method) => props.onChange({ method })}
      />
      <Choice
        id={props.id("use")}
        label="Rows with missing values"
        value={props.form.use}
        options={[
          ["complete", "Leave out a row missing any column"],
          ["pairwise", "Each pair uses its own complete rows"],
        ]}
        onChange={(use) => props.onChange({ use })}
      />
      <PAdjustChoice id={props.id("pAdjust")} label="Correct the pairs' p-values for many tests" value={props.form.pAdjust} onChange={(pAdjust) => props.onChange({ pAdjust })} />
    </>
  ),
  toSpec: (f) => ({
    type: "correlation",
    columns: columnsOrAll(f.columns),
    method: f.method,
    ...(f.pAdjust !== "none" ? { pAdjust: f.pAdjust } : {}),
    ...(f.use !== "complete" ? { use: f.use } : {}),
  }),
  fromSpec: (s) => ({ columns: s.columns ?? [], ...(s.method ? { method: s.method } : {}), ...(s.pAdjust ? { pAdjust: s.pAdjust } : {}), ...(s.use ? { use: s.use } : {}) }),
  titleDetail: (r) => r.method,
  tables: (r) => {
    const columns = r.columns ?? [];
    return [
      crossTable("Coefficients", columns, columns, "number", r.matrix),
      // The diagonal's 0 is a convention (a column against itself), not a p-value: left blank.
      crossTable("p-values", columns, columns, "p", r.pValues?.map((row, i) => row.map((p, j) => (i === j ? null : p)))),
      ...(r.pValuesAdjusted
        ? [crossTable(`p-values adjusted (${r.pAdjust}, the pairs as one family)`, columns, columns, "p", r.pValuesAdjusted.map((row, i) => row.map((p, j) => (i === j ? null : p))))]
        : []),
      ...(r.nMatrix ? [crossTable("Rows of each pair (pairwise complete)", columns, columns, "count", r.nMatrix)] : []),
      ...(r.confidenceIntervals
        ? [
            crossTable(
              "95% confidence intervals of r (Fisher's z, as cor.test)",
              columns,
              columns,
              "text",
              r.confidenceIntervals.map((row) => row.map(([low, high]) => (low == null || high == null ? null : `${formatNumber(low)} to ${formatNumber(high)}`))),
            ),
          ]
        : []),
    ];
  },
  Chart({ result, title }) {
    const cells = heatCells(result);
    if (!cells.length) return null;
    const names = cells.filter((c) => c.row === cells[0]!.row).map((c) => c.column);
    return (
      <Figure
        label={`${title}: heat map of the correlation coefficients`}
        make={() =>
          Plot.plot({
            width: 480,
            marginLeft: 80,
            padding: 0,
            color: { type: "linear", domain: [-1, 1], scheme: "RdBu", legend: true, label: "r" },
            x: { label: null, domain: names },
            y: { label: null, domain: names },
            marks: [
              Plot.cell(cells, { x: "column", y: "row", fill: (d) => d.r ?? 0, inset: 0.5 }),
              Plot.text(cells, { x: "column", y: "row", text: (d) => (d.r === null ? "—" : d.r.toFixed(2)), fill: (d) => (Math.abs(d.r ?? 0) > 0.6 ? "white" : "black") }),
            ],
          })
        }
      />
    );
  },
});
