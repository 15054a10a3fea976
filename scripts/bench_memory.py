#!/usr/bin/env python3
"""Issue #8 benchmark: peak memory with many near-limit uploads at once.

For each upload shape and each concurrency, starts a fresh service in Release (SQLite in a temporary folder,
Production settings with one API key), sends N uploads of that shape at once with curl, waits for every answer,
and reports the answers' status codes, the wall time and the service's peak resident memory (VmHWM) over the
whole case. Shapes, each just under the 100 MB dataset limit:
  numeric   10 numeric columns of decimals (multipart)
  json      the same CSV as the "csv" field of a JSON body
  wide      1,000 columns of empty cells (more cells than Analysis:MaxCells: every one is refused)
  distinct  one column of distinct text plus a numeric column (an id column: levels past 1,001 not kept)

Usage: python3 scripts/bench_memory.py [--concurrency 8 16] [--shapes numeric json wide distinct] [--mb 95]
       [--env NAME=VALUE ...]   (extra service environment, e.g. DOTNET_gcServer=0 to compare GC settings)
Needs: curl, a .NET SDK.
"""
import argparse, concurrent.futures, json, os, random, shutil, subprocess, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "Analysis.Api", "bin", "Release", "net10.0")
KEY = "bench-key-0123456789abcdef"
PLAN = json.dumps([{"type": "descriptive"}])


def make_numeric(path, mb):
    rnd = random.Random(1)
    with open(path, "w") as f:
        f.write(",".join(f"x{i}" for i in range(10)) + "\n")
        row = 0
        while f.tell() < mb * 1_000_000:
            f.write(",".join(f"{rnd.uniform(-1000, 1000):.6f}" for _ in range(10)) + "\n")
            row += 1


def make_wide(path, mb):
    with open(path, "w") as f:
        f.write(",".join(f"c{i}" for i in range(1000)) + "\n")
        line = "," * 999 + "\n"
        while f.tell() < mb * 1_000_000:
            f.write(line * 1000)


def make_distinct(path, mb):
    with open(path, "w") as f:
        f.write("id,x\n")
        i = 0
        while f.tell() < mb * 1_000_000:
            f.write("".join(f"person-{i + k:012d}-{(i + k) * 7919 % 100003:06d},{k}\n" for k in range(10000)))
            i += 10000


def make_json(csv_path, path):
    with open(csv_path) as f:
        text = f.read()
    with open(path, "w") as f:
        json.dump({"name": "bench", "csv": text, "analyses": json.loads(PLAN)}, f)


def start(work):
    env = dict(os.environ, ASPNETCORE_URLS="http://127.0.0.1:5201", ASPNETCORE_ENVIRONMENT="Production",
               ConnectionStrings__Analysis=f"Data Source={work}/memory.db", Auth__ApiKeys__0__Key=KEY,
               Auth__ApiKeys__0__Owner="bench", Quotas__CreatesPerMinute="0", Quotas__MaxStoredBytesPerOwner="0",
               RateLimiting__StatusPermitsPerSecond="0")
    env.update(EXTRA_ENV)
    log = open(os.path.join(work, "service.log"), "w")
    proc = subprocess.Popen(["dotnet", "Analysis.Api.dll"], cwd=BIN, env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            urllib.request.urlopen("http://127.0.0.1:5201/health/ready", timeout=2)
            return proc
        except Exception:
            time.sleep(0.1)
    raise SystemExit("service did not start")


def peak_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024


def upload(shape, path):
    base = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", f"X-Api-Key: {KEY}"]
    if shape == "json":
        cmd = base + ["-H", "Content-Type: application/json", "--data-binary", f"@{path}", "http://127.0.0.1:5201/api/session"]
    else:
        cmd = base + ["-F", f"dataset=@{path};type=text/csv", "-F", f"analyses={PLAN}", "http://127.0.0.1:5201/api/session"]
    return subprocess.run(cmd, capture_output=True, text=True).stdout


EXTRA_ENV = {}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--concurrency", type=int, nargs="+", default=[8, 16])
    ap.add_argument("--shapes", nargs="+", default=["numeric", "json", "wide", "distinct"])
    ap.add_argument("--mb", type=int, default=95)
    ap.add_argument("--env", nargs="*", default=[])
    args = ap.parse_args()
    EXTRA_ENV.update(dict(e.split("=", 1) for e in args.env))

    subprocess.run(["dotnet", "build", os.path.join(ROOT, "Analysis.Api"), "-c", "Release", "--nologo", "-v", "q"], check=True,
                   stdout=subprocess.DEVNULL)
    data = tempfile.mkdtemp(prefix="analysis-memory-data-")
    try:
        files = {}
        if {"numeric", "json"} & set(args.shapes):
            files["numeric"] = os.path.join(data, "numeric.csv")
            make_numeric(files["numeric"], args.mb)
        if "json" in args.shapes:
            files["json"] = os.path.join(data, "numeric.json")
            make_json(files["numeric"], files["json"])
        if "wide" in args.shapes:
            files["wide"] = os.path.join(data, "wide.csv")
            make_wide(files["wide"], args.mb)
        if "distinct" in args.shapes:
            files["distinct"] = os.path.join(data, "distinct.csv")
            make_distinct(files["distinct"], args.mb)
        print("files: " + ", ".join(f"{s} {os.path.getsize(files[s]) / 1e6:.1f} MB" for s in args.shapes))
        if EXTRA_ENV:
            print("service environment: " + " ".join(f"{k}={v}" for k, v in EXTRA_ENV.items()))

        for shape in args.shapes:
            for n in args.concurrency:
                work = tempfile.mkdtemp(prefix="analysis-memory-")
                proc = start(work)
                try:
                    idle = peak_mb(proc.pid)
                    t = time.perf_counter()
                    with concurrent.futures.ThreadPoolExecutor(n) as pool:
                        codes = list(pool.map(lambda _: upload(shape, files[shape]), range(n)))
                    elapsed = time.perf_counter() - t
                    time.sleep(1)
                    peak = peak_mb(proc.pid)
                    summary = ", ".join(f"{c} x{codes.count(c)}" for c in sorted(set(codes)))
                    print(f"{shape:9s} x{n:<3d} answers [{summary}] in {elapsed:6.1f} s; peak RSS {peak:7.0f} MB (idle {idle:.0f} MB)")
                finally:
                    proc.terminate()
                    proc.wait(timeout=60)
                    shutil.rmtree(work, ignore_errors=True)
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
