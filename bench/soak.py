#!/usr/bin/env python3
"""A soak: mixed traffic for ten minutes against one `alongside serve` on the demo place, with wrk.

  python3 bench/soak.py [--binary .build/release/alongside] [--database postgres://…] [--minutes 10]

The mix, in turn from 16 connections: directory searches, service pages, the link worker's caseload and an
episode page (a signed-in session), API reads of a referral and the person's plan, and API writes (a contact
logged on an episode). Reports every 30 seconds; at the end: requests, errors (any answer that is not 2xx or 3xx,
and socket errors), latency percentiles, and resident memory sampled every 10 seconds — after the first minute
(caches filled) it must stay within 10% of its value at the first minute. Exits non-zero on any error or growth.
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "scripts"))
from alongside_http import Client, Server  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent

LUA = """
local paths = {PATHS}
local written = {WRITTEN}
local i = 0
request = function()
  i = i + 1
  local p = paths[(i % #paths) + 1]
  local path = p.path
  -- A write goes to one of twenty episodes drawn at random, as a caseload's contacts would.
  if p.spread then path = string.gsub(path, "EPISODE", written[math.random(#written)]) end
  local headers = {}
  if p.cookie then headers["Cookie"] = p.cookie end
  if p.token then headers["Authorization"] = "Bearer " .. p.token end
  if p.body then headers["Content-Type"] = "application/json" end
  return wrk.format(p.method, path, headers, p.body)
end
"""


def rss_kib(pid):
    return int(re.search(r"VmRSS:\s+(\d+)", pathlib.Path(f"/proc/{pid}/status").read_text()).group(1))


def lua_table(entries):
    def quote(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    rows = []
    for e in entries:
        fields = [f"method = {quote(e['method'])}", f"path = {quote(e['path'])}"]
        for key in ("cookie", "token", "body"):
            if e.get(key):
                fields.append(f"{key} = {quote(e[key])}")
        if e.get("spread"):
            fields.append("spread = true")
        rows.append("{" + ", ".join(fields) + "}")
    return "{" + ", ".join(rows) + "}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / ".build/release/alongside"))
    parser.add_argument("--database", default=None, help="PostgreSQL URL; a new SQLite file when not given")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--port", type=int, default=8110)
    args = parser.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="alongside-soak-"))
    database = args.database or str(work / "soak.sqlite")
    engine = "PostgreSQL" if database.startswith("postgres") else "SQLite"
    with open(work / "server.log", "ab") as log:
        server = Server(args.binary, database, args.port, log)
        print(f"… starting {args.binary} on {engine} with the demo place", flush=True)
        server.start()
        try:
            report = soak(server, args, work)
        finally:
            server.stop()
    print(json.dumps(report, indent=2))
    problems = []
    if report["errors"]:
        problems.append(f"{report['errors']} errors")
    if report["memory_growth"] > 0.10:
        problems.append(f"memory grew {report['memory_growth']:.0%} after the first minute")
    print(f"Soak on {engine}: {report['requests']:,} requests in {args.minutes:g} minutes ({report['rate']:,.0f} a second), "
          f"{report['errors']} errors; p50 {report['p50']}, p99 {report['p99']}; resident memory {report['rss_first_minute_mb']} MB after a "
          f"minute, {report['rss_end_mb']} MB at the end (largest {report['rss_max_mb']} MB)." + (" FAILED: " + "; ".join(problems) if problems else ""))
    sys.exit(1 if problems else 0)


def soak(server, args, work):
    worker = Client(server.url)
    worker.sign_in_api("link-worker@alongside.example")
    pages = Client(server.url)
    pages.sign_in_page("link-worker@alongside.example")
    cookie = "; ".join(f"{c.name}={c.value}" for c in pages.jar)
    caseload = pages.call("GET", "/referrals")[1].decode()
    episodes = list(dict.fromkeys(re.findall(r'href="/referrals/([0-9a-f-]{36})"', caseload)))
    # The episode read is one the writes do not touch, so its page stays the size a real one is.
    episode, written = episodes[0], episodes[1:21]
    referral = worker.json("GET", f"/api/v1/referrals/{episode}")
    services = json.loads(Client(server.url).call("GET", "/oruk/services?per_page=3")[1])["contents"]
    entries = [
        {"method": "GET", "path": "/services?q=walking&postcode=LA1+1AA&distance=5"},
        {"method": "GET", "path": f"/services/{services[0]['id']}"},
        {"method": "GET", "path": "/referrals", "cookie": cookie},
        {"method": "GET", "path": "/oruk/services?text=lunch&per_page=10"},
        {"method": "GET", "path": f"/referrals/{episode}", "cookie": cookie},
        {"method": "GET", "path": f"/api/v1/referrals/{episode}", "token": worker.token},
        {"method": "GET", "path": f"/services/{services[1]['id']}"},
        {"method": "GET", "path": f"/api/v1/people/{referral['person_id']}/plan", "token": worker.token},
        {"method": "POST", "path": "/api/v1/referrals/EPISODE/contacts", "token": worker.token, "spread": True,
         "body": json.dumps({"way": "phone", "minutes": 5, "reached": False, "notes": "Soak: no answer"})},
        {"method": "GET", "path": "/services?q=money+advice"},
    ]
    script = work / "mix.lua"
    script.write_text(LUA.replace("{PATHS}", lua_table(entries)).replace("{WRITTEN}", "{" + ", ".join(f'"{w}"' for w in written) + "}"))
    seconds = int(args.minutes * 60)
    samples, stop = [], threading.Event()

    def sample():
        started = time.monotonic()
        while not stop.wait(10):
            elapsed = time.monotonic() - started
            samples.append((elapsed, rss_kib(server.process.pid)))
            if int(elapsed) % 30 < 10:
                print(f"  {elapsed / 60:4.1f} min: resident memory {samples[-1][1] / 1024:.0f} MB", flush=True)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    print(f"… {seconds} s of mixed traffic from 16 connections (wrk)", flush=True)
    result = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-s", str(script), server.url],
                            capture_output=True, text=True)
    stop.set()
    out = result.stdout
    (work / "wrk.txt").write_text(out + result.stderr)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1])
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(int(n) for n in socket.groups()) if socket else 0
    latency = dict(re.findall(r"^\s+(\d+)%\s+(\S+)", out, re.M))
    warm = min(60, seconds / 2)  # a minute, or half a short try
    first = next(kib for t, kib in samples if t >= warm)
    end = samples[-1][1]
    later = [kib for t, kib in samples if t >= warm]
    return {"requests": requests, "rate": requests / seconds, "errors": non2xx + socket_errors, "non_2xx_or_3xx": non2xx,
            "socket_errors": socket_errors, "p50": latency.get("50"), "p90": latency.get("90"), "p99": latency.get("99"),
            "rss_first_minute_mb": round(first / 1024), "rss_end_mb": round(end / 1024), "rss_max_mb": round(max(later) / 1024),
            "memory_growth": round(max(later) / first - 1, 3), "wrk": str(work / "wrk.txt")}


if __name__ == "__main__":
    main()
