#!/usr/bin/env python3
"""Issue #3 benchmark: the service against pandas + statsmodels on the same 1,000,000 x 10 CSV.

The service is timed from the start of the upload to `completed` (upload, parse, store, claim, load,
compute, save); pandas from read_csv through describe, corr and OLS().fit(). Runs interleave
(service, pandas, service, pandas, ...) and the script prints both medians, the ratio, and the
service's peak resident memory (VmHWM) over all its runs.

Usage: python3 scripts/bench_engine.py [--rows 1000000] [--runs 3]
Needs: the Debian packages python3-pandas python3-statsmodels (use /usr/bin/python3), a .NET SDK.
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


def generate(path, rows):
    import numpy as np
    rng = np.random.default_rng(20261128)
    x = rng.normal(0, 1, size=(rows, 9)) * rng.uniform(0.5, 20, size=9) + rng.uniform(-50, 50, size=9)
    y = 3 + x[:, :5] @ np.array([1.5, -0.7, 0.2, 0.05, -2.0]) + rng.normal(0, 5, size=rows)
    data = np.column_stack([y, x])
    with open(path, "w") as f:
        f.write("y," + ",".join(f"x{i}" for i in range(1, 10)) + "\n")
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


def service_once(path):
    t = time.perf_counter()
    # curl streams the file as multipart exactly as a client would.
    out = subprocess.run(["curl", "-s", "-H", f"X-Api-Key: {KEY}", "-F", f"dataset=@{path};type=text/csv", "-F", f"analyses={PLAN}",
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
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="analysis-bench-")
    csv = os.path.join(work, "data.csv")
    generate(csv, args.rows)
    size = os.path.getsize(csv)
    print(f"data: {args.rows} rows x 10 numeric columns, {size / 1e6:.1f} MB ({csv})")

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
        service_once(csv)  # warm-up (JIT, page cache), not counted
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
