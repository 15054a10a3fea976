import { useEffect, useState } from "preact/hooks";
import { listDatasets, type DatasetList } from "../api/client";
import { formatBytes, formatName } from "../format";
import { followInApp } from "../router";
import { Scroller } from "../scroller";
import { Pager } from "../pager";

const PAGE_SIZE = 20;
const count = new Intl.NumberFormat("en");

/** The caller's stored datasets, newest first, a page at a time; each links to its page. */
export function DatasetsPage() {
  const [page, setPage] = useState(1);
  const [list, setList] = useState<DatasetList | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    listDatasets(page, PAGE_SIZE)
      .then((l) => current && (setList(l), setError(null)))
      .catch((e: unknown) => {
        if (current) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      current = false;
    };
  }, [page]);

  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE_SIZE)) : 1;
  return (
    <>
      <h1>Datasets</h1>
      <p class="help">Every file you upload is kept here once, however many plans run on it.</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!list && !error && <p role="status">Loading…</p>}
      {list && list.datasets.length === 0 && (
        <p>
          No datasets yet. <a href="/" onClick={followInApp}>Upload a file</a> on the start page: it is stored when you run a plan on it.
        </p>
      )}
      {list && list.datasets.length > 0 && (
        <Scroller label="Datasets">
          <table>
            <caption>Your datasets, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Format</th>
                <th scope="col">Rows × columns</th>
                <th scope="col">Size</th>
                <th scope="col">Created</th>
                <th scope="col">Sessions</th>
              </tr>
            </thead>
            <tbody>
              {list.datasets.map((d) => (
                <tr key={d.datasetId}>
                  <th scope="row">
                    <a href={`/datasets/${d.datasetId}`} onClick={followInApp}>
                      {d.name || "(unnamed)"}
                    </a>
                  </th>
                  <td>{formatName(d.format)}</td>
                  <td class="num">
                    {count.format(d.rows)} × {count.format(d.columns.length)}
                  </td>
                  <td class="num">{formatBytes(d.bytes)}</td>
                  <td>{new Date(d.createdAt).toLocaleString()}</td>
                  <td class="num">{d.sessions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroller>
      )}
      {list && list.total > PAGE_SIZE && (
        <Pager label="Pages of datasets" page={page} pages={pages} onPage={setPage} />
      )}
    </>
  );
}
