import * as Plot from "@observablehq/plot";
import type { components } from "../api/schema";
import { Figure } from "../figures";
import { defineAnalysis } from "./analysis";
import { columnsOrAll, NumericColumns } from "./fields";

type DescriptiveResult = components["schemas"]["DescriptiveResult"];

const STATS = ["count", "missing", "mean", "std", "min", "q1", "median", "q3", "max"] as const;

export interface Box {
  column: string;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

/** Each described column's five-number summary (R's type-7 quartiles), for a box plot; columns without one are left out. */
export function boxes(r: DescriptiveResult): Box[] {
  if (r.error) return [];
  return Object.entries(r.columns ?? {}).flatMap(([column, s]) =>
    s.min === null || s.q1 === null || s.median === null || s.q3 === null || s.max === null
      ? []
      : [{ column, min: s.min, q1: s.q1, median: s.median, q3: s.q3, max: s.max }],
  );
}

export const descriptive = defineAnalysis({
  type: "descriptive",
  label: "Descriptive statistics",
  initial: { columns: [] as string[] },
  Fields: NumericColumns,
  toSpec: (f) => ({ type: "descriptive", columns: columnsOrAll(f.columns) }),
  fromSpec: (s) => ({ columns: s.columns ?? [] }),
  tables: (r) => [
    {
      title: "Columns",
      header: ["Column", ...STATS],
      kinds: ["text", "count", "count", "number", "number", "number", "number", "number", "number", "number"],
      rows: Object.entries(r.columns ?? {}).map(([name, s]) => [name, ...STATS.map((k) => s[k])]),
    },
  ],
  Chart({ result, title }) {
    const five = boxes(result);
    if (!five.length) return null;
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
  },
});
