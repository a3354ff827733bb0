#!/usr/bin/env python3
"""Nothing acknowledged is lost: writes of four kinds go to a running Alongside while it is killed with SIGKILL
and restarted, again and again; afterwards every write that got a 2xx answer is there, and `alongside check`
finds nothing half-written.

  scripts/crash-test.py --binary .build/debug/alongside --database /tmp/crash.sqlite [--writes 1000] [--kills 4]
  scripts/crash-test.py --binary .build/debug/alongside --database postgres://user@host:port/db

The kinds: referrals made by a clinician (through /api/v1), contacts logged by a link worker (/api/v1, read back
from the episode page), plan saves by a resident (/api/v1, each from the version it read) and a listing's spaces
changed by its organisation (the page form, with its CSRF token, read back from the service page). A write that
gets no answer (the server died under it) is tried again and not counted; it may or may not have been done.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import threading
import time

from alongside_http import Client, Down, Server


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--log", default="/tmp/crash-server.log")
    args = parser.parse_args()
    engine = "PostgreSQL" if args.database.startswith("postgres") else "SQLite"
    random.seed(2026)

    with open(args.log, "ab") as log:
        server = Server(args.binary, args.database, args.port, log)
        server.start()
        try:
            report = run(server, args)
        finally:
            server.stop()
    checked = subprocess.run([args.binary, "check"], env=dict(os.environ, DATABASE_URL=args.database, LOG_LEVEL="warning"),
                             capture_output=True, text=True)
    print(f"alongside check: {(checked.stdout + checked.stderr).strip()}")
    lost = sum(len(v) for v in report["lost"].values())
    acked = sum(report["acked"].values())
    print(f"{engine}: {acked} writes acknowledged ({', '.join(f'{n} {k}' for k, n in report['acked'].items())}) "
          f"across {report['kills']} kills with SIGKILL; {report['unanswered']} writes got no answer and were tried again; lost: {lost}.")
    for kind, missing in report["lost"].items():
        for what in missing[:10]:
            print(f"  lost {kind}: {what}")
    if lost or checked.returncode != 0:
        sys.exit(1)


def run(server, args):
    base = server.url
    clinician, worker, resident, organisation, admin = Client(base), Client(base), Client(base), Client(base), Client(base)
    clinician.sign_in_api("clinician@alongside.example")
    worker.sign_in_api("link-worker@alongside.example")
    resident.sign_in_api("resident@alongside.example")
    person = resident.json("GET", "/api/v1/me")["id"]
    stamp = int(time.time())

    def referral_body(n):
        return {"given_name": "Crash", "family_name": f"Test{stamp}x{n}", "birth_date": "1950-06-01", "postcode": "LA1 1AA",
                "phone": "01524 123456", "needs": ["loneliness"], "story": f"Written by the crash test, number {n}.",
                "consented": True, "preferred_contact": "phone", "gp_sharing": "codes"}

    # Episodes the link worker logs contacts on: accepted first, so they are the worker's.
    episodes = []
    for n in range(3):
        made = clinician.json("POST", "/api/v1/referrals", referral_body(f"base{n}"), expect=(201,))
        worker.json("POST", f"/api/v1/referrals/{made['id']}/transitions", {"to": "accepted"})
        episodes.append(made["id"])
    worker_pages = Client(base)
    worker_pages.sign_in_page("link-worker@alongside.example")
    organisation.sign_in_page("organisation@alongside.example")
    status, raw = organisation.call("GET", "/organisation/services")
    listing = re.search(rb'action="/services/([0-9a-f-]{36})/capacity"', raw)
    assert status == 200 and listing, f"the organisation's listings: {status}"
    listing = listing.group(1).decode()

    stop = threading.Event()
    lock = threading.Lock()
    acked = {"referrals": [], "contacts": [], "plan saves": [], "listing edits": []}
    unanswered = [0]

    def count():
        with lock:
            return sum(len(v) for v in acked.values())

    def note(kind, what):
        with lock:
            acked[kind].append(what)

    def attempt(action):
        try:
            return action()
        except Down:
            with lock:
                unanswered[0] += 1
            time.sleep(0.05)
            return None

    def referrals(writer):
        n = 0
        while not stop.is_set():
            n += 1
            body = referral_body(f"w{writer}n{n}")
            answer = attempt(lambda: clinician.call("POST", "/api/v1/referrals", body))
            if answer and answer[0] == 201:
                note("referrals", (json.loads(answer[1])["id"], body["family_name"]))
            elif answer:
                raise AssertionError(f"a referral: {answer[0]} {answer[1][:300]!r}")

    def contacts():
        n = 0
        while not stop.is_set():
            n += 1
            episode, words = random.choice(episodes), f"crash-contact-{stamp}-{n}"
            answer = attempt(lambda: worker.call("POST", f"/api/v1/referrals/{episode}/contacts",
                                                 {"way": "phone", "minutes": 5, "reached": False, "notes": words}))
            if answer and answer[0] == 201:
                note("contacts", (episode, words))
            elif answer:
                raise AssertionError(f"a contact: {answer[0]} {answer[1][:300]!r}")

    def plans():
        n = 0
        while not stop.is_set():
            n += 1
            read = attempt(lambda: resident.call("GET", f"/api/v1/people/{person}/plan"))
            if not read or read[0] != 200:
                continue
            version = json.loads(read[1])["version"]
            words = f"crash-plan-{stamp}-{n}"
            answer = attempt(lambda: resident.call("PUT", f"/api/v1/people/{person}/plan", {
                "version": version, "what_matters": words, "strengths": "Kept going",
                "goals": [{"words": "Walk to the park", "category": "activity", "progress": 2, "steps": []}]}))
            if answer and answer[0] == 200:
                note("plan saves", (json.loads(answer[1])["version"], words))
            elif answer and answer[0] != 409:
                raise AssertionError(f"a plan save: {answer[0]} {answer[1][:300]!r}")

    tried_spaces = []

    def listing_edits():
        n = 0
        while not stop.is_set():
            n += 1
            spaces = 1 + n % 9_999
            token = attempt(lambda: organisation.csrf("/organisation/services"))
            if token is None:
                continue
            with lock:
                tried_spaces.append(spaces)
            answer = attempt(lambda: organisation.call("POST", f"/services/{listing}/capacity",
                                                       form={"capacity": "spaces", "spaces": str(spaces), "csrf_token": token}))
            if answer and answer[0] == 303:
                note("listing edits", spaces)
            elif answer:
                raise AssertionError(f"a listing edit: {answer[0]} {answer[1][:300]!r}")

    failures = []

    def guarded(target, *a):
        def body():
            try:
                target(*a)
            except BaseException as error:  # a wrong answer, not a dead server: the test fails
                failures.append(repr(error))
                stop.set()
        return threading.Thread(target=body, daemon=True)

    writers = [guarded(referrals, 0), guarded(referrals, 1), guarded(contacts), guarded(plans), guarded(listing_edits)]
    for w in writers:
        w.start()
    kills = 0
    while not stop.is_set() and (count() < args.writes or kills < args.kills):
        # Kill at a moment no one chose: somewhere between a fifth and a whole of the writes still to come.
        goal = count() + max(20, random.randint(args.writes // (args.kills * 5), args.writes // args.kills))
        while not stop.is_set() and count() < goal:
            time.sleep(0.01)
        if stop.is_set():
            break
        server.kill()
        kills += 1
        print(f"  killed with SIGKILL at {count()} acknowledged writes; restarting", flush=True)
        server.start()
    stop.set()
    for w in writers:
        w.join(timeout=60)
    if failures:
        raise SystemExit("a write got a wrong answer: " + failures[0])

    # Afterwards, on a fresh start: every acknowledged write is there.
    server.kill()
    server.start()
    lost = {kind: [] for kind in acked}
    for rid, family in acked["referrals"]:
        body = clinician.json("GET", f"/api/v1/referrals/{rid}", expect=(200, 404))
        if not body or body.get("family_name") != family:
            lost["referrals"].append(rid)
    # The page session made before the kills is still signed in: sessions are kept in the database.
    pages = {}
    for episode in episodes:
        status, raw = worker_pages.call("GET", f"/referrals/{episode}")
        assert status == 200, f"the episode page: {status}"
        pages[episode] = raw.decode()
    for episode, words in acked["contacts"]:
        if words not in pages[episode]:
            lost["contacts"].append(words)
    plan = resident.json("GET", f"/api/v1/people/{person}/plan")
    if acked["plan saves"]:
        newest, words = max(acked["plan saves"])
        # A save that got no answer may have been done after the last acknowledged one; nothing earlier is lost.
        if plan["version"] < newest or (plan["version"] == newest and plan["what_matters"] != words):
            lost["plan saves"].append(f"version {newest} ({words}); the plan is at {plan['version']}")
    status, raw = Client(base).call("GET", f"/services/{listing}")
    shown = re.search(rb"(\d+) spaces? available", raw)
    if acked["listing edits"]:
        last = acked["listing edits"][-1]
        later = tried_spaces[tried_spaces.index(last):] if last in tried_spaces else [last]
        if not shown or int(shown.group(1)) not in later:
            lost["listing edits"].append(f"{last} spaces; the page shows {shown.group(0).decode() if shown else 'none'}")
    return {"acked": {k: len(v) for k, v in acked.items()}, "lost": lost, "kills": kills, "unanswered": unanswered[0]}


if __name__ == "__main__":
    main()
