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

  disk     A full disk (ADR-0019). The database on a small tmpfs, filled to the last byte by another file: a create
           must be 503 with Retry-After and a message that says the storage is full (not a 500), /health/ready 503
           naming the disk, and the DELETE of every stored session 204; once the filler is gone, a create is 202 and
           /health/ready 200 again. Then the temporary folder (TMPDIR) on a full tmpfs: a 2.5 MB upload must be the
           same 503 (not the 400 "malformed or incomplete"), leaving no upload file behind. Needs root (mount);
           reported as skipped where a tmpfs cannot be mounted.

  pg       Three service processes on one throwaway PostgreSQL cluster (initdb in a temporary folder, 127.0.0.1 only).
           kill -9 of the one running the most sessions: each of its sessions must run under another process within
           5 s (the lease is 30 s; a process's life lock tells the others at once). Then, under a steady load of
           creates and status polls on the two left, `pg_ctl -m immediate restart` of the server: no 500, no 503 or
           429 without Retry-After, no session lost or failed, no live process judged dead, and no session charged an
           attempt for a run that could not start. Needs the PostgreSQL server binaries (/usr/lib/postgresql/*/bin).

Usage: python3 scripts/reliability_checks.py [bounds] [descriptors] [disk] [pg]
Needs: a .NET SDK, curl.
"""
import collections, errno, glob, hashlib, json, os, random, re, resource, shutil, signal, socket, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "Analysis.Api", "bin", "Release", "net10.0")
KEY = "checks-key-0123456789abcdef"


def start(work, port, open_files=None, env_extra=None, **settings):
    env = dict(os.environ, ASPNETCORE_URLS=f"http://127.0.0.1:{port}", ASPNETCORE_ENVIRONMENT="Production",
               ConnectionStrings__Analysis=f"Data Source={work}/checks-{port}.db", Auth__ApiKeys__0__Key=KEY,
               Auth__ApiKeys__0__Owner="checks", RateLimiting__StatusPermitsPerSecond="0", Quotas__CreatesPerMinute="0")
    env.update({k.replace(":", "__"): str(v) for k, v in settings.items()})
    env.update(env_extra or {})
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
    proc.kill()
    proc.wait()
    raise SystemExit(f"service did not start (its output: {log.name})")


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


def call(method, url, csv_path=None, plan=None):
    """One request with curl: (status, headers as a dict of lower-case names, body as text)."""
    args = ["curl", "-s", "-X", method, "-D", "-", "-H", f"X-Api-Key: {KEY}"]
    if csv_path:
        args += ["-F", f"dataset=@{csv_path};type=text/csv", "-F", f"analyses={json.dumps(plan)}"]
    out = subprocess.run(args + [url], check=True, capture_output=True).stdout.decode()  # bytes: keep the \r\n
    head, _, body = out.partition("\r\n\r\n")
    while head.startswith("HTTP/1.1 100"):  # curl prints the interim answer to Expect: 100-continue first
        head, _, body = body.partition("\r\n\r\n")
    lines = head.split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:])}
    return int(lines[0].split()[1]), headers, body


class Tmpfs:
    """A tmpfs of its own, mounted on enter and unmounted on exit; None where mounting is not allowed."""

    def __init__(self, work, megabytes):
        self.path = os.path.join(work, f"tmpfs-{megabytes}m-{os.getpid()}-{time.monotonic_ns()}")
        self.megabytes = megabytes

    def mount(self):
        os.makedirs(self.path)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.megabytes}m,mode=0777", "tmpfs", self.path],
                              capture_output=True, text=True)
        if done.returncode != 0:
            return (done.stderr or done.stdout).strip() or f"mount exited {done.returncode}"
        return None

    def fill(self):
        with open(os.path.join(self.path, "filler"), "ab", buffering=0) as f:
            for size in (1 << 20, 1 << 12, 1):
                try:
                    while True:
                        f.write(b"\0" * size)
                except OSError as e:
                    if e.errno != errno.ENOSPC:
                        raise
        return os.statvfs(self.path).f_bavail * os.statvfs(self.path).f_frsize

    def free(self):
        os.remove(os.path.join(self.path, "filler"))

    def unmount(self):
        for _ in range(20):
            if subprocess.run(["umount", self.path], capture_output=True).returncode == 0:
                os.rmdir(self.path)
                return
            time.sleep(0.25)
        subprocess.run(["umount", "-l", self.path], capture_output=True)


def numbers_csv(path, size, seed=0):
    with open(path, "w") as f:
        f.write("a,b,c,d\n")
        i = seed
        while f.tell() < size:
            f.write(f"{i * 0.37:.3f},{i % 101},{(i * 7919) % 1000 / 10.0},{i & 255}\n")
            i += 1
    return path


def storage_error(body):
    try:
        return json.loads(body).get("error")
    except ValueError:
        return body[:200]


def readiness(base):
    try:
        with urllib.request.urlopen(f"{base}/health/ready", timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def wait_completed(base, sid):
    for _ in range(300):
        with urllib.request.urlopen(urllib.request.Request(f"{base}/api/session/{sid}/status", headers={"X-Api-Key": KEY})) as r:
            if json.loads(r.read())["status"] in ("completed", "failed", "cancelled"):
                return
        time.sleep(0.1)
    raise SystemExit(f"session {sid} did not finish")


def log_counts(work, port):
    """The service's own log: the operator's 'Storage full' lines, and every error line (EF's included)."""
    told = errors = 0
    with open(os.path.join(work, f"service-{port}.log")) as f:
        for line in f:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            told += event.get("message", "").startswith("Storage full")
            errors += event.get("level") == "ERROR"
    return told, errors


def disk(work):
    plan = [{"type": "descriptive"}]
    failures = 0

    def check(ok, line):
        nonlocal failures
        failures += not ok
        print(f"  {'ok  ' if ok else 'FAIL'} {line}")

    # 1. The database on a full disk.
    fs = Tmpfs(work, 32)
    why = fs.mount()
    if why:
        print(f"disk: skipped, a tmpfs cannot be mounted here ({why}); the fault-injection tests cover it")
        return 0
    port = 5112
    try:
        print(f"disk, the database: SQLite on a 32 MiB tmpfs ({fs.path}), reserve 4 MiB, Analysis:MinFreeDiskBytes 0")
        proc, base = start(work, port, **{"ConnectionStrings:Analysis": f"Data Source={fs.path}/analysis.db",
                                           "Database:ReserveBytes": 4 << 20, "Analysis:MinFreeDiskBytes": 0})
        try:
            ids = []
            for i in range(3):
                code, _, body = call("POST", f"{base}/api/session", numbers_csv(os.path.join(work, f"s{i}.csv"), 300_000, i * 100_000), plan)
                ids.append(json.loads(body)["sessionId"])
                wait_completed(base, ids[-1])
            print(f"  3 sessions stored; files on the tmpfs: {sorted(os.listdir(fs.path))}")
            free = fs.fill()
            print(f"  filled by another file: {free} bytes free")
            big = numbers_csv(os.path.join(work, "big.csv"), 3_000_000, 7)
            code, headers, body = call("POST", f"{base}/api/session", big, plan)
            check(code == 503 and headers.get("retry-after") == "60" and "storage is full" in (storage_error(body) or ""),
                  f"create (3 MB): {code}, Retry-After: {headers.get('retry-after')}: {storage_error(body)}")
            status, report = readiness(base)
            storage = report["checks"]["storage"]
            check(status == 503 and "disk" in storage["description"], f"/health/ready: {status}: storage {storage['status']}: {storage['description']}")
            deleted = [call("DELETE", f"{base}/api/session/{sid}")[0] for sid in ids]
            gone = [call("GET", f"{base}/api/session/{sid}/status")[0] for sid in ids]
            check(deleted == [204] * 3 and gone == [404] * 3, f"DELETE of the 3 sessions on the full disk: {deleted}; their status after: {gone}")
            left = os.statvfs(fs.path).f_bavail * os.statvfs(fs.path).f_frsize
            print(f"  the deletes took {((4 << 20) - left) // 1024} KiB of the 4 MiB reserve's room ({left} bytes still free)")
            code, _, body = call("POST", f"{base}/api/session", os.path.join(work, "s0.csv"), plan)
            check(code == 503, f"create after the deletes, the disk still full: {code}: {storage_error(body)}")
            fs.free()
            code, _, body = call("POST", f"{base}/api/session", os.path.join(work, "s1.csv"), plan)
            check(code == 202, f"create once the filler is gone: {code}")
            if code == 202:
                wait_completed(base, json.loads(body)["sessionId"])
            status, report = readiness(base)
            check(status == 200, f"/health/ready: {status}: storage {report['checks']['storage']['description']}")
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
        told, errors = log_counts(work, port)
        check(told == 1, f"the log: {told} 'Storage full' line(s) for the operator; {errors} ERROR line(s) in all (EF Core's own, one per failed command, and the readiness probe's)")
    finally:
        fs.unmount()

    # 2. The temporary folder on a full disk.
    tmp = Tmpfs(work, 8)
    if tmp.mount():
        return failures
    port = 5113
    try:
        print(f"disk, the temporary folder: TMPDIR on an 8 MiB tmpfs ({tmp.path}), Analysis:MinFreeDiskBytes 1 MiB")
        proc, base = start(work, port, env_extra={"TMPDIR": tmp.path}, **{"Analysis:MinFreeDiskBytes": 1 << 20})
        try:
            upload = numbers_csv(os.path.join(work, "upload.csv"), 2_500_000, 3)
            print(f"  filled by another file: {tmp.fill()} bytes free")
            code, headers, body = call("POST", f"{base}/api/session", upload, plan)
            left = glob.glob(os.path.join(tmp.path, "analysis-upload-*"))
            check(code == 503 and headers.get("retry-after") == "60" and "temporary folder" in (storage_error(body) or ""),
                  f"create (2.5 MB upload): {code}, Retry-After: {headers.get('retry-after')}: {storage_error(body)}")
            check(not left, f"upload files left in the temporary folder: {len(left)}")
            status, report = readiness(base)
            check(status == 503, f"/health/ready: {status}: storage: {report['checks']['storage']['description']}")
            tmp.free()
            code, _, body = call("POST", f"{base}/api/session", upload, plan)
            check(code == 202, f"the same upload once the filler is gone: {code}")
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
        told, errors = log_counts(work, port)
        check(told == 1, f"the log: {told} 'Storage full' line(s) for the operator; {errors} ERROR line(s) in all")
    finally:
        tmp.unmount()
    return failures


# --- pg: three processes on one PostgreSQL; one killed, then the server restarted under load ---------------------

PG_KEYS = [(KEY, "checks")] + [(f"checks-key-owner{i}-0123456789abcdef", f"owner-{i}") for i in range(1, 8)]
TERMINAL = ("completed", "failed", "cancelled")


class Postgres:
    """A throwaway PostgreSQL cluster in a temporary folder, on 127.0.0.1 only; run as the postgres user when this
    script runs as root (initdb refuses root)."""

    def __init__(self):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
        if not bins:
            raise SystemExit("no PostgreSQL binaries under /usr/lib/postgresql")
        self.bin, self.version = bins[-1], bins[-1].split("/")[-2]
        self.port = free_port(55433)
        self.dir = tempfile.mkdtemp(prefix="analysis-checks-pg-")
        self.data, self.log = os.path.join(self.dir, "data"), os.path.join(self.dir, "server.log")
        self.root = os.geteuid() == 0
        if self.root:
            shutil.chown(self.dir, "postgres", "postgres")
        self.database = "analysis_checks"
        self.connection = f"Host=127.0.0.1;Port={self.port};Username=postgres;Database={self.database}"

    def run(self, *args, check=True):
        tool = [os.path.join(self.bin, args[0]), *args[1:]]
        done = subprocess.run(["runuser", "-u", "postgres", "--", *tool] if self.root else tool,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if check and done.returncode != 0:
            raise SystemExit(f"{args[0]} exited {done.returncode}: {(done.stderr or done.stdout).strip()}")
        return done

    def start(self):
        self.run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8")
        self.run("pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "start", "-o",
                 f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=300")

    def restart_immediate(self):
        """pg_ctl -m immediate restart: every backend ends at once, crash recovery at start; returns once it answers."""
        self.run("pg_ctl", "-D", self.data, "-l", self.log, "-m", "immediate", "-w", "-t", "60", "restart")
        while self.run("pg_isready", "-h", "127.0.0.1", "-p", str(self.port), "-d", self.database, check=False).returncode:
            time.sleep(0.05)

    def query(self, sql):
        """The rows of one query on the service's database (text); RuntimeError when the server cannot answer."""
        done = subprocess.run([os.path.join(self.bin, "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                               "-d", self.database, "-X", "-q", "-AtF", "\t", "-c", sql],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=10)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.strip())
        return [line.split("\t") for line in done.stdout.splitlines()]

    def sessions(self):
        """Every stored session: id -> (status, lease holder or '', attempts, analyses completed)."""
        rows = self.query('SELECT "Id", "Status", coalesce("LeaseOwner", \'\'), "Attempts", "CompletedAnalyses" '
                          'FROM sessions WHERE "Stored"')
        return {r[0]: (r[1], r[2], int(r[3]), int(r[4])) for r in rows}

    def destroy(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            if self.run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "-t", "30", "stop", check=False).returncode:
                self.run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)
        # The services' instance slots (lock files) for this database, in the temporary folder.
        digest = hashlib.sha256(self.connection.encode()).hexdigest().upper()[:16]
        shutil.rmtree(os.path.join(tempfile.gettempdir(), "analysis-instances", digest), ignore_errors=True)


def free_port(port):
    while True:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
        port += 1


def api(base, method, path, key=KEY, body=None, headers=None, timeout=30):
    """One JSON request: (status, headers, parsed body or None); a connection that fails raises OSError."""
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"X-Api-Key": key, "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            status, head, text = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        status, head, text = e.code, e.headers, e.read()
    try:
        return status, head, json.loads(text) if text else None
    except ValueError:
        return status, head, None


def integers_csv(columns, rows, seed, high):
    rng = random.Random(seed)
    lines = [",".join(f"c{i}" for i in range(columns))]
    lines += [",".join(str(rng.randint(0, high)) for _ in range(columns)) for _ in range(rows)]
    return "\n".join(lines) + "\n"


def life_of(holder):
    """A lease holder is {machine}/{slot}/{life}:{loop}; the process's life is all before the colon."""
    return holder.rpartition(":")[0]


def events(work, ports):
    """The log lines of the given services, each with the port of the one that wrote it, in time order."""
    found = []
    for port in ports:
        for line in log_lines(work, port):
            line["port"] = port
            found.append(line)
    return sorted(found, key=lambda l: l.get("time", ""))


def shape(message):
    """A log message with its ids, numbers and addresses taken out: lines of one kind compare equal."""
    message = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}", message)
    message = re.sub(r"\S+/\d+/[0-9a-f]{8}(:\d+)?", "{life}", message)
    return re.sub(r"\d+", "N", message)[:150]


def pg(work):
    """The two outside findings of #18 on PostgreSQL (see the top of this file)."""
    failures = 0

    def check(ok, line):
        nonlocal failures
        failures += not ok
        print(f"  {'ok  ' if ok else 'FAIL'} {line}")

    server = Postgres()
    procs = {}
    try:
        server.start()
        settings = {"Database:Provider": "Postgres", "ConnectionStrings:Analysis": server.connection, "Analysis:WorkerConcurrency": 2}
        for i, (key, owner) in enumerate(PG_KEYS):
            settings[f"Auth:ApiKeys:{i}:Key"], settings[f"Auth:ApiKeys:{i}:Owner"] = key, owner
        ports = [free_port(p) for p in (5121, 5131, 5141)]
        started = {}

        def launch(port):
            started[port] = start(work, port, **settings)

        launched = time.monotonic()
        threads = [threading.Thread(target=launch, args=(port,)) for port in ports]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        procs = {port: proc for port, (proc, _) in started.items()}
        if len(started) < 3:
            raise SystemExit("a service process did not start")
        bases = {port: base for port, (_, base) in started.items()}
        lives = {}
        for port in ports:
            said = wait_for_line(work, port, "This process is instance", 10) or {}
            lives[port] = said.get("Life") or said.get("message", "").rpartition("(life ")[2].rstrip(")")
        port_of = {life: port for port, life in lives.items()}
        name = {port: f"process {i + 1} (:{port})" for i, port in enumerate(ports)}
        print(f"pg: a throwaway PostgreSQL {server.version} cluster on 127.0.0.1:{server.port}; three service processes on "
              f"it (Analysis:WorkerConcurrency 2 each, {len(PG_KEYS)} owners), ready in {time.monotonic() - launched:.1f} s")

        # 1. kill -9 of one of three processes: its sessions run elsewhere within 5 s (the lease is 30 s).
        long_csv = integers_csv(30, 10_000, 18, 9999)
        long_plan = [{"type": "correlation", "method": "kendall"}] * 60
        print(f"kill -9: sessions of 60 Kendall correlations of 30 integer columns x 10,000 rows ({len(long_csv) / 1e6:.1f} MB)")
        long_ids = {}  # id -> its owner's key
        for n, port in enumerate([ports[0], ports[1], ports[2], ports[0]]):
            key = PG_KEYS[n + 1][0]  # an owner each: one owner runs at most 1 session (half a process's 2 workers)
            code, _, body = api(bases[port], "POST", "/api/session", key, {"name": f"long-{n}", "csv": long_csv, "analyses": long_plan})
            if code != 202:
                print(f"  the create of a long session was answered {code}: {body}")
                return failures + 1
            long_ids[body["sessionId"]] = key
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and not server.sessions()[body["sessionId"]][1]:
                time.sleep(0.1)  # claimed before the next is made, so that the process that took it is known
        rows = server.sessions()
        running = {port: [sid for sid in long_ids if rows[sid][0] == "running" and port_of.get(life_of(rows[sid][1])) == port]
                   for port in ports}
        print("  running: " + ", ".join(f"{name[p]} {len(s)}" for p, s in running.items())
              + ("" if all(running.values()) else " (not every process runs one: the claims did not spread as hoped)"))
        victim = max(ports, key=lambda p: len(running[p]))
        doomed = running[victim]
        survivors = [p for p in ports if p != victim]
        time.sleep(2)  # each running a while, and the other processes have seen the victim's life lock held
        rows = server.sessions()
        at = [rows[sid][3] + 1 for sid in doomed]
        killed_at = time.monotonic()
        procs[victim].send_signal(signal.SIGKILL)
        procs[victim].wait()
        taken = {}
        while len(taken) < len(doomed) and time.monotonic() - killed_at < 15:
            try:
                rows = server.sessions()
            except (RuntimeError, subprocess.TimeoutExpired):
                rows = {}
            for sid in doomed:
                if sid not in taken and sid in rows:
                    status, holder, attempts, _ = rows[sid]
                    if (holder and life_of(holder) != lives[victim]) or attempts > 1 or status != "running":
                        taken[sid] = (time.monotonic() - killed_at, status, attempts, port_of.get(life_of(holder)))
            time.sleep(0.1)
        seconds = sorted(t for t, *_ in taken.values())
        print(f"  kill -9 of {name[victim]} while it ran {len(doomed)} sessions (at analysis {', '.join(map(str, at))} of 60): "
              f"{len(taken)} taken over in {', '.join(f'{t:.1f} s' for t in seconds) or '-'} (the lease is 30 s)")
        for sid, (t, status, attempts, port) in sorted(taken.items(), key=lambda kv: kv[1][0]):
            print(f"    {sid} {status} under {name.get(port, '?')} after {t:.1f} s, attempt {attempts}")
        gone = [l for l in events(work, survivors) if "is gone" in l.get("message", "")]
        print(f"  logged: {gone[0]['message'] if gone else 'no line says the process is gone'}")
        check(doomed and len(taken) == len(doomed) and all(t < 5 for t in seconds),
              "every session of the killed process runs elsewhere within 5 s")
        for sid, key in long_ids.items():  # no longer needed: they would only load the machine
            api(bases[survivors[0]], "POST", f"/api/session/{sid}/cancel", key)

        # 2. An immediate restart of the server under load: no 500, no session lost or failed, no attempt charged for a
        #    run that could not start.
        small_csv = integers_csv(4, 300, 7, 500)
        small_plan = [{"type": "descriptive"}, {"type": "correlation"}, {"type": "descriptive"}]
        mid_plan = [{"type": "correlation", "method": "kendall"}] * 8
        created, keys, outstanding = {}, {}, set()  # id -> kind; id -> its owner's key; ids not yet terminal
        answers, bare = collections.Counter(), collections.Counter()  # HTTP answers; 503s and 429s without Retry-After
        seen = {}  # id -> [(seconds, status, holder, attempts, completed)] as polled, on each change
        lock, stop_load, stop_watch = threading.Lock(), threading.Event(), threading.Event()
        begun = time.monotonic()
        since = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() - 1))  # the log's times are UTC

        def answered(code, head):
            with lock:
                answers[code] += 1
                if code in (503, 429) and not head.get("Retry-After"):
                    bare[code] += 1

        def create(n, kind, key, plan, csv):
            """A create, retried (with its Idempotency-Key) while it is answered 503, 500 or not at all."""
            for attempt in range(60):
                try:
                    code, head, body = api(bases[survivors[(n + attempt) % 2]], "POST", "/api/session", key,
                                           {"name": f"{kind}-{n}", "csv": csv, "analyses": plan},
                                           {"Idempotency-Key": f"pg-check-{os.getpid()}-{kind}-{n}"})
                except OSError:
                    answered("no answer", {})
                    time.sleep(0.5)
                    continue
                answered(code, head)
                if code == 202:
                    with lock:
                        created[body["sessionId"]], keys[body["sessionId"]] = kind, key
                        outstanding.add(body["sessionId"])
                    return
                if code not in (503, 429, 500):
                    print(f"  a create was answered {code}: {body}")
                    return
                time.sleep(min(float(head.get("Retry-After") or 1), 2))

        def creator(n):
            while not stop_load.is_set():
                with lock:
                    queued = len(outstanding)
                if queued >= 40:  # 20-40 waiting or running
                    time.sleep(0.05)
                    continue
                create(n, "small", PG_KEYS[n % 5][0], small_plan, small_csv)
                n += 3

        def poller():  # clients polling their sessions' status, on both processes
            i = 0
            while not stop_watch.is_set():
                with lock:
                    sid = random.choice(sorted(outstanding)) if outstanding else None
                if sid:
                    try:
                        code, head, _ = api(bases[survivors[i % 2]], "GET", f"/api/session/{sid}/status", keys[sid], timeout=10)
                        answered(code, head)
                    except OSError:
                        answered("no answer", {})
                i += 1
                time.sleep(0.05)

        def watcher():  # the sessions table, every 200 ms
            while not stop_watch.is_set():
                try:
                    rows = server.sessions()
                except (RuntimeError, subprocess.TimeoutExpired):
                    time.sleep(0.1)
                    continue
                now = time.monotonic() - begun
                with lock:
                    for sid, row in rows.items():
                        if sid in created:
                            history = seen.setdefault(sid, [])
                            if not history or history[-1][1:] != row:
                                history.append((now, *row))
                            if row[0] in TERMINAL:
                                outstanding.discard(sid)
                time.sleep(0.2)

        for n in range(3):  # a few longer sessions, running when the server goes away
            create(n, "kendall", PG_KEYS[5 + n][0], mid_plan, long_csv)
        load = [threading.Thread(target=creator, args=(i,)) for i in range(3)]
        watch = [threading.Thread(target=poller), threading.Thread(target=watcher)]
        for t in load + watch:
            t.start()
        time.sleep(4)
        with lock:
            before = (len(created), len(outstanding), sum(1 for s in outstanding if seen.get(s) and seen[s][-1][1] == "running"))
        restart_at = time.monotonic() - begun
        server.restart_immediate()
        back_after = time.monotonic() - begun - restart_at
        time.sleep(5)
        stop_load.set()
        for t in load:
            t.join()
        load_for = time.monotonic() - begun
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            with lock:
                if not outstanding:
                    break
            time.sleep(0.25)
        drained = time.monotonic() - begun
        stop_watch.set()
        for t in watch:
            t.join()

        rows = server.sessions()
        ours = {sid: rows.get(sid) for sid in created}
        statuses = collections.Counter(r[0] if r else "missing" for r in ours.values())
        lost = [sid for sid, r in ours.items() if not r or r[0] not in TERMINAL]
        strangers = [sid for sid in rows if sid not in created and sid not in long_ids]
        tries = collections.Counter(r[2] for r in ours.values() if r and r[0] == "completed")
        logs = [l for l in events(work, survivors) if l.get("time", "") >= since]
        print(f"immediate restart under load: {name[survivors[0]]} and {name[survivors[1]]}, small sessions "
              f"(3 analyses of 4 columns x 300 rows) kept 20-40 waiting, and 3 of 8 Kendall correlations")
        print(f"  at {restart_at:.1f} s ({before[0]} created, {before[1]} waiting or running, {before[2]} running): "
              f"pg_ctl -m immediate restart, answering again {back_after:.1f} s later; load until {load_for:.1f} s, "
              f"all finished at {drained:.1f} s")
        print(f"  sessions: {len(created)} created ({sum(k == 'small' for k in created.values())} small, "
              f"{sum(k == 'kendall' for k in created.values())} Kendall): "
              + ", ".join(f"{n} {s}" for s, n in statuses.most_common())
              + f"; attempts of the completed: " + ", ".join(f"{n} x {a}" for a, n in sorted(tries.items())))
        print("  HTTP answers: " + ", ".join(f"{c}: {n}" for c, n in sorted(answers.items(), key=lambda kv: str(kv[0])))
              + (f" ({dict(bare)} without Retry-After)" if bare else ""))

        def about(sid):
            return [l for l in logs if sid in l.get("message", "")]

        handed = [l for l in logs if "could not start" in l.get("message", "")]
        reclaimed = [l for l in logs if "reclaimed by" in l.get("message", "")]
        judged = [l for l in logs if "is gone" in l.get("message", "") and lives[victim] not in l["message"]]
        print(f"  logged: {len(handed)} 'could not start ... handing it back', {len(reclaimed)} 'reclaimed ... after its lease "
              f"expired', {len(judged)} 'Process ... is gone' of a live process")
        kinds = collections.Counter((l.get("level"), shape(l.get("message", ""))) for l in logs if l.get("level") in ("WARN", "ERROR", "FATAL"))
        for (level, message), n in kinds.most_common(12):
            print(f"    {n:4} {level} {message}")

        # A session charged more than one attempt must have run (computed) before it was taken from its worker.
        uncharged = 0
        for sid, row in ours.items():
            if not row or row[2] <= 1:
                continue
            lines = about(sid)
            first_taken = next((l["time"] for l in lines if "reclaimed by" in l["message"]), "~")
            ran = [f"progress {h[4]} of its first attempt in the database at {h[0]:.1f} s" for h in seen.get(sid, []) if h[3] == 1 and h[4] > 0][:1]
            ran += [l["message"] for l in lines if l["time"] < first_taken and (
                ("not saved" in l["message"]) or
                ("run failed" in l["message"] and any(f in (l.get("exception") or "") for f in ("SaveProgressAsync", "SaveCompletedAsync", "ReloadAsync"))))][:1]
            uncharged += not ran
            print(f"  {'ok  ' if ran else 'FAIL'} {created[sid]} session {sid}: {row[0]}, {row[2]} attempts; "
                  + (f"its first run computed ({ran[0][:120]})" if ran else "NOTHING SHOWS ITS FIRST RUN STARTED"))
            for l in lines:
                exception = (l.get("exception") or "").split("\n")[0][:160]
                print(f"         {l['time'][11:23]} :{l['port']} {l.get('level')} {l['message'][:160]}" + (f" [{exception}]" if exception else ""))
        failures += uncharged
        check(statuses["failed"] == 0, f"{statuses['failed']} failed sessions")
        check(not lost, f"{len(lost)} sessions lost (not finished {drained - load_for:.0f} s after the load stopped)"
              + (f": {', '.join(lost[:5])}" if lost else ""))
        check(not strangers, f"{len(strangers)} stored sessions whose create was never answered 202")
        check(uncharged == 0, f"{uncharged} sessions charged an attempt for a run that did not start "
              f"({sum(1 for r in ours.values() if r and r[2] > 1)} with more than one attempt)")
        check(answers[500] == 0 and not bare, f"{answers[500]} answers 500; {sum(bare.values())} 503/429 without Retry-After")
        check(not judged, f"{len(judged)} live processes judged dead")
        return failures
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs.values():
            try:
                proc.wait(timeout=45)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        server.destroy()


def main():
    checks = {"bounds": bounds, "descriptors": descriptors, "disk": disk, "pg": pg}
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
