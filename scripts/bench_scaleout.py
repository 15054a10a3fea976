#!/usr/bin/env python3
"""Issue #9 benchmark: two service processes on one PostgreSQL against one process on SQLite.

Runs the service in Release three times over: one process on SQLite (the embedded case, port 5301) and
two processes on one PostgreSQL database (ports 5302 and 5303), all with workers, keys on, rate limit
and create quota off. Then, round after round, side by side:

  status   wrk on GET /api/session/{id}/status of a completed session, 200 (no ETag) and 304 (its
           ETag): SQLite with one wrk of C connections; PostgreSQL with two wrk of C/2 connections
           at once, one per process, summed. The session was created and completed on process A;
           the ETag sent to process B is the one A gave (B learned the version through NOTIFY).
  sessions N sessions (a small CSV, three analyses) created by 8 client threads, round-robin over the
           processes of the configuration; the time from the first create until every one is
           completed (each awaited by a long poll on the *other* process where there is one)
           gives sessions completed per second.

Usage: python3 scripts/bench_scaleout.py [--rounds 3] [--seconds 6] [--connections 32] [--sessions 300]
       [--postgres "Host=127.0.0.1;Port=5432;Username=postgres"]
Without --postgres (or ANALYSIS_TEST_POSTGRES) it initdb's a throwaway cluster on 127.0.0.1 in a
temporary folder (as the postgres user when run as root) and removes it afterwards.
Needs: wrk, PostgreSQL binaries (Debian postgresql), a .NET SDK.
"""
import argparse, glob, json, os, re, shutil, signal, socket, statistics, subprocess, tempfile, threading, time
import urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "Analysis.Api", "bin", "Release", "net10.0")
KEY = "bench-key-0123456789abcdef"
PLAN = [{"type": "descriptive"}, {"type": "ttest", "column": "x", "groupBy": "g"},
        {"type": "correlation", "columns": ["x", "y"]}]
CSV = "x,y,g\n" + "".join(f"{i * 0.37 % 11:.3f},{i * 0.91 % 7:.3f},{'ab'[i % 2]}\n" for i in range(2000))


