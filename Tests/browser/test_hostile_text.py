"""Hostile text is inert everywhere: script, attribute-breaking and javascript: payloads go into every editable
field the app has — through the pages and the API, as each role would type them — and every page that shows
them is opened in Chromium. Nothing may run (a dialog, or a Content-Security-Policy refusal, fails the test), no
element may carry an event attribute or be a script, and every link, form and image goes only to http(s),
mailto, tel or geo."""
import json
import re
import time
import urllib.error
import urllib.request
from datetime import date, timedelta

import pytest

from conftest import BASE_URL, LANDING, Visitor

# Each payload names itself, so a failure says which field let it through.
def payload(n):
    return f'"><img src=x onerror=alert({n})><script>alert({n})</script>\'<svg onload=alert({n})>'


def short(n):
    """For fields with a short limit (a category's name is at most 80 characters)."""
    return f'"><img src=x onerror=alert({n})>'


INERT = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push(`${el.tagName.toLowerCase()} with ${a.name}="${a.value.slice(0, 40)}"`);
    }
  }
  for (const s of document.querySelectorAll('script, iframe, object, embed')) found.push(s.outerHTML.slice(0, 80));
  for (const el of document.querySelectorAll('[href], [action], [src], [formaction], [srcset]')) {
    for (const name of ['href', 'action', 'src', 'formaction']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      let scheme;
      try { scheme = new URL(value, location.href).protocol; } catch (e) { scheme = 'unreadable'; }
      if (!['http:', 'https:', 'mailto:', 'tel:', 'geo:'].includes(scheme)) found.push(`${el.tagName.toLowerCase()} ${name}="${value.slice(0, 60)}"`);
    }
  }
  return found;
}"""


def api(method, path, token=None, body=None, expect=(200, 201)):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE_URL + path, data=data, method=method)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    assert status in expect, f"{method} {path}: {status} {raw[:300]!r}"
    return json.loads(raw) if raw else None


def token(email):
    return api("POST", "/api/v1/sessions", body={"email": email, "password": "alongside-demo"})["token"]


class Sweeper:
    """One role's browser: signs in through the page, posts forms with the page's own CSRF token, and opens pages,
    failing on anything that runs."""

    def __init__(self, browser, email, width):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.visitor = Visitor(self.page, "hostile-" + email.split("@")[0], width)
        self.ran = []
        self.page.on("dialog", lambda dialog: (self.ran.append(f"a dialog: {dialog.message}"), dialog.dismiss()))
        self.page.on("console", lambda message: self.ran.append(f"console: {message.text}")
                     if "Content Security Policy" in message.text else None)
        self.page.goto(BASE_URL + "/sign-in")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill("alongside-demo")
        self.page.get_by_role("button", name="Sign in").click()
        assert self.page.locator("h1").inner_text() == LANDING[email]

    def post(self, path, fields, expect=(200, 303)):
        csrf = next(c["value"] for c in self.context.cookies() if c["name"] == "alongside_csrf")
        response = self.page.request.post(BASE_URL + path, form={**fields, "csrf_token": csrf}, max_redirects=0)
        assert response.status in expect, f"POST {path}: {response.status} {response.text()[:300]}"
        return response

    def open(self, path, label, shows=True):
        """Opens a page; unless told otherwise it must show a payload, as text."""
        self.page.goto(BASE_URL + path)
        if shows:
            assert "onerror=alert(" in self.page.inner_text("main"), f"{label} ({self.page.url}) shows none of the hostile text"
        self.check(label)

    def check(self, label):
        found = self.page.evaluate(INERT)
        assert not found, f"{label} ({self.page.url}) holds live markup: {found[:5]}"
        assert not self.ran, f"{label} ({self.page.url}) ran something: {self.ran[:5]}"
        self.visitor.check(label)

    def close(self):
        self.context.close()


@pytest.mark.parametrize("width", [1024])
def test_hostile_text_in_every_field_is_shown_as_text(browser, width):
    stamp = int(time.time())
    clinician, worker = token("clinician@alongside.example"), token("link-worker@alongside.example")
    resident, organisation = token("resident@alongside.example"), token("organisation@alongside.example")
    fields = 0

    # A referral whose every free-text field is hostile (names keep a plain part so the pages can be found).
    made = api("POST", "/api/v1/referrals", clinician, {
        "given_name": "Hostile" + payload(1), "family_name": f"Tester{stamp}" + payload(2), "birth_date": "1950-06-01",
        "postcode": "LA1 1AA", "phone": "01524 123456", "needs": ["loneliness"], "story": payload(3), "must_know": payload(4),
        "interpreter": payload(5), "consented": True, "preferred_contact": "phone", "gp_sharing": "codes"})
    fields += 5
    rid, person = made["id"], made["person_id"]
    api("POST", f"/api/v1/referrals/{rid}/transitions", worker, {"to": "accepted"})
    api("POST", f"/api/v1/referrals/{rid}/contacts", worker, {"way": "phone", "minutes": 10, "reached": True, "notes": payload(6)})
    plan = api("GET", f"/api/v1/people/{person}/plan", worker)
    api("PUT", f"/api/v1/people/{person}/plan", worker, {
        "version": plan["version"], "what_matters": payload(7), "strengths": payload(8), "supporters": payload(9),
        "review_on": (date.today() + timedelta(days=60)).isoformat(),
        "goals": [{"words": payload(10), "category": "activity", "progress": 2,
                   "steps": [{"what": payload(11), "who": payload(12), "by_when": (date.today() + timedelta(days=30)).isoformat()}]}]})
    me = api("GET", "/api/v1/me", organisation)
    org = next(r["organisation_id"] for r in me["roles"] if r["organisation_id"])
    services = api("GET", f"/oruk/services?organization_id={org}&per_page=1")
    service = services["contents"][0]["id"]
    sent = api("POST", f"/api/v1/referrals/{rid}/community-referrals", worker,
               {"service_id": service, "hopes": payload(13), "access_needs": payload(14), "confirm_full": True})
    fields += 9
    own = api("GET", "/api/v1/me", resident)["id"]
    api("POST", f"/api/v1/people/{own}/carer-links", resident, {"cared_for_name": payload(15), "relationship": "parent", "hours_per_week": 5})
    fields += 1

    pages = 0
    sweepers = []
    try:
        lw = Sweeper(browser, "link-worker@alongside.example", width)
        sweepers.append(lw)
        lw.post(f"/referrals/{rid}/what-matters", {"good_day": payload(16), "in_the_way": payload(17), "used_to_enjoy": payload(18),
                                                   "who_matters": payload(19), "in_their_words": payload(20)})
        fields += 5
        for path, label in [(f"/referrals/{rid}", "episode"), ("/referrals", "caseload"), (f"/referrals?q=Tester{stamp}", "caseload-search"),
                            (f"/people/{person}/plan", "plan"), (f"/people/{person}/plan/history", "plan-history"),
                            (f"/people/{person}/plan/edit", "plan-edit"), (f"/people/{person}/measures", "measures"),
                            (f"/referrals/{rid}/connect?q=walk", "connect")]:
            lw.open(path, label, shows=label != "caseload")  # the caseload's first page is of others
            pages += 1

        lead = Sweeper(browser, "team-lead@alongside.example", width)
        sweepers.append(lead)
        lead.open("/referrals/team", "team", shows=False)  # it is on a caseload, not waiting
        lead.open(f"/referrals/{rid}", "team-episode")
        pages += 2

        gp = Sweeper(browser, "clinician@alongside.example", width)
        sweepers.append(gp)
        gp.open("/referrals/made", "referrals-made")
        pages += 1

        member = Sweeper(browser, "organisation@alongside.example", width)
        sweepers.append(member)
        member.open("/organisation/referrals", "organisation-referrals")
        pages += 1
        # Their listing, every text field hostile; a javascript: web address and a hostile email are refused, naming the field.
        member.open(f"/services/{service}/edit", "listing-edit", shows=False)
        page = member.page
        for field in ["name", "description", "eligibility", "fees", "location_name", "address"]:
            fields += 1
            page.locator(f"#{field}").fill(f"Listing{stamp} " + payload(20 + fields) if field == "name" else payload(20 + fields))
        page.locator("#url").fill("javascript:alert(90)")
        page.locator("#email").fill('"><img src=x onerror=alert(91)>@example.org')
        page.locator("main form button[type=submit]").last.click()
        assert page.locator(".error-summary").count() == 1, "a javascript: web address or a hostile email was accepted"
        summary = page.locator(".error-summary").inner_text()
        assert "Website" in summary or "web" in summary.lower(), summary
        member.check("listing-refused")
        page.locator("#url").fill("https://example.org/a?b=<script>alert(92)</script>")
        page.locator("#email").fill("contact@example.org")
        page.locator("main form button[type=submit]").last.click()
        fields += 3
        assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
        member.check("listing-saved")
        member.open(f"/services/{service}/history", "listing-history", shows=False)
        pages += 4

        admin = Sweeper(browser, "admin@alongside.example", width)
        sweepers.append(admin)
        admin.post("/admin/categories", {"name": f"Category{stamp}" + short(95), "description": payload(96)})
        fields += 2
        for path, label in [("/admin/reviews", "reviews"), ("/admin/categories", "categories"), ("/admin/audit", "audit"),
                            (f"/admin/users?q=Tester{stamp}", "users")]:
            admin.open(path, label, shows=label in ("reviews", "categories"))
            pages += 1
        # Whatever is waiting for review, approved, so the public pages show it.
        admin.page.goto(BASE_URL + "/admin/reviews")
        for change in re.findall(r'action="(/admin/reviews/[0-9a-f-]{36})"', admin.page.content()):
            admin.post(change, {"decision": "approve"})

        person_side = Sweeper(browser, "resident@alongside.example", width)
        sweepers.append(person_side)
        for path, label in [(f"/people/{own}/caring", "caring"), ("/account/who-has-seen-my-record", "who-has-seen"),
                            (f"/services/{service}", "service"), (f"/services?q=Listing{stamp}", "search")]:
            person_side.open(path, label, shows=label != "who-has-seen")
            pages += 1
        person_side.open("/services?q=" + urllib.request.quote(payload(99)), "search-for-a-payload")
        pages += 1
        print(f"Hostile text: {fields} fields given payloads, {pages} pages opened, nothing ran")
    finally:
        for s in sweepers:
            s.close()
