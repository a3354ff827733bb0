#!/usr/bin/env python3
"""The directory's benchmarks (issue 3). Builds a directory of N services, measures writing and searching it in
process, then serves it and measures throughput with wrk, and writes the figures into docs/benchmarks.md.

  python3 bench/directory.py [--binary .build/release/alongside] [--services 100000] [--seconds 20] [--engines sqlite,postgres]

On each engine in turn (PostgreSQL 15 started by `scripts/start-postgres.sh` for the run, on this machine), the
same figures, so the two stand side by side.

Every figure stands beside a baseline from the same run:
  - writing and searching: `alongside bench directory` (generating the services in memory; `SELECT 1`);
  - throughput: /oruk/service_at_locations?search=walking&postcode=LA1 1AA&proximity=8000 against /health on the
    same server, 32 connections, as a ratio; p99 latency from wrk.
"""
import argparse
import csv as csvfile
import datetime
import os
import pathlib
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEARCH = "/oruk/service_at_locations?search=walking&postcode=LA1%201AA&proximity=8000"


def say(text):
    print(text, flush=True)


def wait_for(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{url} did not answer within {seconds} s")


def wrk(url, seconds):
    result = subprocess.run(["wrk", "-t1", "-c32", f"-d{seconds}s", "--latency", url], capture_output=True, text=True, check=True)
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        sys.exit(f"{url} answered {errors.group(1)} errors under load")
    return rate, float(p99.group(1)) * scale


def postgres(work, port=55450):
    """A PostgreSQL 15 for this run (installed from Debian if missing); its URL, and how to stop it."""
    url = subprocess.run([str(ROOT / "scripts/start-postgres.sh"), str(work / "pg"), str(port)], capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()[-1]

    def stop():
        subprocess.run(["runuser", "-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "-D", str(work / "pg/data"),
                        "-m", "fast", "stop"], capture_output=True)
    return url, stop


def engines(value):
    chosen = [e.strip() for e in value.split(",") if e.strip()]
    unknown = [e for e in chosen if e not in ("sqlite", "postgres")]
    if unknown or not chosen:
        sys.exit(f"--engines takes sqlite, postgres or both (comma-separated), not {value!r}")
    return chosen


def replace_section(name, lines):
    """Replaces this benchmark's part of docs/benchmarks.md, leaving the others as they are."""
    path = ROOT / "docs/benchmarks.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    begin, end = f"<!-- begin {name} -->", f"<!-- end {name} -->"
    block = "\n".join([begin, *lines, end])
    if begin in text:
        text = re.sub(re.escape(begin) + r".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text)


DIRECTORY_TABLES = ["services", "locations", "service_at_locations", "schedules", "service_taxonomy_terms", "service_text"]


def sqlite_import_floor(database, work):
    """The floor for writing the directory on SQLite: how long sqlite3's own `.import` takes to load the same rows
    (ids written as hex text, as CSV cannot carry bytes) into the same tables with the same indexes. Returns
    (seconds, rows)."""
    if not shutil.which("sqlite3"):
        sys.exit("sqlite3 is not installed: apt-get install sqlite3")
    floor = work / "floor.sqlite"
    loads, rows = [], 0
    for table in DIRECTORY_TABLES:
        columns = subprocess.run(["sqlite3", database, f"SELECT name FROM pragma_table_info('{table}') ORDER BY cid"], capture_output=True,
                                 text=True, check=True).stdout.splitlines()
        select = ", ".join(f"CASE typeof({c}) WHEN 'blob' THEN hex({c}) ELSE {c} END" for c in columns)
        csv = work / f"{table}.csv"
        subprocess.run(["sqlite3", "-csv", database, f"SELECT {select} FROM {table}"], stdout=open(csv, "w"), check=True)
        with open(csv, newline="") as f:
            rows += sum(1 for _ in csvfile.reader(f))
        loads.append(f".import --csv {csv} {table}")
    # The same tables and indexes, triggers apart (the import gives every search key); the text index's own
    # shadow tables are made by its CREATE VIRTUAL TABLE.
    names = ", ".join(f"'{t}'" for t in DIRECTORY_TABLES)
    statements = subprocess.run(["sqlite3", "-separator", "", "-newline", ";\n", database,
                                 f"SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index') AND tbl_name IN ({names}) "
                                 "ORDER BY type DESC"], capture_output=True, text=True, check=True).stdout
    subprocess.run(["sqlite3", str(floor)], input="PRAGMA journal_mode=WAL;\n" + statements, text=True,
                   check=True, capture_output=True)
    started = time.perf_counter()
    subprocess.run(["sqlite3", str(floor)], input="\n".join(loads) + "\n", text=True, check=True, capture_output=True)
    return time.perf_counter() - started, rows


def measure(binary, args, database, label):
    """The in-process table and the served figures for one engine."""
    env = dict(os.environ, DATABASE_URL=database, LOG_LEVEL="warning")
    say(f"Writing and searching {args.services:,} services in process ({label})")
    process = subprocess.Popen([binary, "bench", "directory", "--services", str(args.services), "--queries", "500"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    table = []
    for line in process.stdout:
        say("    " + line.rstrip())
        if line.startswith("|") or line.startswith("(") or line.startswith("  "):
            table.append(line.rstrip())
    if process.wait() != 0:
        sys.exit(f"alongside bench directory failed on {label}")
    if not database.startswith("postgres"):
        say("Timing sqlite3's own .import of the same rows (the floor)")
        floor, rows = sqlite_import_floor(database, pathlib.Path(tempfile.mkdtemp(dir=pathlib.Path(database).parent)))
        written = re.search(r"^\| writing \d+ new services.*?\| ([\d.]+) s \|", "\n".join(table), re.M)
        ratio = f"{float(written.group(1)) / floor:.1f}× (ours against it)" if written else "—"
        table.insert(3, f"| sqlite3's own `.import` of the same {rows:,} rows into the same tables and indexes (the floor) | "
                        f"{floor:.1f} s | — | {ratio} |")

    say(f"Serving it and measuring throughput with wrk ({label})")
    server = subprocess.Popen([binary, "serve", "--port", str(args.port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{args.port}"
        wait_for(base + "/health")
        started = time.perf_counter()
        wait_for(base + SEARCH, seconds=120)
        first = time.perf_counter() - started
        wrk(base + "/health", 3)
        health_rate, health_p99 = wrk(base + "/health", args.seconds)
        say(f"    /health: {health_rate:,.0f} a second, p99 {health_p99:.2f} ms")
        search_rate, search_p99 = wrk(base + SEARCH, args.seconds)
        say(f"    search: {search_rate:,.0f} a second, p99 {search_p99:.2f} ms")
    finally:
        server.terminate()
        server.wait()
    ratio = search_rate / health_rate
    return [
        f"### {label}",
        "",
        "In process (`alongside bench directory`):",
        "",
        *table,
        "",
        f"Served, with `wrk -t1 -c32 -d{args.seconds}s` on the same machine (wrk takes part of the 2 cores):",
        "",
        "| what | figure | baseline (same run) | ratio | target |",
        "| --- | --- | --- | --- | --- |",
        f"| `{SEARCH}` | {search_rate:,.0f} a second | `/health`: {health_rate:,.0f} a second | {ratio:.2f} | at least 0.4 |",
        f"| its p99 latency at 32 connections | {search_p99:.2f} ms | `/health` p99: {health_p99:.2f} ms | {search_p99 / health_p99:.1f}× | under 25 ms |",
        f"| its first answer after the server starts (search facts read from the database) | {first:.2f} s | — | — | — |",
        "",
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/alongside"))
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--port", type=int, default=8098)
    parser.add_argument("--engines", default="sqlite,postgres")
    args = parser.parse_args()
    chosen = engines(args.engines)
    binary = str(pathlib.Path(args.binary).resolve())
    if not os.path.exists(binary):
        sys.exit(f"No binary at {binary}: run `swift build -c release` first")
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    work = pathlib.Path(tempfile.mkdtemp(prefix="alongside-directory-bench-"))
    os.chmod(work, 0o755)
    sections = []
    try:
        for engine in chosen:
            if engine == "sqlite":
                sections += measure(binary, args, str(work / "directory.sqlite"), "SQLite")
            else:
                url, stop = postgres(work)
                try:
                    sections += measure(binary, args, url, "PostgreSQL 15")
                finally:
                    stop()
        names = " and ".join("SQLite" if e == "sqlite" else "PostgreSQL 15" for e in chosen)
        lines = [
            "## Directory (issue 3)",
            "",
            f"Measured {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, {os.cpu_count()} cores, "
            f"{names} in the same run, with `{os.path.relpath(binary, ROOT)}` by `python3 bench/directory.py --services {args.services}`.",
            "",
            *sections,
            "How: each server keeps the directory's search facts (plain-value arrays) and every listing in memory, as "
            "of one version of the directory, and asks the database for that version number once per search; only "
            "services changed since are re-read, so a page's listings never come from the database. Text matching "
            "stays in the engine's full-text index, remembered per words until the directory changes; public ORUK list "
            "pages are kept as encoded bytes under their address and the directory version. Searches that find nothing "
            "(a word on a day it does not run) are included in the percentiles. New services are written as plain rows "
            "in multi-row inserts (no model object a row), with a page cache big enough for the transaction on SQLite.",
        ]
        replace_section("directory", lines)
        say("\n".join(lines))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
