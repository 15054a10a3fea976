#!/usr/bin/env python3
"""Issue #3 benchmark: the service against pandas + statsmodels on the same 1,000,000 x 10 CSV.

The service is timed from the start of the upload to `completed` (upload, parse, store, claim, load,
compute, save); pandas from read_csv through describe, corr and OLS().fit(). Runs interleave
(service, pandas, service, pandas, ...) and the script prints both medians, the ratio, and the
service's peak resident memory (VmHWM) over all its runs.

Usage: python3 scripts/bench_engine.py [--rows 1000000] [--runs 3]
Needs: the Debian packages python3-pandas python3-statsmodels python3-scipy (use /usr/bin/python3), a .NET SDK.

Issue #11: `--next-tools` times each new analysis type on its own, on 1,000,000 rows, against the SciPy or
statsmodels call that computes the same thing. The service's figure is its own log line's ComputeMs for a session of
that one analysis (the analysis alone, the dataset already parsed and loaded, to the microsecond); SciPy's is the
call on columns already in memory (splitting by group, dropna, crosstab, dummies included). The ratio is of those
two. The session's whole cost after loading (ElapsedMs - LoadMs: the analysis and saving its result, whole ms) is
printed beside them. Medians of --runs runs each.

Issue #21: `--options` times the same plan with the new options off and on, alternating, on the same file with an
eleventh column of positive weights: correlation with "use": "pairwise" and "pAdjust": "holm", regression with
"weights" and "checks". It prints both medians end to end, their ratio, and the median ComputeMs of each (the
analyses alone, from the service's log).
"""
import argparse, json, os, shutil, signal, statistics, subprocess, sys, tempfile, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 5099
BASE = f"http://127.0.0.1:{PORT}"
KEY = "bench-key-0123456789abcdef"  # every /api request carries it, as a real client does
PREDICTORS = ["x1", "x2", "x3", "x4", "x5"]
PLAN = json.dumps([
    {"type": "descriptive"},
    {"type": "correlation", "method": "pearson"},
    {"type": "regression", "dependent": "y", "independents": PREDICTORS},
])


PLAN_OPTIONS = json.dumps([
    {"type": "descriptive"},
    {"type": "correlation", "method": "pearson", "columns": ["y"] + [f"x{i}" for i in range(1, 10)], "use": "pairwise", "pAdjust": "holm"},
    {"type": "regression", "dependent": "y", "independents": PREDICTORS, "weights": "w", "checks": True},
])
PLAN_OFF = json.dumps([
    {"type": "descriptive"},
    {"type": "correlation", "method": "pearson", "columns": ["y"] + [f"x{i}" for i in range(1, 10)]},
    {"type": "regression", "dependent": "y", "independents": PREDICTORS},
])


def generate(path, rows, weights=False):
    import numpy as np
    rng = np.random.default_rng(20261128)
    x = rng.normal(0, 1, size=(rows, 9)) * rng.uniform(0.5, 20, size=9) + rng.uniform(-50, 50, size=9)
    y = 3 + x[:, :5] @ np.array([1.5, -0.7, 0.2, 0.05, -2.0]) + rng.normal(0, 5, size=rows)
    data = np.column_stack([y, x] + ([rng.uniform(0.5, 2, size=rows)] if weights else []))
    with open(path, "w") as f:
        f.write("y," + ",".join(f"x{i}" for i in range(1, 10)) + (",w" if weights else "") + "\n")
        np.savetxt(f, data, delimiter=",", fmt="%.5f")


