#!/usr/bin/env python3
"""Issue #4 benchmark: the status endpoint under load, against the framework's floor, and the memory of
1,000 held long polls.

Runs the service in Release (SQLite in a temporary directory, rate limit off) and drives it with wrk on
loopback, interleaving three endpoints for each round and printing medians of the rounds:
  live   GET /health/live                                   (the framework's floor on this machine)
  s200   GET /api/session/{id}/status of a completed session (a full read and body)
  s304   the same with If-None-Match: <its ETag>             (answered from the version map)
Then, on a second instance with no worker (so a session stays pending), it opens N long polls
(?wait=60 with the current ETag) and reports the resident memory they add.

Usage: python3 scripts/bench_polling.py [--rounds 3] [--seconds 8] [--connections 32] [--polls 1000]
       python3 scripts/bench_polling.py --against ../other-checkout [--rounds 10]
With --against, a second checkout (e.g. `git worktree add ../base <commit>`) is built and run beside this one, and
every round measures both, one after the other (this, other, this, other, ...), so that the machine's drift over
minutes falls on both alike; it prints each build's medians and ratios, and each one's long-poll memory.
Needs: wrk (Debian package), a .NET SDK.
"""
import argparse, json, os, re, shutil, signal, socket, statistics, subprocess, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def bin_of(root):
    return os.path.join(root, "Analysis.Api", "bin", "Release", "net10.0")
CSV = "x,g\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n"
KEY = "bench-key-0123456789abcdef"  # every /api request carries it, as a real client does


def http(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers={"X-Api-Key": KEY, **(headers or {})})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, dict(r.headers), json.loads(r.read() or b"{}")


def create(base):
    body = json.dumps({"name": "bench", "csv": CSV, "analyses": [{"type": "descriptive"}, {"type": "ttest", "column": "x", "groupBy": "g"}]}).encode()
    return http("POST", f"{base}/api/session", body, {"Content-Type": "application/json"})[2]["sessionId"]


def start(work, port, worker, root=ROOT):
    env = dict(os.environ, ASPNETCORE_URLS=f"http://127.0.0.1:{port}", ASPNETCORE_ENVIRONMENT="Production",
               ConnectionStrings__Analysis=f"Data Source={work}/polling-{port}.db", RateLimiting__StatusPermitsPerSecond="0",
               Analysis__WorkerEnabled=str(worker).lower(), Auth__ApiKeys__0__Key=KEY, Auth__ApiKeys__0__Owner="bench",
               # one owner holds all the long polls here: raise its cap (Limits:MaxHeldRequestsPerOwner, 200 by default)
               Limits__MaxHeldRequestsPerOwner="2000")
    log = open(os.path.join(work, f"service-{port}.log"), "w")
    proc = subprocess.Popen(["dotnet", "Analysis.Api.dll"], cwd=bin_of(root), env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            http("GET", f"{base}/health/ready")
            return proc, base
        except Exception:
            time.sleep(0.1)
    raise SystemExit("service did not start")


def wrk(url, seconds, connections, header=None):
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", f"X-Api-Key: {KEY}", url]
    if header:
        cmd[1:1] = ["-H", header]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses\n{out}")
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
    return rps, p50


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024


def long_polls(base, sid, etag, count):
    host, port = base.replace("http://", "").split(":")
    request = (f"GET /api/session/{sid}/status?wait=60 HTTP/1.1\r\nHost: {host}\r\nX-Api-Key: {KEY}\r\n"
               f"If-None-Match: {etag}\r\n\r\n").encode()
    socks = []
    for _ in range(count):
        s = socket.create_connection((host, int(port)))
        s.sendall(request)
        socks.append(s)
    return socks


def completed_session(base):
    sid = create(base)
    while http("GET", f"{base}/api/session/{sid}/status")[2]["status"] != "completed":
        time.sleep(0.05)
    _, headers, _ = http("GET", f"{base}/api/session/{sid}/status")
    return f"{base}/api/session/{sid}/status", headers["ETag"]


def held_memory(work, port, root, polls):
    idle, base = start(work, port, worker=False, root=root)
    try:
        pending = create(base)
        _, headers, _ = http("GET", f"{base}/api/session/{pending}/status")
        for _ in range(200):
            http("GET", f"{base}/api/session/{pending}/status")
        time.sleep(1)
        before = rss_mb(idle.pid)
        socks = long_polls(base, pending, headers["ETag"], polls)
        time.sleep(3)
        held = rss_mb(idle.pid)
        answered = 0
        for s in socks:
            s.setblocking(False)
            try:
                answered += 1 if s.recv(1) else 0
            except BlockingIOError:
                pass
        for s in socks:
            s.close()
        return before, held, answered
    finally:
        idle.send_signal(signal.SIGTERM)
        idle.wait(timeout=30)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--polls", type=int, default=1000)
    ap.add_argument("--against", help="another checkout to measure side by side, round by round")
    args = ap.parse_args()

    roots = [ROOT] + ([os.path.abspath(args.against)] if args.against else [])
    names = ["this"] + (["other"] if args.against else [])
    for root in roots:
        subprocess.run(["dotnet", "build", os.path.join(root, "Analysis.Api"), "-c", "Release", "--nologo", "-v", "q"], check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="analysis-polling-")
    procs = []
    try:
        targets = []
        for i, root in enumerate(roots):
            proc, base = start(work, 5101 + 2 * i, worker=True, root=root)
            procs.append(proc)
            status_url, etag = completed_session(base)
            targets.append((base, status_url, etag))
        for base, status_url, etag in targets:
            for url, header in ((f"{base}/health/live", None), (status_url, None), (status_url, f"If-None-Match: {etag}")):
                wrk(url, 2, args.connections, header)  # warm-up: JIT, connection pools
        results = [{"live": [], "s200": [], "s304": []} for _ in roots]
        for r in range(args.rounds):
            for i, (base, status_url, etag) in enumerate(targets):
                for name, url, header in (("live", f"{base}/health/live", None), ("s200", status_url, None),
                                          ("s304", status_url, f"If-None-Match: {etag}")):
                    rps, p50 = wrk(url, args.seconds, args.connections, header)
                    results[i][name].append(rps)
                    print(f"round {r + 1} {names[i]} {name}: {rps:,.0f} req/s (p50 {p50})")
        for i, name in enumerate(names):
            med = {k: statistics.median(v) for k, v in results[i].items()}
            ratios = [(a / b) for a, b in zip(results[i]["s200"], results[i]["live"])], [(a / b) for a, b in zip(results[i]["s304"], results[i]["live"])]
            label = f"{name} ({roots[i]}): " if args.against else ""
            print(f"{label}median req/s: live {med['live']:,.0f}, status 200 {med['s200']:,.0f}, status 304 {med['s304']:,.0f}")
            print(f"{label}ratios: status 200 / live = {med['s200'] / med['live']:.2f} (goal >= 0.5), "
                  f"status 304 / live = {med['s304'] / med['live']:.2f} (goal >= 0.8); "
                  f"per-round medians {statistics.median(ratios[0]):.2f} and {statistics.median(ratios[1]):.2f}")
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
        procs.clear()
        for i, root in enumerate(roots):
            before, held, answered = held_memory(work, 5102 + 2 * i, root, args.polls)
            label = f"{names[i]}: " if args.against else ""
            print(f"{label}{args.polls} concurrent long polls: RSS {before:.0f} MB -> {held:.0f} MB, "
                  f"+{held - before:.0f} MB (goal < 200 MB); answered early: {answered}")
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
            p.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
