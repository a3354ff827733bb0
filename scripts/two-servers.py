#!/usr/bin/env python3
"""Two servers as one: two `alongside serve` processes on one PostgreSQL behind nginx, checked as people would
meet them — a session made on one works on the other, and so does a form's CSRF token; sign-in limits count
across both; an Idempotency-Key replayed on the other gets the first answer; a listing changed through one is
found by search on the other at once; an email is sent once and a weekly job runs once; and killing one server
while people browse through the proxy loses no request.

  scripts/two-servers.py --binary .build/debug/alongside --database postgres://user@host:port/db --out folder
"""
import argparse
import html.parser
import json
import pathlib
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

from alongside_http import PASSWORD, Client, Server

NGINX = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log;
user root;
events {{ worker_connections 512; }}
http {{
  log_format upstreams '$upstream_addr $status "$request"';
  access_log {dir}/nginx-access.log upstreams;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  upstream alongside {{
    server 127.0.0.1:{a} max_fails=1 fail_timeout=10s;
    server 127.0.0.1:{b} max_fails=1 fail_timeout=10s;
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 1m;
    location / {{
      proxy_pass http://alongside;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A server that is down or not answering: the request goes to the other. nginx retries only requests
      # that are safe to send twice (GET, HEAD); a POST that reached a server that died is not sent again.
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
    }}
  }}
}}
"""


class FormFields(html.parser.HTMLParser):
    """The fields of the page's main form as a browser would send them unchanged."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields, self.textarea, self.select = action, False, {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self.textarea = a.get("name")
            self.fields[self.textarea] = ""
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            self.fields[self.select] = a.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--ports", default="8101,8102,8100", help="server A, server B, the proxy")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    a_port, b_port, proxy_port = (int(p) for p in args.ports.split(","))
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for folder in ["body", "proxy", "fastcgi", "uwsgi", "scgi"]:
        (out / folder).mkdir(exist_ok=True)
    (out / "nginx.conf").write_text(NGINX.format(dir=out, a=a_port, b=b_port, port=proxy_port))
    proxy_url = f"http://127.0.0.1:{proxy_port}"
    env = {"ALONGSIDE_BEHIND_PROXY": "true", "ALONGSIDE_PUBLIC_URL": proxy_url, "LOG_LEVEL": "info"}
    logs = {name: open(out / f"server-{name}.log", "ab") for name in "AB"}
    a = Server(args.binary, args.database, a_port, logs["A"], env)
    b = Server(args.binary, args.database, b_port, logs["B"], env)
    nginx = subprocess.Popen(["nginx", "-p", str(out), "-c", str(out / "nginx.conf"), "-g", "daemon off;"])
    results = []

    def record(what, ok, detail):
        results.append((what, ok, detail))
        print(f"  {'held' if ok else 'FAILED'}: {what} — {detail}", flush=True)

    try:
        a.start()  # loads the demo place
        b.start()
        run(a, b, proxy_url, out, record)
    finally:
        for server in (a, b):
            server.stop()
        nginx.terminate()
        nginx.wait(timeout=10)
    failed = [r for r in results if not r[1]]
    print(f"Two servers behind nginx: {len(results) - len(failed)} of {len(results)} checks held.")
    sys.exit(1 if failed else 0)


def log_count(out, pattern):
    return sum(len(re.findall(pattern, (out / f"server-{name}.log").read_text(errors="replace"))) for name in "AB")


