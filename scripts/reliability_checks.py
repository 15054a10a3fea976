#!/usr/bin/env python3
"""Issue #18: the outside reliability checks that are cheap enough to rerun, against the service in Release.

  bounds   A 25 MB CSV of 500 numeric columns x 10,000 rows: a plan of 100 correlations of every column (results of
           about 1.2 GiB), then one Kendall correlation of every column (about four minutes of work). Both must be a
           400 that says why, answered within a second, with the service's peak memory under 300 MB.

Usage: python3 scripts/reliability_checks.py bounds
Needs: a .NET SDK, curl.
"""
import json, os, shutil, signal, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "Analysis.Api", "bin", "Release", "net10.0")
KEY = "checks-key-0123456789abcdef"


def start(work, port, **settings):
    env = dict(os.environ, ASPNETCORE_URLS=f"http://127.0.0.1:{port}", ASPNETCORE_ENVIRONMENT="Production",
               ConnectionStrings__Analysis=f"Data Source={work}/checks-{port}.db", Auth__ApiKeys__0__Key=KEY,
               Auth__ApiKeys__0__Owner="checks", RateLimiting__StatusPermitsPerSecond="0", Quotas__CreatesPerMinute="0",
               **{k.replace(":", "__"): str(v) for k, v in settings.items()})
    log = open(os.path.join(work, f"service-{port}.log"), "w")
    proc = subprocess.Popen(["dotnet", "Analysis.Api.dll"], cwd=BIN, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/health/ready", timeout=5).read()
            return proc, base
        except Exception:
            time.sleep(0.1)
    raise SystemExit("service did not start")


def peak_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024


def create(base, csv_path, plan):
    started = time.perf_counter()
    out = subprocess.run(["curl", "-s", "-o", "-", "-w", "\n%{http_code}", "-H", f"X-Api-Key: {KEY}",
                          "-F", f"dataset=@{csv_path};type=text/csv", "-F", f"analyses={json.dumps(plan)}", f"{base}/api/session"],
                         check=True, capture_output=True, text=True).stdout
    body, code = out.rsplit("\n", 1)
    return int(code), json.loads(body), time.perf_counter() - started


def bounds(work):
    csv_path = os.path.join(work, "wide.csv")
    with open(csv_path, "w") as f:
        f.write(",".join(f"c{i}" for i in range(500)) + "\n")
        for row in range(10_000):
            f.write(",".join(f"{((row * 7919 + i * 104729) % 997) / 100:.2f}" for i in range(500)) + "\n")
    print(f"CSV: {os.path.getsize(csv_path) / 1e6:.1f} MB, 500 columns x 10,000 rows")
    proc, base = start(work, 5111)
    try:
        # A warm service, as in production: three creates of the same shape first (a 2 MB CSV, 800 rows), so that the
        # paths a large upload takes (a spill to a temporary file, the parallel parse) are compiled.
        small = os.path.join(work, "warm.csv")
        with open(csv_path) as full, open(small, "w") as f:
            for _ in range(801):
                f.write(full.readline())
        for _ in range(3):
            create(base, small, [{"type": "correlation"}] * 100)
        idle = peak_mb(proc.pid)
        failures = 0
        for name, plan in (("100 x correlation of 500 columns", [{"type": "correlation"}] * 100),
                           ("kendall of 500 columns", [{"type": "correlation", "method": "kendall"}])):
            code, body, seconds = create(base, csv_path, plan)
            message = next(iter(body.get("errors", {}).values()), [body.get("error")])[0]
            ok = code == 400 and seconds < 1.0
            failures += not ok
            print(f"{name}: {code} in {seconds:.2f} s: {message}")
        peak = peak_mb(proc.pid)
        print(f"service peak RSS: {peak:.0f} MB (idle {idle:.0f} MB; goal < 300 MB)")
        failures += peak >= 300
        return failures
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def main():
    checks = {"bounds": bounds}
    names = sys.argv[1:] or list(checks)
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "Analysis.Api"), "-c", "Release", "--nologo", "-v", "q"], check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="analysis-checks-")
    try:
        failed = sum(checks[n](work) for n in names)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("all checks passed" if failed == 0 else f"{failed} checks failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
