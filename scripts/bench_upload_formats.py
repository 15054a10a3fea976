#!/usr/bin/env python3
"""Issue #19 benchmark: XLSX and Parquet uploads (upload -> dataset stored) against pandas/openpyxl, readxl and DuckDB.

The same data (default 200,000 rows x 10 columns: 8 numeric with a few decimals and ~1 % missing cells, 2 categorical
with a handful of levels) is written as CSV (pandas), XLSX (xlsxwriter, constant_memory: numbers as number cells, the
header and the levels as inline strings, a missing cell not written at all) and Parquet (DuckDB's COPY from the CSV
with the columns typed DOUBLE/VARCHAR, checked after). Then, after one warm-up of each (not counted), --runs runs,
alternating the formats run by run (csv, xlsx, parquet, csv, ...), each run also timing the peers on the same files:

  - ours: `POST /api/datasets` with the file as the raw body, from the first byte sent until the 201 answer is read
    (HTTP on localhost, reading the upload, telling the format, parsing, hashing, counting, storing in SQLite), over a
    connection opened beforehand; the dataset is deleted (204) after every upload, so that the next one parses and
    stores again (the same bytes of a stored dataset would be that dataset, answered 200 without parsing);
  - pandas 1.5 `read_csv` (for scale) and `read_excel(engine="openpyxl")`, in one long-lived /usr/bin/python3
    (imports done before, timed with perf_counter around the call);
  - R readxl `read_excel`, in one long-lived Rscript (library loaded before, timed inside R with proc.time(), so R's
    start-up is left out);
  - DuckDB (@duckdb/node-api, an in-memory database) `CREATE TABLE t AS SELECT * FROM read_parquet(...)`, in one
    long-lived node (timed with process.hrtime around the statement; the table is dropped before each run).

The peers only read into memory; ours also answers over HTTP, hashes and stores. The script checks that the service
reads the three files to the same rows, column names, types and missing counts, and that every peer reads 10 columns
of the same rows. It prints each run, then the medians, the mins, the ratios ours / peer, the file sizes and the
service's peak resident memory (VmHWM) over the whole run, warm-ups included; then, to tell which format makes that
peak, each format alone in a fresh service process (--runs + 1 uploads, each deleted) and its VmHWM.

Usage: /usr/bin/python3 scripts/bench_upload_formats.py [--rows 200000] [--runs 5]
Needs: Debian python3-pandas python3-numpy python3-openpyxl python3-xlsxwriter r-cran-readxl, node + npm (the script
installs @duckdb/node-api into --npm-dir, default /tmp/analysis-bench-npm, outside the repository, when it is not
there), a .NET SDK. pyarrow is not measured: it is not packaged in Debian bookworm and PyPI is not reachable here.
"""
import argparse, http.client, json, os, shutil, statistics, subprocess, sys, tempfile, time, urllib.error

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_engine as engine  # noqa: E402  (KEY, BASE, http, peak_rss_mb)
import bench_datasets as datasets  # noqa: E402  (start, stop: the service in Release on a throwaway SQLite database)

ROOT = engine.ROOT
PORT = int(engine.BASE.rsplit(":", 1)[1])
FORMATS = ["csv", "xlsx", "parquet"]
MEDIA = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
NUMERIC = [f"x{i}" for i in range(1, 9)]
CATEGORICAL = {"site": ["north", "south", "east", "west"], "arm": ["placebo", "low", "mid", "high", "max"]}
COLUMNS = NUMERIC + list(CATEGORICAL)

PY_WORKER = r"""
import gc, json, sys, time
import pandas as pd, openpyxl  # noqa: F401  (imported before any timing: read_excel would import openpyxl lazily)
for line in sys.stdin:
    kind, path = line.rstrip("\n").split(" ", 1)
    gc.collect()
    t = time.perf_counter()
    df = pd.read_csv(path) if kind == "csv" else pd.read_excel(path, engine="openpyxl")
    s = time.perf_counter() - t
    print(json.dumps({"s": s, "rows": len(df), "cols": df.shape[1], "types": [str(d) for d in df.dtypes]}), flush=True)
    del df
"""

R_WORKER = r"""
suppressPackageStartupMessages(library(readxl))
con <- file("stdin", open = "r")
while (length(line <- readLines(con, n = 1)) > 0) {
  path <- sub("^[^ ]+ ", "", line)
  invisible(gc())
  t <- proc.time()[["elapsed"]]
  df <- read_excel(path)
  s <- proc.time()[["elapsed"]] - t
  types <- paste0('"', vapply(df, function(c) class(c)[1], ""), '"', collapse = ",")
  cat(sprintf('{"s": %.6f, "rows": %d, "cols": %d, "types": [%s]}\n', s, nrow(df), ncol(df), types))
  flush(stdout())
  rm(df)
}
"""

