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

Usage: python3 scripts/reliability_checks.py [bounds] [descriptors] [disk]
Needs: a .NET SDK, curl.
"""
import errno, glob, json, os, resource, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.error, urllib.request

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


def main():
    checks = {"bounds": bounds, "descriptors": descriptors, "disk": disk}
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
