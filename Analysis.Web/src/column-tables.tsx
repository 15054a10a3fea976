import { Scroller } from "./scroller";

/** A column as the service reads it; `distinct` may be absent (a dataset stored before it was counted). */
export interface ColumnFacts {
  name: string;
  type: string;
  missing: number;
  distinct?: number | null;
}

/** A dataset's columns (type, missing, distinct values) and its first rows as text: an inspected file's or a stored dataset's. */
export function ColumnTables({ columns, preview }: { columns: ColumnFacts[]; preview: string[][] }) {
  return (
    <>
      <Scroller label="Columns of the dataset">
        <table>
          <caption>Columns as the service reads them</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
              <th scope="col">Missing</th>
              <th scope="col">Distinct</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td>{c.type}</td>
                <td class="num">{c.missing}</td>
                <td class="num">{c.distinct === null || c.distinct === undefined ? "—" : c.distinct > 1000 ? "over 1,000" : c.distinct}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroller>
      <Scroller label="First rows of the dataset">
        <table>
          <caption>First rows</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c.name}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroller>
    </>
  );
}
