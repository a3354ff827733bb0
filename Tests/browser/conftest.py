"""Shared set-up for the browser journeys: one Alongside server, Debian's Chromium, axe-core."""
import os
import pathlib
import re
import time

import pytest
from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("ALONGSIDE_URL", "http://127.0.0.1:8080")

# Where each demo role lands after signing in: their own work (the page's heading).
LANDING = {
    "resident@alongside.example": "My support",
    "link-worker@alongside.example": "Referrals",
    "team-lead@alongside.example": "The team's caseloads",
    "clinician@alongside.example": "Refer someone to a link worker",
    "organisation@alongside.example": "People referred to you",
    "admin@alongside.example": "Listing reviews",
    "commissioner@alongside.example": "Insight",
    "moderator@alongside.example": "Waiting for a moderator",
    "coordinator@alongside.example": "Coordinate the time bank",
}
OUTPUT = pathlib.Path(os.environ.get("ALONGSIDE_TEST_OUTPUT", "test-output/browser"))


def axe_source() -> str:
    import axe_playwright_python

    return (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield chromium
        chromium.close()


class Visitor:
    """A person at a browser. Every page they see is checked with axe-core and photographed."""

    def __init__(self, page, name: str, width: int):
        self.page = page
        self.name = name
        self.width = width
        self.shots = 0
        self.axe = axe_source()
        # The page's own HTML as the server sent it (not the browser's repaired copy), for the Nu HTML checker.
        self.document = None
        page.on("response", self._keep_document)

    def _keep_document(self, response):
        if response.request.resource_type == "document" and response.frame == self.page.main_frame:
            self.document = response

    def save_source(self, label: str):
        if self.document is None or "text/html" not in self.document.headers.get("content-type", ""):
            return
        folder = OUTPUT / "html"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{self.name}-{self.width}px-{self.shots:02d}-{label}.html").write_bytes(self.document.body())

    def check(self, label: str):
        self.shots += 1
        OUTPUT.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(OUTPUT / f"{self.name}-{self.width}px-{self.shots:02d}-{label}.png"), full_page=True)
        self.save_source(label)
        # Evaluated through the DevTools protocol, so the page's Content-Security-Policy (no inline script)
        # stays as it is for the page itself.
        self.page.evaluate(self.axe)
        result = self.page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        )
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        assert not problems, f"axe-core found WCAG A/AA problems on {label} ({self.page.url}):\n" + "\n".join(problems)
        # Nothing may scroll sideways on a narrow screen.
        overflow = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{label} scrolls sideways by {overflow}px at {self.width}px wide"

    def go(self, path: str, label: str):
        self.page.goto(BASE_URL + path)
        self.check(label)


@pytest.fixture(params=[1024, 320], ids=["desktop", "phone"])
def visitor(browser, request):
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    yield Visitor(page, request.node.name.split("[")[0], width)
    context.close()


def emailed_link(email: str, path: str) -> str:
    """The link to `path` in the newest email to this address, from the server's log (the demo writes email
    there), as a path: the server's public address may differ from the one the tests reach it by."""
    log = os.environ.get("ALONGSIDE_SERVER_LOG")
    assert log, "set ALONGSIDE_SERVER_LOG to the demo server's log file: emailed links are read from it"
    for _ in range(50):
        found = re.findall(r"Email to " + re.escape(email) + r":.*?(https?://\S+" + re.escape(path) + r"\?token=\S+)",
                           pathlib.Path(log).read_text(errors="replace"), re.DOTALL)
        if found:
            return path + "?" + found[-1].split("?", 1)[1]
        time.sleep(0.2)
    raise AssertionError(f"no link to {path} emailed to {email} in {log}")
