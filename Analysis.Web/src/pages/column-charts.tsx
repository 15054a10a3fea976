// A small chart of each column of a stored dataset, drawn from an even sample of its rows (GET
// /api/datasets/{id}/sample): a histogram of a numeric column, the most frequent levels of a categorical one. Each
// chart's text alternative says what it shows; the exact counts are in the columns table above it.
import * as Plot from "@observablehq/plot";
import { useEffect, useState } from "preact/hooks";
import { getDatasetSample, SAMPLE_COLUMNS, type DatasetSample } from "../api/client";
import type { components } from "../api/schema";
import { histogram, histogramText, levelsText, topLevels, type DatasetColumn } from "../columns";
import { Figure } from "../figures";

/** Rows sampled for the charts: enough for their shape, little to send. */
const SAMPLE_ROWS = 2000;

type Sampled = DatasetSample["columns"][number];
type NumericSampled = components["schemas"]["SampleColumnNumericSampleColumn"];
// The schema's `type` is optional in the generated types, so the compiler does not narrow on it by itself.
const isNumeric = (c: Sampled): c is NumericSampled => c.type === "numeric";

export function ColumnCharts({ datasetId, columns }: { datasetId: string; columns: DatasetColumn[] }) {
  // Charted a batch at a time (a sample request takes at most 20 columns): the first batch at once, more on request.
  const [shown, setShown] = useState(Math.min(SAMPLE_COLUMNS, columns.length));
  const [samples, setSamples] = useState<Map<string, { column: Sampled; sampled: boolean; rows: number }>>(new Map());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const wanted = columns.slice(0, shown).map((c) => c.name).filter((name) => !samples.has(name));
    if (wanted.length === 0) return;
    let current = true;
    getDatasetSample(datasetId, wanted, SAMPLE_ROWS).then(
      (sample) => {
        if (!current) return;
        const next = new Map(samples);
        for (const column of sample.columns) next.set(column.name, { column, sampled: sample.sampled, rows: sample.rows });
        setSamples(next);
      },
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [datasetId, shown]);

  return (
    <section aria-labelledby="charts-heading">
      <h2 id="charts-heading">Charts of the columns</h2>
      {error && (
        <p class="error" role="alert">
          The charts could not be drawn: {error}
        </p>
      )}
      <ul class="column-charts">
        {columns.slice(0, shown).map((c) => {
          const got = samples.get(c.name);
          return (
            <li key={c.name}>
              <h3>{c.name}</h3>
              <p class="help">
                {c.type}, {c.missing} missing{c.distinct === null || c.distinct === undefined ? "" : `, ${c.distinct > 1000 ? "over 1,000" : c.distinct} distinct`}
              </p>
              {got ? <ColumnChart sample={got.column} sampled={got.sampled} rows={got.rows} /> : !error && <p class="help">Drawing…</p>}
            </li>
          );
        })}
      </ul>
      {shown < columns.length && (
        <p>
          Charts of {shown} of {columns.length} columns.{" "}
          <button type="button" class="secondary" onClick={() => setShown(Math.min(columns.length, shown + SAMPLE_COLUMNS))}>
            Chart {Math.min(SAMPLE_COLUMNS, columns.length - shown)} more columns
          </button>
        </p>
      )}
    </section>
  );
}

const short = (text: string) => (text.length > 14 ? `${text.slice(0, 13)}…` : text);

function ColumnChart({ sample, sampled, rows }: { sample: Sampled; sampled: boolean; rows: number }) {
  if (isNumeric(sample)) {
    const bins = histogram(sample.values);
    const label = histogramText(sample.name, bins, sampled, rows);
    if (bins.length === 0) return <p class="help">{label}</p>;
    return (
      <Figure
        label={label}
        make={() =>
          Plot.plot({
            width: 300,
            height: 150,
            marginLeft: 40,
            x: { label: null, ticks: 5 },
            y: { label: "count", grid: true, ticks: 4 },
            marks: [Plot.rectY(bins, { x1: "x0", x2: "x1", y: "count", fill: "#0b57d0", insetLeft: 1 }), Plot.ruleY([0])],
          })
        }
      />
    );
  }
  const top = topLevels(sample.values);
  const label = levelsText(sample.name, top, sampled, rows);
  if (top.levels.length === 0) return <p class="help">{label}</p>;
  return (
    <Figure
      label={label}
      make={() =>
        Plot.plot({
          width: 300,
          height: 50 + 26 * top.levels.length,
          marginLeft: 100,
          x: { label: "count", grid: true, ticks: 4 },
          y: { label: null, domain: top.levels.map((l) => l.level), tickFormat: short },
          marks: [Plot.barX(top.levels, { y: "level", x: "count", fill: "#0b57d0" }), Plot.ruleX([0])],
        })
      }
    />
  );
}
