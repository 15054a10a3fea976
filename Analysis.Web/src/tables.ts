// A result as tables: the same tables are shown formatted for people and downloaded as CSV with full precision.
// The shapes several analyses share are made here once.

export type Cell = string | number | null | undefined;
/** How a column's numbers read: p-values in scientific form, counts as they are, other numbers to 4 digits. */
export type Kind = "text" | "number" | "count" | "p";

export interface Table {
  title: string;
  header: string[];
  kinds: Kind[];
  rows: Cell[][];
}

/** Groups with their size, mean and standard deviation (a t-test's, an ANOVA's). */
export function groupsTable(groups: { name: string; n: number; mean: number | null; std: number | null }[]): Table {
  return { title: "Groups", header: ["Group", "n", "Mean", "SD"], kinds: ["text", "count", "number", "number"], rows: groups.map((g) => [g.name, g.n, g.mean, g.std]) };
}

/** A matrix with its rows and columns named (a contingency table, a correlation matrix); a row missing from it is left empty. */
export function crossTable(title: string, rowNames: string[], columnNames: string[], kind: Kind, matrix: readonly (readonly Cell[])[] | undefined): Table {
  return {
    title,
    header: ["", ...columnNames],
    kinds: ["text", ...columnNames.map((): Kind => kind)],
    rows: rowNames.map((name, i) => [name, ...((matrix ?? [])[i] ?? [])]),
  };
}