NODE_WORKER = r"""
const path = require('path');
const { DuckDBInstance } = require(path.join(process.argv[2], 'node_modules', '@duckdb', 'node-api'));
const q = (p) => "'" + p.replace(/'/g, "''") + "'";
(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const rl = require('readline').createInterface({ input: process.stdin });
  for await (const line of rl) {
    const [kind, ...rest] = line.split(' ');
    if (kind === 'copy') {  // copy <csv> <parquet> <columns as JSON {name: type}>
      const [csv, parquet, columns] = [rest[0], rest[1], rest.slice(2).join(' ')];
      const spec = '{' + Object.entries(JSON.parse(columns)).map(([n, t]) => `'${n}': '${t}'`).join(', ') + '}';
      await con.run(`COPY (SELECT * FROM read_csv(${q(csv)}, header = true, columns = ${spec})) TO ${q(parquet)} (FORMAT parquet)`);
      const d = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${q(parquet)})`)).getRows();
      const v = (await con.runAndReadAll(`SELECT version()`)).getRows();
      console.log(JSON.stringify({ names: d.map(r => r[0]), types: d.map(r => r[1]), version: v[0][0] }));
      continue;
    }
    await con.run('DROP TABLE IF EXISTS t');
    const t0 = process.hrtime.bigint();
    await con.run(`CREATE TABLE t AS SELECT * FROM read_parquet(${q(rest.join(' '))})`);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const n = (await con.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0];
    const d = (await con.runAndReadAll('DESCRIBE t')).getRows();
    console.log(JSON.stringify({ s, rows: Number(n), cols: d.length, types: d.map(r => r[1]) }));
  }
})().catch(e => { console.error(e); process.exit(1); });
"""


