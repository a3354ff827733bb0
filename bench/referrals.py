#!/usr/bin/env python3
"""Social prescribing benchmarks (issue 4): `alongside bench referrals` on a new database — 250 link workers with
250 episodes each across every stage — on SQLite and on PostgreSQL 15 in the same run, and its figures written
into docs/benchmarks.md.

  python3 bench/referrals.py [--binary .build/release/alongside] [--link-workers 250] [--episodes 250] [--engines sqlite,postgres]
"""
import argparse
import datetime
import json
import os
import pathlib
import platform
import shutil
import subprocess
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from directory import ROOT, engines, postgres, replace_section, say, wait_for  # noqa: E402


class Client:
    """One person's app talking to the API with a bearer token; counts every request it makes."""

    requests = 0

    def __init__(self, base, email=None, token=None):
        self.base = base
        self.token = token
        if email:
            self.token = self.call("POST", "/api/v1/sessions", {"email": email, "password": "alongside-demo"})["token"]

    def call(self, method, path, body=None):
        Client.requests += 1
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        request.add_header("Accept", "application/json")
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(request) as response:
                text = response.read()
        except urllib.error.HTTPError as error:
            sys.exit(f"{method} {path} answered {error.code}: {error.read().decode()[:500]}")
        return json.loads(text) if text else None


def closed_loop(base, runs):
    """The whole loop over HTTP, as the apps of the clinician, the link worker and the organisation would make it:
    request count and time per loop, against a /health round trip in the same run."""
    clinician = Client(base, "clinician@alongside.example")
    worker = Client(base, "link-worker@alongside.example")
    organisation = Client(base, "organisation@alongside.example")
    org_id = next(r["organisation_id"] for r in organisation.call("GET", "/api/v1/me")["roles"] if r.get("organisation_id"))
    service = organisation.call("GET", f"/oruk/services?organization_id={org_id}&per_page=1")["contents"][0]["id"]
    times, counts = [], []
    for run in range(runs):
        before, started = Client.requests, time.perf_counter()
        made = clinician.call("POST", "/api/v1/referrals", {
            "given_name": "Loop", "family_name": f"Person {run}", "birth_date": "1950-01-01", "postcode": "LA1 1AA",
            "phone": "01524 123456", "needs": ["loneliness"], "story": "Wants company.", "consented": True, "preferred_contact": "phone", "gp_sharing": "all",
            "submission_key": f"bench-loop-{time.time()}-{run}"})
        path = f"/api/v1/referrals/{made['id']}"
        worker.call("POST", path + "/transitions", {"to": "accepted"})
        worker.call("POST", path + "/contacts", {"way": "phone", "minutes": 20, "reached": True, "notes": "Would like a walk."})
        worker.call("POST", path + "/transitions", {"to": "what_matters"})
        worker.call("PUT", f"/api/v1/people/{made['person_id']}/plan", {
            "what_matters": "Company", "goals": [{"words": "Get out twice a week", "category": "connecting"}]})
        worker.call("POST", path + "/transitions", {"to": "plan_agreed"})
        sent = worker.call("POST", path + "/community-referrals", {"service_id": service, "hopes": "Company", "confirm_full": True})
        answer = f"/api/v1/community-referrals/{sent['id']}/response"
        organisation.call("POST", answer, {"response": "accept"})
        organisation.call("POST", answer, {"response": "attendance", "attendance": "attended_first"})
        for move in [{"to": "connected"}, {"to": "following_up"}, {"to": "closed", "outcome": "goals_met"}]:
            worker.call("POST", path + "/transitions", move)
        final = clinician.call("GET", path)
        assert final["stage"] == "closed", final
        times.append((time.perf_counter() - started) * 1000)
        counts.append(Client.requests - before)
    health = []
    anonymous = Client(base)
    for _ in range(200):
        started = time.perf_counter()
        anonymous.call("GET", "/health")
        health.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), counts[0], statistics.median(health)


def measure(binary, args, database, loop_database, label):
    env = dict(os.environ, DATABASE_URL=database, LOG_LEVEL="warning")
    say(f"The caseload and the closed loop in process ({label})")
    process = subprocess.Popen([binary, "bench", "referrals", "--link-workers", str(args.link_workers), "--episodes", str(args.episodes)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    table = []
    for line in process.stdout:
        say("    " + line.rstrip())
        if line.startswith("|") or line.startswith("("):
            table.append(line.rstrip())
    if process.wait() != 0:
        sys.exit(f"alongside bench referrals failed on {label}")

    say(f"Serving the demo place and running the closed loop over HTTP, 20 times ({label})")
    port = 8099
    serve_env = dict(env, DATABASE_URL=loop_database, ALONGSIDE_BCRYPT_COST="8")
    server = subprocess.Popen([binary, "serve", "--demo", "--port", str(port)], env=serve_env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/health", 120)
        loop_ms, loop_requests, health_ms = closed_loop(base, 20)
    finally:
        server.terminate()
        server.wait()
    table.append(f"| a whole closed loop over HTTP through `/api/v1` ({loop_requests} requests: refer; accept; log a contact; "
                 f"3 moves; refer to a service; the organisation accepts and records attendance; connect, follow up, close; "
                 f"the clinician reads the outcome), median of 20 | {loop_ms:.1f} ms | one `/health` round trip: {health_ms:.2f} ms "
                 f"| {loop_ms / max(health_ms, 0.001):.0f}× | — |")
    return [f"### {label}", "", *table, ""]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/alongside"))
    parser.add_argument("--link-workers", type=int, default=250)
    parser.add_argument("--episodes", type=int, default=250)
    parser.add_argument("--engines", default="sqlite,postgres")
    args = parser.parse_args()
    chosen = engines(args.engines)
    binary = str(pathlib.Path(args.binary).resolve())
    if not os.path.exists(binary):
        sys.exit(f"No binary at {binary}: run `swift build -c release` first")
    work = pathlib.Path(tempfile.mkdtemp(prefix="alongside-referral-bench-"))
    os.chmod(work, 0o755)
    sections = []
    try:
        for engine in chosen:
            if engine == "sqlite":
                sections += measure(binary, args, str(work / "referrals.sqlite"), str(work / "loop.sqlite"), "SQLite")
            else:
                url, stop = postgres(work, 55451)
                try:
                    subprocess.run(["runuser", "-u", "postgres", "--", "/usr/lib/postgresql/15/bin/createdb", "-h", "127.0.0.1",
                                    "-p", "55451", "-U", "postgres", "loop"], check=True)
                    sections += measure(binary, args, url, url.replace("/alongside_test", "/loop"), "PostgreSQL 15")
                finally:
                    stop()
        names = " and ".join("SQLite" if e == "sqlite" else "PostgreSQL 15" for e in chosen)
        lines = [
            "## Social prescribing (issue 4)",
            "",
            f"Measured {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, {os.cpu_count()} cores, {names} "
            f"in the same run, with `{os.path.relpath(binary, ROOT)}` by `python3 bench/referrals.py` "
            f"({args.link_workers} link workers × {args.episodes} episodes).",
            "",
            *sections,
            "The caseload page shows the 25 referrals that have waited longest for the team (with how many wait in all, and likely duplicates marked), the "
            "link worker's own open episodes filtered and paged 25 at a time, and how many they took on this year. The closed loop is measured twice: "
            "the store's work for each action a person takes (without HTTP), and the whole loop over HTTP as the "
            "clinician's, link worker's and organisation's apps would make it (JSON API, bearer tokens, one request per action).",
        ]
        replace_section("referrals", lines)
        say("\n".join(lines))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
