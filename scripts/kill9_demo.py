#!/usr/bin/env python3
"""Issue #8 demonstration: kill -9 in the middle of work, restart, and nothing is lost.

Starts the service in Release (SQLite in a temporary folder, Production settings with one key), creates
sessions whose plans take several seconds, starts one more large upload, and kills the process with SIGKILL
while sessions are running and the upload is on its way. Shows what the kill left behind (sessions still
leased to the dead process, the upload's temporary file), restarts the service on the same database, and waits
for every accepted session to complete. It exits non-zero if any accepted session does not complete, or if
the dead process's upload file is still there after the restart.

Usage: python3 scripts/kill9_demo.py [--sessions 6] [--rounds 2]
Needs: curl, a .NET SDK.
"""
import argparse, glob, json, os, random, signal, shutil, subprocess, tempfile, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "Analysis.Api", "bin", "Release", "net10.0")
KEY = "demo-key-0123456789abcdef"
BASE = "http://127.0.0.1:5301"
PLAN = [{"type": "descriptive"}] * 20 + [{"type": "correlation", "method": "spearman"}] * 20 + [{"type": "regression", "dependent": "y", "independents": ["x1", "x2", "x3"]}] * 20


def http(method, path, body=None, headers=None):
    req = urllib.request.Request(BASE + path, data=body, method=method, headers={"X-Api-Key": KEY, **(headers or {})})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"{}")


def start(work, log_name):
    env = dict(os.environ, ASPNETCORE_URLS=BASE, ASPNETCORE_ENVIRONMENT="Production",
               ConnectionStrings__Analysis=f"Data Source={work}/demo.db", Auth__ApiKeys__0__Key=KEY,
               Auth__ApiKeys__0__Owner="demo", Quotas__CreatesPerMinute="0", Analysis__WorkerConcurrency="2",
               RateLimiting__StatusPermitsPerSecond="0", Analysis__LeaseSeconds="300")  # a long lease: only the restart's reclaim can make this quick
    log = open(os.path.join(work, log_name), "w")
    proc = subprocess.Popen(["dotnet", "Analysis.Api.dll"], cwd=BIN, env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            urllib.request.urlopen(BASE + "/health/ready", timeout=2)
            return proc
        except Exception:
            time.sleep(0.1)
    raise SystemExit("service did not start")


def make_csv(path, rows):
    rnd = random.Random(5)
    with open(path, "w") as f:
        f.write("y,x1,x2,x3\n")
        for _ in range(rows):
            x1, x2, x3 = rnd.random(), rnd.random(), rnd.random()
            f.write(f"{2 * x1 - x2 + 0.5 * x3 + rnd.gauss(0, 0.1):.6f},{x1:.6f},{x2:.6f},{x3:.6f}\n")


def create(csv):
    out = subprocess.run(["curl", "-s", "-H", f"X-Api-Key: {KEY}", "-F", f"dataset=@{csv};type=text/csv",
                          "-F", f"analyses={json.dumps(PLAN)}", BASE + "/api/session"], capture_output=True, text=True).stdout
    return json.loads(out)["sessionId"]


def statuses(ids):
    return {i: http("GET", f"/api/session/{i}/status")["status"] for i in ids}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=6)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()

    subprocess.run(["dotnet", "build", os.path.join(ROOT, "Analysis.Api"), "-c", "Release", "--nologo", "-v", "q"], check=True,
                   stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="analysis-kill9-")
    failures = 0
    try:
        small, large = os.path.join(work, "small.csv"), os.path.join(work, "large.csv")
        make_csv(small, 600_000)
        make_csv(large, 2_000_000)
        accepted = []
        proc = start(work, "life-0.log")
        for round_ in range(args.rounds):
            uploads_before = set(glob.glob(os.path.join(tempfile.gettempdir(), "analysis-upload-*.csv")))
            upload = subprocess.Popen(["curl", "-s", "--limit-rate", "3M", "-H", f"X-Api-Key: {KEY}", "-F", f"dataset=@{large};type=text/csv",
                                       "-F", f"analyses={json.dumps(PLAN[:1])}", BASE + "/api/session"], stdout=subprocess.DEVNULL)
            ids = [create(small) for _ in range(args.sessions)]
            accepted += ids
            while "running" not in statuses(ids).values():
                time.sleep(0.05)
            time.sleep(1)  # some analyses done: progress saved, then lost with the process
            seen = statuses(ids)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            upload.wait()
            left = sorted(set(glob.glob(os.path.join(tempfile.gettempdir(), "analysis-upload-*.csv"))) - uploads_before)
            print(f"round {round_ + 1}: kill -9 with sessions {sorted(seen.values())}; upload files left behind: {len(left)}")

            t = time.perf_counter()
            proc = start(work, f"life-{round_ + 1}.log")
            still = [f for f in left if os.path.exists(f)]
            print(f"  restarted in {time.perf_counter() - t:.1f} s; upload files still there: {len(still)}")
            failures += len(still)
            deadline = time.time() + 240
            while True:
                now = statuses(accepted)
                if all(s in ("completed", "failed", "cancelled") for s in now.values()) or time.time() > deadline:
                    break
                time.sleep(0.2)
            print(f"  {time.perf_counter() - t:.1f} s after the restart: {sorted(now.values())}")
            failures += sum(1 for s in now.values() if s != "completed")
        proc.terminate()
        proc.wait(timeout=60)
        print(f"accepted {len(accepted)} sessions over {args.rounds} kills: "
              f"{'all completed' if failures == 0 else f'{failures} problems'} (leases were 300 s: the restart reclaimed them)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
