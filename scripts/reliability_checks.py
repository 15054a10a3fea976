#!/usr/bin/env python3
"""Issue #18: the outside reliability checks that are cheap enough to rerun, against the service in Release.

  bounds   A 25 MB CSV of 500 numeric columns x 10,000 rows: a plan of 100 correlations of every column (results of
           about 1.2 GiB), then one Kendall correlation of every column (about four minutes of work). Both must be a
           400 that says why, answered within a second, with the service's peak memory under 300 MB.

  descriptors
           The service under `ulimit -n 1024` (soft and hard: the runtime raises its soft limit to the hard one) with
           900 idle TCP connections: it must stay alive with descriptors to spare, refuse the connections past its cap
           and log that (at once, then the count a minute later), and answer /health/live once some connections close
           (a new connection may be refused while it is at the cap). Takes about 80 s: it waits for the minute's line.

Usage: python3 scripts/reliability_checks.py [bounds] [descriptors]
Needs: a .NET SDK, curl.
"""
import json, os, resource, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "Analysis.Api", "bin", "Release", "net10.0")
KEY = "checks-key-0123456789abcdef"


def start(work, port, open_files=None, **settings):
    env = dict(os.environ, ASPNETCORE_URLS=f"http://127.0.0.1:{port}", ASPNETCORE_ENVIRONMENT="Production",
               ConnectionStrings__Analysis=f"Data Source={work}/checks-{port}.db", Auth__ApiKeys__0__Key=KEY,
               Auth__ApiKeys__0__Owner="checks", RateLimiting__StatusPermitsPerSecond="0", Quotas__CreatesPerMinute="0",
               **{k.replace(":", "__"): str(v) for k, v in settings.items()})
    log = open(os.path.join(work, f"service-{port}.log"), "w")
    limit = (lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))) if open_files else None
    proc = subprocess.Popen(["dotnet", "Analysis.Api.dll"], cwd=BIN, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=limit)
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


def log_lines(work, port):
    with open(os.path.join(work, f"service-{port}.log")) as f:
        return [json.loads(l) if l.startswith("{") else {"message": l.rstrip()} for l in f]


def wait_for_line(work, port, text, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = next((l for l in log_lines(work, port) if text in l.get("message", "")), None)
        if line:
            return line
        time.sleep(0.2)
    return None


def descriptors_of(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def live(base):
    """/health/live on a new connection: its status, or what went wrong (the connection refused while at the cap)."""
    try:
        return urllib.request.urlopen(f"{base}/health/live", timeout=5).status
    except Exception as e:  # a reset, a closed connection, a timeout
        return f"no answer ({getattr(e, 'reason', e)})"


def descriptors(work, files=1024, connections=900):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < connections + 200:  # this script holds the connections' other ends
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    port = 5112
    proc, base = start(work, port, open_files=files)
    failures = 0
    sockets = []
    try:
        said = wait_for_line(work, port, "Connections: at most", 10) or {}
        cap = said.get("MaxConnections")
        print(f"ulimit -n {files}: at start the service holds {said.get('Held')} descriptors; cap {cap} "
              f"(the limit {said.get('SoftLimit')} less {said.get('Held')} held less a margin of {said.get('Margin')}); "
              f"{descriptors_of(proc.pid)} open once ready")
        failures += cap is None or cap >= files - int(said.get("Held", 0))
        for _ in range(connections):
            s = socket.create_connection(("127.0.0.1", port))
            sockets.append(s)
        time.sleep(2)  # every connection accepted or refused
        closed = 0
        for s in sockets:  # a refused connection was closed by the server: it reads as ended or reset
            s.setblocking(False)
            try:
                closed += s.recv(1) == b""
            except BlockingIOError:
                pass
            except OSError:
                closed += 1
        held = descriptors_of(proc.pid)
        print(f"{connections} idle connections: {connections - closed} held open, {closed} closed by the service; "
              f"it holds {held} descriptors of {files}")
        failures += held > files - 100 or proc.poll() is not None
        full = live(base)
        print(f"/health/live while at the cap: {full}")
        for s in sockets[:100]:
            s.close()
        time.sleep(0.5)
        after = live(base)
        print(f"/health/live after closing 100: {after}")
        failures += after != 200
        first = wait_for_line(work, port, "refusing new connections", 5)
        print(f"logged: {first['message'] if first else 'NO REFUSAL LINE'}")
        failures += first is None
        minute = wait_for_line(work, port, "more refused in the last minute", 75)
        print(f"logged a minute later: {minute['message'] if minute else 'NO COUNT LINE'}")
        failures += minute is None
        dead = proc.poll() is not None
        oom = any("Out of memory" in l.get("message", "") for l in log_lines(work, port))
        print(f"process {'ENDED with ' + str(proc.returncode) if dead else 'alive'}; {descriptors_of(proc.pid) if not dead else '-'} descriptors"
              + ("; 'Out of memory.' in its output" if oom else ""))
        failures += dead or oom
        return failures
    finally:
        for s in sockets:
            s.close()
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)


def main():
    checks = {"bounds": bounds, "descriptors": descriptors}
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
