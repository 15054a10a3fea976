// All of a session's results as one download: every table of every result, as shown but with full precision.
import { tablesOf, titleOf, type AnalysisResult } from "./analyses";
import type { Cell } from "./tables";

/** One CSV for all results: each table under a line naming its analysis and table, full precision, RFC 4180 quoting. */
export function toCsv(results: AnalysisResult[]): string {
  const quote = (cell: Cell) => {
    if (cell === null || cell === undefined) return "";
    const text = String(cell);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines: string[] = [];
  results.forEach((r, i) => {
    const title = `${i + 1}. ${titleOf(r)}`;
    if (r.error) {
      lines.push(quote(title), quote(`error: ${r.error}`), "");
      return;
    }
    for (const table of tablesOf(r)) {
      lines.push(quote(`${title}: ${table.title}`));
      lines.push(table.header.map(quote).join(","));
      for (const row of table.rows) lines.push(row.map(quote).join(","));
      lines.push("");
    }
  });
  return lines.join("\r\n");
}

/**
 * The rows a result used and left out for missing values, for a report ("27 rows used; 3 left out for missing
 * values"); null for a result stored before it said how many it left out.
 */
export function rowsUsed(result: AnalysisResult): string | null {
  const { n, nExcluded } = result as { n?: number; nExcluded?: number | null };
  if (typeof n !== "number" || typeof nExcluded !== "number") return null;
  const rows = (k: number) => `${k} row${k === 1 ? "" : "s"}`;
  return `${rows(n)} used; ${nExcluded === 0 ? "none" : rows(nExcluded)} left out for missing values`;
}
