"""What the scripts under scripts/ share: an Alongside server they start and kill, and a caller that keeps a
bearer token or a cookie session, posts forms with the page's CSRF token and never follows redirects."""
import http.client
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "alongside-demo"


class Down(Exception):
    """The server did not answer: the write may or may not have been done."""


class Server:
    def __init__(self, binary, database, port, log, env=None):
        self.binary, self.database, self.port, self.log = binary, database, port, log
        self.env = env or {}
        self.process = None
        self.url = f"http://127.0.0.1:{port}"

    def start(self):
        env = {**os.environ, "DATABASE_URL": self.database, "ALONGSIDE_BCRYPT_COST": "4", "LOG_LEVEL": "warning", **self.env}
        self.process = subprocess.Popen([self.binary, "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server stopped on its own (exit {self.process.returncode}); see its log")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the server did not start within 300 s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


class Client:
    """One caller: a bearer token for /api/v1, or a cookie session for the pages."""

    def __init__(self, base):
        self.base = base
        self.token = None
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def call(self, method, path, body=None, form=None, raw=None, headers=None):
        """The answer's status and body; raises Down when the server did not answer."""
        headers = dict(headers or {})
        data = None
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        if raw is not None:
            data, headers["Content-Type"] = raw, "application/json"
        if form is not None:
            data, headers["Content-Type"] = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except (OSError, http.client.HTTPException) as error:
            raise Down(str(error))

    def json(self, method, path, body=None, expect=(200,)):
        status, raw = self.call(method, path, body)
        if status not in expect:
            raise AssertionError(f"{method} {path}: {status} {raw[:300]!r}")
        return json.loads(raw) if raw else None

    def csrf(self, path):
        status, raw = self.call("GET", path)
        found = re.search(rb'name="csrf_token" value="([^"]+)"', raw)
        if status != 200 or not found:
            raise AssertionError(f"GET {path}: {status}, no form token")
        return found.group(1).decode()

    def sign_in_api(self, email):
        self.token = self.json("POST", "/api/v1/sessions", {"email": email, "password": PASSWORD}, expect=(201, 200))["token"]

    def sign_in_page(self, email):
        token = self.csrf("/sign-in")
        status, raw = self.call("POST", "/sign-in", form={"email": email, "password": PASSWORD, "csrf_token": token})
        if status != 303:
            raise AssertionError(f"page sign-in as {email}: {status} {raw[:300]!r}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_303(self, request, response, code, message, headers):
        return response

    http_error_302 = http_error_301 = http_error_307 = http_error_303