def run(a, b, proxy_url, out, record):
    # A session made on one server works on the other, and through the proxy whichever answers.
    person = Client(a.url)
    person.sign_in_page("link-worker@alongside.example")
    person.base = b.url
    status, _ = person.call("GET", "/referrals")
    record("a session made on A works on B", status == 200, f"GET /referrals on B: {status}")
    person.base = proxy_url
    statuses = [person.call("GET", "/referrals?through=proxy")[0] for _ in range(20)]
    served = [line.split()[0] for line in (out / "nginx-access.log").read_text().splitlines() if "through=proxy" in line]
    by_a, by_b = served.count(f"127.0.0.1:{a.port}"), served.count(f"127.0.0.1:{b.port}")
    record("the session works through the proxy on both", statuses.count(200) == 20 and by_a > 0 and by_b > 0,
           f"20 pages: {statuses.count(200)} answered 200, {by_a} by A and {by_b} by B")

    # A form's CSRF token from A is taken by B; the email it asks for is sent once, by one of the two.
    asker = Client(a.url)
    token = asker.csrf("/forgot-password")
    asker.base = b.url
    status, _ = asker.call("POST", "/forgot-password", form={"email": "moderator@alongside.example", "csrf_token": token})
    record("a form from A is accepted by B", status == 303, f"POST /forgot-password on B: {status}")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and log_count(out, r"Email to moderator@alongside\.example") == 0:
        time.sleep(0.5)
    time.sleep(12)  # both outbox workers have had two more turns
    sent = log_count(out, r"Email to moderator@alongside\.example")
    record("the email is sent once", sent == 1, f"sent {sent} times across both servers")

    # Sign-in limits count across both: five wrong passwords, alternating, then even the right one waits.
    guesser = Client(a.url)
    for n in range(5):
        guesser.base = (a if n % 2 == 0 else b).url
        guesser.call("POST", "/api/v1/sessions", body={"email": "commissioner@alongside.example", "password": f"wrong-{n}"})
    guesser.base = b.url
    status, _ = guesser.call("POST", "/api/v1/sessions", body={"email": "commissioner@alongside.example", "password": PASSWORD})
    record("sign-in limits count across both", status == 429, f"the sixth attempt, on B: {status}")

    # An Idempotency-Key used on A and replayed on B gets A's answer; one referral is made.
    clinician = Client(a.url)
    clinician.sign_in_api("clinician@alongside.example")
    key, family = str(uuid.uuid4()), f"Twoservers{int(time.time())}"
    body = json.dumps({"given_name": "Ada", "family_name": family, "birth_date": "1950-06-01", "postcode": "LA1 1AA",
                       "phone": "01524 123456", "needs": ["loneliness"], "consented": True, "preferred_contact": "phone",
                       "gp_sharing": "codes"}).encode()
    answers = []
    for server in (a, b):
        clinician.base = server.url
        answers.append(clinician.call("POST", "/api/v1/referrals", raw=body, headers={"Idempotency-Key": key}))
    same = answers[0][0] == 201 and answers[1] == answers[0]
    record("an Idempotency-Key replayed on B gets A's answer", same, f"A: {answers[0][0]}, B: {answers[1][0]}, same body: {answers[1][1] == answers[0][1]}")

    # A listing renamed through A is found by search on B at once.
    admin = Client(a.url)
    admin.sign_in_page("admin@alongside.example")
    services = json.loads(Client(a.url).call("GET", "/oruk/services?per_page=1")[1])
    service = services["contents"][0]["id"]
    status, raw = admin.call("GET", f"/services/{service}/edit")
    form = FormFields(f"/services/{service}/edit")
    form.feed(raw.decode())
    word = f"Heronsgate{int(time.time()) % 100000}"
    form.fields["name"] = f"{word} walking group"
    status, _ = admin.call("POST", f"/services/{service}/edit", form=form.fields)
    found = Client(b.url).call("GET", "/services?q=" + word)
    record("a listing changed on A is found by search on B at once", status == 303 and service in found[1].decode(),
           f"edit on A: {status}; search on B for {word}: {'found' if service in found[1].decode() else 'not found'}")

    # The weekly reminder job ran once between the two servers.
    runs = log_count(out, r"Stale listing reminders written")
    record("a weekly job runs once", runs == 1, f"stale-listing reminders ran {runs} times across both servers")

    # People browse through the proxy while A is killed: nothing is lost, the proxy sends each request to B.
    browsing, failures, done = Client(proxy_url), [], [0]
    browsing.sign_in_page("resident@alongside.example")
    stop = threading.Event()

    def browse():
        paths = ["/services?q=walk", f"/services/{service}", "/my-support", "/health/ready", "/oruk/services?per_page=5"]
        while not stop.is_set():
            path = paths[done[0] % len(paths)]
            try:
                status, _ = browsing.call("GET", path)
            except Exception as error:  # the proxy itself failed us
                status = repr(error)
            if status != 200:
                failures.append(f"{path}: {status}")
            done[0] += 1

    thread = threading.Thread(target=browse, daemon=True)
    thread.start()
    while done[0] < 100:
        time.sleep(0.01)
    a.kill()
    killed_at = done[0]
    while done[0] < killed_at + 300:
        time.sleep(0.01)
    stop.set()
    thread.join(timeout=30)
    record("killing A loses no request sent through the proxy", not failures,
           f"{done[0]} requests, A killed at the {killed_at}th, {len(failures)} failed {failures[:3]}")
    a.start()


if __name__ == "__main__":
    main()
