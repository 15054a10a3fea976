import { analysisOf, tablesOf, titleOf, type AnalysisResult } from "../analyses";
import { forestRows } from "../charts";
import { IntervalsFigure } from "../figures";
import { formatNumber, formatP } from "../format";
import { rowsUsed } from "../results";
import { Scroller } from "../scroller";
import type { Cell, Kind, Table } from "../tables";

function show(cell: Cell, kind: Kind): string {
  if (cell === null || cell === undefined) return "—";
  if (typeof cell === "string") return cell;
  if (kind === "p") return formatP(cell);
  if (kind === "count") return String(cell);
  return formatNumber(cell);
}

function ResultTable({ table, caption }: { table: Table; caption: string }) {
  return (
    <Scroller label={caption}>
      <table>
        <caption>{table.title}</caption>
        <thead>
          <tr>
            {table.header.map((h, i) => (
              <th scope="col" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 && table.kinds[0] === "text" ? (
                  <th scope="row" key={j}>
                    {show(cell, "text")}
                  </th>
                ) : (
                  <td key={j} class={table.kinds[j] === "text" ? "" : "num"}>
                    {show(cell, table.kinds[j] ?? "number")}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroller>
  );
}

/** A result's chart, where its type has one that is better looked at than read; none for a result not computed. */
function ChartFor({ result, title, sessionId }: { result: AnalysisResult; title: string; sessionId: string }) {
  const { Chart } = analysisOf(result.type);
  return !result.error && Chart ? <Chart result={result} title={title} sessionId={sessionId} /> : null;
}

/** A forest-style chart of every effect size of the session with its interval, one row each, zero marked. */
function EffectSizesForest({ results }: { results: AnalysisResult[] }) {
  const rows = forestRows(results as Parameters<typeof forestRows>[0]);
  if (!rows.length) return null;
  return (
    <>
      <h3>Effect sizes across the session</h3>
      <IntervalsFigure
        label="The session's effect sizes: each estimate (dot) with its confidence interval (line), by analysis number and measure"
        rows={rows}
        xLabel="effect size (each on its own scale)"
        width={560}
        marginLeft={150}
      />
    </>
  );
}

/** Every result of a session, in plan order: its tables, its warnings, or why it has no numbers. */
export function ResultsView({ results, sessionId }: { results: AnalysisResult[]; sessionId: string }) {
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <EffectSizesForest results={results} />
      {results.map((r, i) => {
        const title = `${i + 1}. ${titleOf(r)}`;
        return (
          <article key={i} class="result" aria-label={title}>
            <h3>{title}</h3>
            {r.error && (
              <p class="error">
                Not computed: {r.error}
              </p>
            )}
            {rowsUsed(r) && <p class="rows-used">{rowsUsed(r)}</p>}
            <ChartFor result={r} title={title} sessionId={sessionId} />
            {tablesOf(r).map((t) => (
              <ResultTable key={t.title} table={t} caption={`${title}: ${t.title}`} />
            ))}
            {r.warnings && r.warnings.length > 0 && (
              <ul class="warnings" aria-label={`Warnings for ${title}`}>
                {r.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
            {r.r && (
              <p class="r-call">
                In R: <code>{r.r}</code>
              </p>
            )}
          </article>
        );
      })}
    </section>
  );
}