class Worker:
    """A long-lived peer process: one request line in, one JSON line out (its start-up and imports are not timed)."""

    def __init__(self, name, argv):
        self.name = name
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def ask(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        out = self.proc.stdout.readline()
        if not out:
            raise SystemExit(f"{self.name} ended (exit {self.proc.wait()}) on: {line}")
        return json.loads(out)

    def peak_rss_mb(self):
        return engine.peak_rss_mb(self.proc.pid)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def generate(work, rows):
    """The same data as CSV and XLSX; returns their paths and the missing cells written per column."""
    import numpy as np
    import pandas as pd
    import xlsxwriter
    rng = np.random.default_rng(20261219)
    data = {}
    for i, name in enumerate(NUMERIC):
        values = (rng.normal(0, 1, rows) * (1 + 7 * i) + 10 * i).round(2 + i % 3)  # 2, 3 or 4 decimals
        values[rng.random(rows) < 0.01] = np.nan
        data[name] = values
    for name, levels in CATEGORICAL.items():
        data[name] = np.array(levels, dtype=object)[rng.integers(0, len(levels), rows)]
    frame = pd.DataFrame(data, columns=COLUMNS)
    csv = os.path.join(work, "data.csv")
    frame.to_csv(csv, index=False, na_rep="")

    xlsx = os.path.join(work, "data.xlsx")
    book = xlsxwriter.Workbook(xlsx, {"constant_memory": True})
    sheet = book.add_worksheet("data")
    for c, name in enumerate(COLUMNS):
        sheet.write_string(0, c, name)
    numeric = [frame[name].to_numpy() for name in NUMERIC]
    categorical = [frame[name].to_numpy() for name in CATEGORICAL]
    for r in range(rows):
        for c, column in enumerate(numeric):
            v = column[r]
            if v == v:  # a missing cell is not written: an empty cell, as Excel leaves it
                sheet.write_number(r + 1, c, float(v))
        for c, column in enumerate(categorical, start=len(NUMERIC)):
            sheet.write_string(r + 1, c, column[r])
    book.close()
    return csv, xlsx, {name: int(frame[name].isna().sum()) for name in COLUMNS}


def ensure_duckdb(npm_dir):
    if not os.path.isdir(os.path.join(npm_dir, "node_modules", "@duckdb", "node-api")):
        os.makedirs(npm_dir, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", npm_dir, "--no-audit", "--no-fund", "@duckdb/node-api"], check=True,
                       stdout=subprocess.DEVNULL)
    with open(os.path.join(npm_dir, "node_modules", "@duckdb", "node-api", "package.json")) as f:
        return json.load(f)["version"]


def upload(body, fmt):
    """One upload as the raw body: (seconds from the first byte sent to the whole answer read, the dataset)."""
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
    conn.connect()  # not timed: the clock starts with the request's first byte
    t = time.perf_counter()
    conn.request("POST", "/api/datasets", body=body,
                 headers={"X-Api-Key": engine.KEY, "Content-Type": MEDIA[fmt], "Content-Length": str(len(body))})
    resp = conn.getresponse()
    answer = resp.read()
    elapsed = time.perf_counter() - t
    conn.close()
    if resp.status != 201:
        raise SystemExit(f"POST /api/datasets ({fmt}, {len(body)} bytes): {resp.status} {answer[:2000]!r}")
    dataset = json.loads(answer)["dataset"]
    if dataset.get("format") != fmt:
        raise SystemExit(f"{fmt} upload read as {dataset.get('format')}: {answer[:2000]!r}")
    return elapsed, dataset


def delete(dataset_id):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
    conn.request("DELETE", f"/api/datasets/{dataset_id}", headers={"X-Api-Key": engine.KEY})
    resp = conn.getresponse()
    answer = resp.read()
    conn.close()
    if resp.status != 204:
        raise SystemExit(f"DELETE /api/datasets/{dataset_id}: {resp.status} {answer[:2000]!r}")


def shape(dataset):
    return dataset["rows"], [(c["name"], c["type"], c.get("missing")) for c in dataset["columns"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--npm-dir", default="/tmp/analysis-bench-npm", help="where @duckdb/node-api is (installed if absent)")
    args = ap.parse_args()

    duckdb_version = ensure_duckdb(args.npm_dir)
    work = tempfile.mkdtemp(prefix="analysis-bench-upload-formats-")
    service = None
    workers = []
    try:
        t = time.perf_counter()
        csv, xlsx, missing = generate(work, args.rows)
        for name, text in (("worker.py", PY_WORKER), ("worker.R", R_WORKER), ("worker.js", NODE_WORKER)):
            with open(os.path.join(work, name), "w") as f:
                f.write(text)
        duck = Worker("DuckDB (node)", ["node", os.path.join(work, "worker.js"), args.npm_dir])
        py = Worker("pandas", ["/usr/bin/python3", os.path.join(work, "worker.py")])
        r = Worker("readxl (R)", ["Rscript", "--vanilla", os.path.join(work, "worker.R")])
        workers = [duck, py, r]
        parquet = os.path.join(work, "data.parquet")
        types = {name: "DOUBLE" for name in NUMERIC} | {name: "VARCHAR" for name in CATEGORICAL}
        written = duck.ask(f"copy {csv} {parquet} {json.dumps(types)}")
        if written["names"] != COLUMNS or written["types"] != [types[n] for n in COLUMNS]:
            raise SystemExit(f"the Parquet file's columns are not DOUBLE/VARCHAR as intended: {written}")
        files = {"csv": csv, "xlsx": xlsx, "parquet": parquet}
        bodies = {fmt: open(path, "rb").read() for fmt, path in files.items()}
        sizes = {fmt: len(b) for fmt, b in bodies.items()}
        print(f"data: {args.rows} rows x 10 columns (8 numeric, 2-4 decimals, {sum(missing.values())} missing cells "
              f"in all; 2 categorical of 4 and 5 levels), written in {time.perf_counter() - t:.0f} s")
        print("files: " + ", ".join(f"{fmt} {sizes[fmt] / 1e6:.1f} MB" for fmt in FORMATS)
              + f"; Parquet written by DuckDB {written['version']} (@duckdb/node-api {duckdb_version}): "
              + ", ".join(f"{n} {t}" for n, t in zip(written["names"], written["types"])))

        head = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %s"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout
        print(f"commit: {head[:80] or '(not a git checkout)'}{' (with uncommitted changes in the work tree)' if dirty.strip() else ''}")
        subprocess.run(["dotnet", "build", os.path.join(ROOT, "Analysis.Api"), "-c", "Release", "--nologo", "-v", "q"], check=True,
                       stdout=subprocess.DEVNULL)
        try:  # another service on the port would answer the readiness check in place of ours
            engine.http("GET", f"{engine.BASE}/health/live")
            answered = True
        except urllib.error.HTTPError:
            answered = True
        except OSError:
            answered = False
        if answered:
            raise SystemExit(f"something already answers on {engine.BASE}: stop it first")
        service = datasets.start(work, max(sizes.values()))
        if service.poll() is not None:
            raise SystemExit(f"the service exited ({service.returncode}): see its log")
        idle = engine.peak_rss_mb(service.pid)

        # Warm-ups (JIT, page cache, the peers' first calls), not counted; the service's three answers must agree.
        shapes, warm = {}, {}
        for fmt in FORMATS:
            warm[fmt], dataset = upload(bodies[fmt], fmt)
            shapes[fmt] = shape(dataset)
            delete(dataset["datasetId"])
        print("warm-up uploads (first of each format, not counted): " + ", ".join(f"{fmt} {warm[fmt]:.3f} s" for fmt in FORMATS))
        expected = (args.rows, [(n, shapes["csv"][1][i][1], missing[n]) for i, n in enumerate(COLUMNS)])
        for fmt in FORMATS:
            if shapes[fmt] != expected:
                raise SystemExit(f"the service read {fmt} otherwise than the CSV / the data written:\n{shapes[fmt]}\nexpected {expected}")
        kinds = [t for _, t, _ in expected[1]]
        print(f"service reads all three as {args.rows} rows; column types {kinds}; missing cells per column as written")
        peer_types = {}
        for label, worker, kind, fmt in (("pandas read_csv", py, "csv", "csv"), ("pandas read_excel", py, "xlsx", "xlsx"),
                                         ("readxl", r, "xlsx", "xlsx"), ("DuckDB", duck, "read", "parquet")):
            out = worker.ask(f"{kind} {files[fmt]}")
            if (out["rows"], out["cols"]) != (args.rows, len(COLUMNS)):
                raise SystemExit(f"{label} read {out['rows']} x {out['cols']}")
            peer_types[label] = out["types"]
        print("peers' column types: " + "; ".join(f"{k}: {sorted(set(v))}" for k, v in peer_types.items()))

        # (label, format, how) in the order each run takes them: the formats alternate, each followed by its peers.
        plan = [
            ("ours csv", "csv", lambda: measure_ours("csv")),
            ("pandas read_csv", "csv", lambda: py.ask(f"csv {csv}")["s"]),
            ("ours xlsx", "xlsx", lambda: measure_ours("xlsx")),
            ("pandas read_excel (openpyxl)", "xlsx", lambda: py.ask(f"xlsx {xlsx}")["s"]),
            ("readxl read_excel", "xlsx", lambda: r.ask(f"xlsx {xlsx}")["s"]),
            ("ours parquet", "parquet", lambda: measure_ours("parquet")),
            ("DuckDB read_parquet -> table", "parquet", lambda: duck.ask(f"read {parquet}")["s"]),
        ]

        def measure_ours(fmt):
            s, dataset = upload(bodies[fmt], fmt)
            delete(dataset["datasetId"])
            if shape(dataset) != expected:
                raise SystemExit(f"{fmt}: the service read {shape(dataset)}")
            return s

        times = {label: [] for label, _, _ in plan}
        for i in range(args.runs):
            for label, _, how in plan:
                times[label].append(how())
            print(f"run {i + 1}: " + ", ".join(f"{label} {times[label][-1]:.3f} s" for label, _, _ in plan), flush=True)

        peak = engine.peak_rss_mb(service.pid)
        print()
        print(f"{'':32} {'format':8} {'median':>9} {'min':>9} {'ours / it (median)':>19}")
        ours = {fmt: statistics.median(times[f"ours {fmt}"]) for fmt in FORMATS}
        for label, fmt, _ in plan:
            med, low = statistics.median(times[label]), min(times[label])
            ratio = "" if label.startswith("ours") else f"{ours[fmt] / med:.2f}"
            print(f"{label:32} {fmt:8} {med:8.3f}s {low:8.3f}s {ratio:>19}")
        print()
        print(f"service peak RSS (VmHWM) over the whole run, warm-ups included: {peak:.0f} MB (at start {idle:.0f} MB)")
        print("peers' peak RSS (VmHWM of each long-lived process): "
              + ", ".join(f"{w.name} {w.peak_rss_mb():.0f} MB" for w in workers))

        # The peak above is the largest of the three formats'; which one: each alone in a fresh service process.
        datasets.stop(service)
        service = None
        for fmt in FORMATS:
            service = datasets.start(work, max(sizes.values()))
            idle = engine.peak_rss_mb(service.pid)
            for _ in range(args.runs + 1):
                measure_ours(fmt)
            print(f"fresh service, {args.runs + 1} {fmt} uploads only: peak RSS {engine.peak_rss_mb(service.pid):.0f} MB "
                  f"(at start {idle:.0f} MB)", flush=True)
            datasets.stop(service)
            service = None
    finally:
        for w in workers:
            try:
                w.close()
            except Exception:
                w.proc.kill()
        if service is not None:
            datasets.stop(service)
        if os.environ.get("BENCH_KEEP_LOG") and os.path.exists(os.path.join(work, "service.log")):
            shutil.copy(os.path.join(work, "service.log"), "/tmp/bench-upload-formats-service.log")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
