#!/usr/bin/env python3
"""Issue #19 benchmark: a session on a stored dataset against a session that uploads the same data.

On the 1,000,000 x 10 CSV of scripts/bench_engine.py (95 MB) and its plan (descriptive, Pearson correlation, OLS on five
predictors):
  - upload -> completed: the CSV sent with the create (multipart), the session deleted after each run so that the next
    one uploads, parses and stores it again (the same bytes of a dataset still stored would be that dataset);
  - by reference -> completed: the dataset stored once beforehand (not counted; its file has a blank line more, so
    that the uploads are not the same bytes), each run a create with its datasetId.
Runs alternate (upload, reference, upload, ...); the script prints both medians and their ratio (the issue's goal:
at most 0.15). Then five sessions on one dataset at once against one, each in a fresh service process: its peak
resident memory (VmHWM) and the wall time until all are completed.

Usage: python3 scripts/bench_datasets.py [--rows 1000000] [--runs 5]
Needs: numpy (Debian python3-numpy; use /usr/bin/python3), a .NET SDK, curl.
"""
import argparse, json, os, shutil, signal, statistics, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_engine as engine  # noqa: E402  (the data, the plan, the service's HTTP helpers)

ROOT = engine.ROOT


def start(work, size):
    env = dict(os.environ, ASPNETCORE_URLS=engine.BASE, ConnectionStrings__Analysis=f"Data Source={work}/bench.db",
               Analysis__MaxDatasetBytes=str(max(size + 1, 104857600)), ASPNETCORE_ENVIRONMENT="Production",
               Auth__ApiKeys__0__Key=engine.KEY, Auth__ApiKeys__0__Owner="bench")
    log = open(os.path.join(work, "service.log"), "a")
    service = subprocess.Popen(["dotnet", "Analysis.Api.dll"], cwd=os.path.join(ROOT, "Analysis.Api", "bin", "Release", "net10.0"),
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            engine.http("GET", f"{engine.BASE}/health/ready")
            return service
        except Exception:
            time.sleep(0.1)
    raise SystemExit("the service did not start")


def stop(service):
    service.send_signal(signal.SIGTERM)
    service.wait(timeout=60)


def store(path):
    out = subprocess.run(["curl", "-s", "-H", f"X-Api-Key: {engine.KEY}", "-F", f"file=@{path};type=text/csv", f"{engine.BASE}/api/datasets"],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)["dataset"]["datasetId"]


def by_reference(dataset):
    t = time.perf_counter()
    created = engine.http("POST", f"{engine.BASE}/api/session",
                          json.dumps({"datasetId": dataset, "analyses": json.loads(engine.PLAN)}).encode(),
                          {"Content-Type": "application/json"})
    status = engine.wait_until_done(created["sessionId"])
    elapsed = time.perf_counter() - t
    if status["status"] != "completed":
        raise SystemExit(f"session ended {status['status']}: {status}")
    return elapsed, created["sessionId"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="analysis-bench-datasets-")
    csv = os.path.join(work, "data.csv")
    engine.generate(csv, args.rows)
    size = os.path.getsize(csv)
    print(f"data: {args.rows} rows x 10 numeric columns, {size / 1e6:.1f} MB; plan: descriptive, correlation, regression")
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "Analysis.Api"), "-c", "Release", "--nologo", "-v", "q"], check=True,
                   stdout=subprocess.DEVNULL)
    try:
        service = start(work, size)
        try:
            _, warm = engine.service_once(csv)  # warm-up (JIT, page cache), not counted
            engine.http("DELETE", f"{engine.BASE}/api/session/{warm}")
            # The stored dataset's bytes differ from the uploads' (a blank line more, which the reader skips): the same
            # data, but an upload of the very same bytes would be that dataset, and not an upload at all.
            stored = csv + ".stored.csv"
            shutil.copyfile(csv, stored)
            with open(stored, "a") as f:
                f.write("\n")
            dataset = store(stored)
            _, warm = by_reference(dataset)
            engine.http("DELETE", f"{engine.BASE}/api/session/{warm}")
            uploads, references = [], []
            for i in range(args.runs):
                u, sid = engine.service_once(csv)
                engine.http("DELETE", f"{engine.BASE}/api/session/{sid}")
                r, rid = by_reference(dataset)
                engine.http("DELETE", f"{engine.BASE}/api/session/{rid}")
                uploads.append(u)
                references.append(r)
                print(f"run {i + 1}: upload -> completed {u:.3f} s, by reference -> completed {r:.3f} s")
            mu, mr = statistics.median(uploads), statistics.median(references)
            print(f"median: upload {mu:.3f} s, by reference {mr:.3f} s, ratio {mr / mu:.3f} (goal <= 0.15)")
        finally:
            stop(service)

        for sessions in (1, 5):
            service = start(work, size)  # the same database: the dataset is still stored
            try:
                idle = engine.peak_rss_mb(service.pid)
                t = time.perf_counter()
                threads = [threading.Thread(target=by_reference, args=(dataset,)) for _ in range(sessions)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                elapsed = time.perf_counter() - t
                print(f"{sessions} session(s) on the dataset at once: all completed in {elapsed:.3f} s; "
                      f"peak RSS {engine.peak_rss_mb(service.pid):.0f} MB (at start {idle:.0f} MB)")
            finally:
                stop(service)
    finally:
        if os.environ.get("BENCH_KEEP_LOG"):
            shutil.copy(os.path.join(work, "service.log"), "/tmp/bench-datasets-service.log")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