def http(method, url, body=None, headers=None, timeout=60):
    req = urllib.request.Request(url, data=body, method=method, headers={"X-Api-Key": KEY, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        if e.code == 304:
            return 304, dict(e.headers), {}
        raise


def create(base):
    body = json.dumps({"name": "bench", "csv": CSV, "analyses": PLAN}).encode()
    return http("POST", f"{base}/api/session", body, {"Content-Type": "application/json"})[2]["sessionId"]


def wait_completed(base, sid):
    status, headers, body = http("GET", f"{base}/api/session/{sid}/status")
    while body.get("status") not in ("completed", "failed", "cancelled"):
        status, new_headers, new_body = http("GET", f"{base}/api/session/{sid}/status?wait=30",
                                             headers={"If-None-Match": headers["ETag"]})
        if status == 200:
            headers, body = new_headers, new_body
    if body["status"] != "completed":
        raise SystemExit(f"session {sid} ended {body['status']}")


def free_port(start):
    port = start
    while True:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
        port += 1


def start_cluster(work):
    """A throwaway PostgreSQL cluster: initdb into work/pg, listen on 127.0.0.1 only."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins:
        raise SystemExit("no PostgreSQL binaries: apt-get install postgresql, or pass --postgres")
    bin_dir, data = bins[-1], os.path.join(work, "pg")
    root = os.geteuid() == 0

    def as_pg(cmd):
        return subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", cmd] if root else ["sh", "-c", cmd],
                              check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    os.chmod(work, 0o755)
    os.makedirs(data)
    if root:
        shutil.chown(data, "postgres")
    port = free_port(55532)
    as_pg(f"'{bin_dir}/initdb' -D '{data}/data' -U postgres --auth=trust --no-sync -E UTF8")
    as_pg(f"'{bin_dir}/pg_ctl' -D '{data}/data' -l '{data}/server.log' -w start "
          f"-o \"-c listen_addresses=127.0.0.1 -p {port} -k '{data}' -c max_connections=300\"")
    stop = lambda: as_pg(f"'{bin_dir}/pg_ctl' -D '{data}/data' -m fast stop")
    return f"Host=127.0.0.1;Port={port};Username=postgres", stop


def start(work, port, provider, connection):
    env = dict(os.environ, ASPNETCORE_URLS=f"http://127.0.0.1:{port}", ASPNETCORE_ENVIRONMENT="Production",
               Database__Provider=provider, ConnectionStrings__Analysis=connection,
               RateLimiting__StatusPermitsPerSecond="0", Quotas__CreatesPerMinute="0",
               Auth__ApiKeys__0__Key=KEY, Auth__ApiKeys__0__Owner="bench")
    log = open(os.path.join(work, f"service-{port}.log"), "w")
    proc = subprocess.Popen(["dotnet", "Analysis.Api.dll"], cwd=BIN, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            http("GET", f"{base}/health/ready")
            return proc, base
        except Exception:
            if proc.poll() is not None:
                raise SystemExit(f"service on {port} exited; see {log.name}")
            time.sleep(0.1)
    raise SystemExit("service did not start")


def wrk_cmd(url, seconds, connections, header):
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-H", f"X-Api-Key: {KEY}", url]
    if header:
        cmd[1:1] = ["-H", header]
    return cmd


def wrk_rps(out, url):
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def wrk_parallel(urls, seconds, connections, header_for):
    """One wrk per URL, all at once; the summed requests per second."""
    procs = [(url, subprocess.Popen(wrk_cmd(url, seconds, connections // len(urls), header_for(url)),
                                    stdout=subprocess.PIPE, text=True)) for url in urls]
    return sum(wrk_rps(p.communicate()[0], url) for url, p in procs)


def sessions_per_second(bases, count, threads=8):
    ids, lock, errors = [], threading.Lock(), []
    started = time.perf_counter()

    def creator(k):
        try:
            for i in range(k, count, threads):
                base = bases[i % len(bases)]
                sid = create(base)
                with lock:
                    ids.append((i, sid))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    workers = [threading.Thread(target=creator, args=(k,)) for k in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    if errors:
        raise SystemExit(f"create failed: {errors[0]}")
    # Each session is awaited on the other process (where there is one): completion is read across processes.
    for i, sid in sorted(ids):
        wait_completed(bases[(i + 1) % len(bases)], sid)
    return count / (time.perf_counter() - started)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=6)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--sessions", type=int, default=300)
    ap.add_argument("--postgres", default=os.environ.get("ANALYSIS_TEST_POSTGRES"))
    args = ap.parse_args()

    subprocess.run(["dotnet", "build", os.path.join(ROOT, "Analysis.Api"), "-c", "Release", "--nologo", "-v", "q"],
                   check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="analysis-scaleout-")
    procs, stop_cluster = [], None
    try:
        server = args.postgres
        if not server:
            server, stop_cluster = start_cluster(work)
        database = f"analysis_bench_{os.getpid()}"
        pg = re.sub(r"(?i)database=[^;]*;?", "", server).rstrip(";") + f";Database={database};Maximum Pool Size=50"
        sqlite_proc, sqlite = start(work, 5301, "Sqlite", f"Data Source={work}/bench.db")
        procs.append(sqlite_proc)
        # The two PostgreSQL processes start at the same moment on a database that does not exist yet.
        results = [None, None]
        starters = [threading.Thread(target=lambda k, p: results.__setitem__(k, start(work, p, "Postgres", pg)), args=(k, p))
                    for k, p in ((0, 5302), (1, 5303))]
        for t in starters:
            t.start()
        for t in starters:
            t.join()
        if None in results:
            raise SystemExit("a PostgreSQL process did not start")
        (a_proc, a), (b_proc, b) = results
        procs += [a_proc, b_proc]

        # A completed session in each configuration; on PostgreSQL made on A, its ETag then sent to both.
        sid_s = create(sqlite)
        wait_completed(sqlite, sid_s)
        etag_s = http("GET", f"{sqlite}/api/session/{sid_s}/status")[1]["ETag"]
        sid_p = create(a)
        wait_completed(b, sid_p)
        etag_p = http("GET", f"{a}/api/session/{sid_p}/status")[1]["ETag"]
        if http("GET", f"{b}/api/session/{sid_p}/status", headers={"If-None-Match": etag_p})[0] != 304:
            raise SystemExit("process B does not answer 304 for A's ETag")

        s_url = f"{sqlite}/api/session/{sid_s}/status"
        p_urls = [f"{a}/api/session/{sid_p}/status", f"{b}/api/session/{sid_p}/status"]
        etag_none = lambda u: None
        etag_s304 = lambda u: f"If-None-Match: {etag_s}"
        etag_p304 = lambda u: f"If-None-Match: {etag_p}"
        configs = {  # name -> (run at full size, warm-up run)
            "sqlite1 200": lambda full: wrk_parallel([s_url], args.seconds if full else 2, args.connections, etag_none),
            "pg2 200": lambda full: wrk_parallel(p_urls, args.seconds if full else 2, args.connections, etag_none),
            "sqlite1 304": lambda full: wrk_parallel([s_url], args.seconds if full else 2, args.connections, etag_s304),
            "pg2 304": lambda full: wrk_parallel(p_urls, args.seconds if full else 2, args.connections, etag_p304),
            "sqlite1 sessions/s": lambda full: sessions_per_second([sqlite], args.sessions if full else 150),
            "pg2 sessions/s": lambda full: sessions_per_second([a, b], args.sessions if full else 150),
        }
        for _ in range(2):  # warm-up: JIT and tiered compilation in every process, pools
            for run in configs.values():
                run(False)
        figures = {name: [] for name in configs}
        for r in range(args.rounds):
            for name, run in configs.items():
                value = run(True)
                figures[name].append(value)
                print(f"round {r + 1} {name}: {value:,.1f}", flush=True)
        print()
        med = {name: statistics.median(v) for name, v in figures.items()}
        for name in configs:
            print(f"median {name}: {med[name]:,.1f}")
        print(f"ratios pg2 / sqlite1: status 200 {med['pg2 200'] / med['sqlite1 200']:.2f}, "
              f"status 304 {med['pg2 304'] / med['sqlite1 304']:.2f}, "
              f"sessions/s {med['pg2 sessions/s'] / med['sqlite1 sessions/s']:.2f}")
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
            p.wait(timeout=60)
        if stop_cluster:
            stop_cluster()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