def pandas_once(path):
    code = (
        "import time,sys;t=time.perf_counter();import pandas as pd, statsmodels.api as sm;"
        f"df=pd.read_csv(sys.argv[1]);df.describe();df.corr();"
        f"sm.OLS(df['y'], sm.add_constant(df[{PREDICTORS!r}])).fit();"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run(["/usr/bin/python3", "-c", code, path], check=True, capture_output=True, text=True)
    return float(out.stdout.strip())


def http(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers={"X-Api-Key": KEY, **(headers or {})})
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.loads(r.read() or b"{}")


def wait_until_done(sid):
    """Long-polls as a good client does: the last ETag and ?wait, so the service answers on the change."""
    etag = None
    while True:
        req = urllib.request.Request(f"{BASE}/api/session/{sid}/status?wait=30", headers={"X-Api-Key": KEY, **({"If-None-Match": etag} if etag else {})})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                etag = r.headers["ETag"]
                status = json.loads(r.read())
        except urllib.error.HTTPError as e:
            if e.code == 304:
                continue
            raise
        if status["status"] in ("completed", "failed", "cancelled"):
            return status


def service_once(path, plan=PLAN):
    t = time.perf_counter()
    # curl streams the file as multipart exactly as a client would.
    out = subprocess.run(["curl", "-s", "-H", f"X-Api-Key: {KEY}", "-F", f"dataset=@{path};type=text/csv", "-F", f"analyses={plan}",
                          f"{BASE}/api/session"], check=True, capture_output=True, text=True)
    created = json.loads(out.stdout)
    if not created.get("success"):
        raise SystemExit(f"create failed: {out.stdout}")
    sid = created["sessionId"]
    status = wait_until_done(sid)
    elapsed = time.perf_counter() - t
    if status["status"] != "completed":
        raise SystemExit(f"session ended {status['status']}: {status}")
    results = http("GET", f"{BASE}/api/session/{sid}/results")["results"]
    assert [r["type"] for r in results] == ["descriptive", "correlation", "regression"], results
    assert all("error" not in r for r in results), results
    return elapsed, sid


NEXT_TOOLS = [
    ("mannwhitney", {"type": "mannwhitney", "column": "y", "groupBy": "g2"},
     "stats.mannwhitneyu(d.y[d.g2 == 'A'], d.y[d.g2 == 'B'], method='asymptotic')"),
    ("wilcoxon (paired)", {"type": "wilcoxon", "columns": ["y", "z"]}, "stats.wilcoxon(d.y, d.z, method='approx')"),
    ("kruskal", {"type": "kruskal", "column": "y", "groupBy": "g4"}, "stats.kruskal(*[v.values for _, v in d.y.groupby(d.g4)])"),
    ("shapiro (5000 values)", {"type": "shapiro", "columns": ["s"]}, "stats.shapiro(d.s.dropna().values)"),
    ("levene", {"type": "levene", "column": "y", "groupBy": "g4"}, "stats.levene(*[v.values for _, v in d.y.groupby(d.g4)], center='median')"),
    ("tukey", {"type": "tukey", "column": "y", "groupBy": "g4"}, "pairwise_tukeyhsd(d.y, d.g4)"),
    ("fisher (2x2)", {"type": "fisher", "columns": ["g2", "ev"]}, "stats.fisher_exact(pd.crosstab(d.g2, d.ev).values)"),
    ("logistic", {"type": "logistic", "dependent": "ev", "independents": ["x1", "x2", "g4"]},
     "sm.Logit(d.ev, sm.add_constant(pd.concat([d[['x1', 'x2']], pd.get_dummies(d.g4, prefix='g4', drop_first=True, dtype=float)], axis=1))).fit(disp=0)"),
    ("kendall", {"type": "correlation", "method": "kendall", "columns": ["y", "z"]}, "stats.kendalltau(d.y, d.z)"),
]


def generate_next_tools(path, rows):
    import numpy as np
    rng = np.random.default_rng(20261129)
    y = rng.normal(10, 3, rows).round(4)
    z = (y + rng.normal(0.1, 1, rows)).round(4)
    g2 = np.where(rng.random(rows) < 0.5, "A", "B")
    g4 = np.array(["a", "b", "c", "d"])[rng.integers(0, 4, rows)]
    x1 = rng.normal(0, 1, rows).round(4)
    x2 = rng.normal(0, 1, rows).round(4)
    ev = (rng.random(rows) < 1 / (1 + np.exp(-(0.3 * x1 - 0.5 * x2 + (g4 == "b") * 0.4)))).astype(int)
    s = np.full(rows, "", dtype=object)
    s[:5000] = rng.gamma(2, 2, 5000).round(4).astype(str)
    with open(path, "w") as f:
        f.write("y,z,g2,g4,x1,x2,ev,s\n")
        for row in zip(y, z, g2, g4, x1, x2, ev, s):
            f.write(",".join(map(str, row)) + "\n")


def scipy_times(path, runs):
    code = (
        "import sys, json, time, statistics; import pandas as pd; from scipy import stats; import statsmodels.api as sm;"
        "from statsmodels.stats.multicomp import pairwise_tukeyhsd;"
        "d = pd.read_csv(sys.argv[1]); calls = json.loads(sys.argv[2]); out = {}\n"
        "for name, call in calls:\n"
        "    ts = []\n"
        "    for _ in range(int(sys.argv[3])):\n"
        "        t = time.perf_counter(); eval(call); ts.append(time.perf_counter() - t)\n"
        "    out[name] = statistics.median(ts)\n"
        "print(json.dumps(out))"
    )
    calls = json.dumps([[name, call] for name, _, call in NEXT_TOOLS])
    out = subprocess.run(["/usr/bin/python3", "-c", code, path, calls, str(runs)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def service_compute_ms(path, spec, log_path):
    """One session of one analysis; from the service's own log line: (ComputeMs, ElapsedMs - LoadMs)."""
    out = subprocess.run(["curl", "-s", "-H", f"X-Api-Key: {KEY}", "-F", f"dataset=@{path};type=text/csv",
                          "-F", f"analyses={json.dumps([spec])}", f"{BASE}/api/session"], check=True, capture_output=True, text=True)
    sid = json.loads(out.stdout)["sessionId"]
    status = wait_until_done(sid)
    results = http("GET", f"{BASE}/api/session/{sid}/results")["results"]
    if status["status"] != "completed" or "error" in results[0]:
        raise SystemExit(f"{spec['type']}: {status['status']} {results}")
    for _ in range(50):
        with open(log_path) as f:
            for line in f:
                if sid in line and '"ElapsedMs"' in line:
                    entry = json.loads(line)
                    http("DELETE", f"{BASE}/api/session/{sid}")
                    return float(entry["ComputeMs"]), float(entry["ElapsedMs"]) - float(entry["LoadMs"])
        time.sleep(0.1)
    raise SystemExit(f"no completion log line for {sid}")


def compute_ms(sid, log_path):
    """The session's ComputeMs from the service's own completion log line."""
    for _ in range(50):
        with open(log_path) as f:
            for line in f:
                if sid in line and '"ElapsedMs"' in line:
                    return float(json.loads(line)["ComputeMs"])
        time.sleep(0.1)
    raise SystemExit(f"no completion log line for {sid}")


def options(csv, runs, log_path):
    for plan in (PLAN_OFF, PLAN_OPTIONS):  # warm-up of both
        _, sid = service_once(csv, plan)
        http("DELETE", f"{BASE}/api/session/{sid}")
    off, on, off_ms, on_ms = [], [], [], []
    for i in range(runs):
        for plan, times, ms in ((PLAN_OFF, off, off_ms), (PLAN_OPTIONS, on, on_ms)):
            s, sid = service_once(csv, plan)
            times.append(s)
            ms.append(compute_ms(sid, log_path))
            http("DELETE", f"{BASE}/api/session/{sid}")
        print(f"run {i + 1}: options off {off[-1]:.3f} s (compute {off_ms[-1]:.0f} ms), on {on[-1]:.3f} s (compute {on_ms[-1]:.0f} ms)")
    m_off, m_on = statistics.median(off), statistics.median(on)
    print(f"median: off {m_off:.3f} s, on {m_on:.3f} s, ratio on/off = {m_on / m_off:.3f}; "
          f"compute off {statistics.median(off_ms):.0f} ms, on {statistics.median(on_ms):.0f} ms")


def next_tools(csv, runs, log_path):
    print("type | service analysis (ms, median) | SciPy/statsmodels (ms, median) | ratio | service session after loading (ms, median)")
    theirs = scipy_times(csv, runs)
    for name, spec, _ in NEXT_TOOLS:
        service_compute_ms(csv, spec, log_path)  # warm-up: JIT of this analysis's code
        measured = [service_compute_ms(csv, spec, log_path) for _ in range(runs)]
        ours = statistics.median(m[0] for m in measured)
        session = statistics.median(m[1] for m in measured)
        other = theirs[name] * 1000
        print(f"{name} | {ours:.2f} | {other:.2f} | {ours / other:.2f} | {session:.0f}")


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--next-tools", action="store_true", help="time each of issue #11's analysis types against SciPy/statsmodels")
    ap.add_argument("--options", action="store_true", help="issue #21: the plan with its new options off and on, alternating")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="analysis-bench-")
    csv = os.path.join(work, "data.csv")
    if args.next_tools:
        generate_next_tools(csv, args.rows)
    else:
        generate(csv, args.rows, weights=args.options)
    size = os.path.getsize(csv)
    shape = "8 columns (numeric, two and four groups, a 0/1 outcome, 5000 values for Shapiro-Wilk)" if args.next_tools else "10 numeric columns"
    print(f"data: {args.rows} rows x {shape}, {size / 1e6:.1f} MB ({csv})")

    subprocess.run(["dotnet", "build", os.path.join(ROOT, "Analysis.Api"), "-c", "Release", "--nologo", "-v", "q"], check=True,
                   stdout=subprocess.DEVNULL)
    bin_dir = os.path.join(ROOT, "Analysis.Api", "bin", "Release", "net10.0")
    env = dict(os.environ, ASPNETCORE_URLS=BASE, ConnectionStrings__Analysis=f"Data Source={work}/bench.db",
               Analysis__MaxDatasetBytes=str(max(size + 1, 104857600)), ASPNETCORE_ENVIRONMENT="Production",
               Auth__ApiKeys__0__Key=KEY, Auth__ApiKeys__0__Owner="bench")
    log = open(os.path.join(work, "service.log"), "w")
    service = subprocess.Popen(["dotnet", "Analysis.Api.dll"], cwd=bin_dir, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            try:
                http("GET", f"{BASE}/health/ready")
                break
            except Exception:
                time.sleep(0.1)
        if args.next_tools:
            log.flush()
            next_tools(csv, args.runs, os.path.join(work, "service.log"))
            return
        if args.options:
            options(csv, args.runs, os.path.join(work, "service.log"))
            print(f"service peak RSS (VmHWM) over all runs: {peak_rss_mb(service.pid):.0f} MB")
            return
        _, warm = service_once(csv)  # warm-up (JIT, page cache), not counted
        # Deleted, as every run's session is, so that each run uploads and stores the file anew (the same bytes of a
        # dataset still stored would be that dataset: issue #19).
        http("DELETE", f"{BASE}/api/session/{warm}")
        pandas_once(csv)
        svc, pd = [], []
        for i in range(args.runs):
            s, sid = service_once(csv)
            p = pandas_once(csv)
            svc.append(s)
            pd.append(p)
            http("DELETE", f"{BASE}/api/session/{sid}")
            print(f"run {i + 1}: service {s:.3f} s, pandas+statsmodels {p:.3f} s")
        ms, mp = statistics.median(svc), statistics.median(pd)
        print(f"median: service {ms:.3f} s, pandas+statsmodels {mp:.3f} s, ratio service/pandas = {ms / mp:.2f}")
        print(f"service peak RSS (VmHWM) over all runs: {peak_rss_mb(service.pid):.0f} MB")
    finally:
        service.send_signal(signal.SIGTERM)
        service.wait(timeout=30)
        if os.environ.get("BENCH_KEEP_LOG"):
            shutil.copy(os.path.join(work, "service.log"), "/tmp/bench-service.log")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
