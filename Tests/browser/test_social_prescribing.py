"""A clinician refers a person; the link worker takes the referral, logs a contact and moves the episode on;
the clinician sees where it is. A resident asks for a link worker and follows it on "My support"."""
import time

from conftest import BASE_URL


def sign_in(page, email):
    page.goto(BASE_URL + "/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("alongside-demo")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == "My account"


def other(browser, visitor, name):
    context = browser.new_context(viewport={"width": visitor.width, "height": 900})
    page = context.new_page()
    return context, page, type(visitor)(page, name, visitor.width)


def test_a_referral_goes_from_the_clinician_to_the_link_worker(browser, visitor):
    page = visitor.page
    family = f"Hodgson{visitor.width}x{int(time.time())}"
    sign_in(page, "clinician@alongside.example")
    page.get_by_role("link", name="Referrals you made").first.click()
    page.get_by_role("link", name="Refer someone").click()
    visitor.check("refer")

    # A slip first: a wrong NHS number and no agreement are both named.
    page.get_by_label("First name").fill("Margaret")
    page.get_by_label("Last name").fill(family)
    page.get_by_label("Date of birth").fill("1948-02-11")
    page.get_by_label("Postcode").fill("LA4 4AA")
    page.get_by_label("NHS number (optional)").fill("943 476 5918")
    page.get_by_label("Phone number").fill("01524 123456")
    page.get_by_label("Loneliness or isolation").check()
    page.get_by_label("Bereavement").check()
    page.get_by_label("In a few words").fill("Lost her husband in spring; not going out.")
    page.get_by_role("button", name="Send referral").click()
    visitor.check("refer-error")
    summary = page.locator(".error-summary").inner_text()
    assert "not a valid NHS number" in summary and "must agree" in summary

    page.get_by_label("NHS number (optional)").fill("943 476 5919")
    page.get_by_label("The person has agreed to be referred to a link worker").check()
    page.get_by_role("button", name="Send referral").click()
    assert "Referral sent." in page.content()
    visitor.check("referrals-made")

    context, worker_page, worker = other(browser, visitor, "link-worker")
    sign_in(worker_page, "link-worker@alongside.example")
    worker_page.get_by_role("link", name="Referrals").first.click()
    worker.check("inbox")
    worker_page.get_by_role("link", name=f"Margaret {family}").first.click()
    worker.check("episode")
    worker_page.get_by_label("Move to").select_option("accepted")
    worker_page.get_by_role("button", name="Move on").click()
    assert "Episode moved on." in worker_page.content()
    worker_page.get_by_label("Yes, we spoke").check()
    worker_page.get_by_label("How long, in minutes (optional)").fill("25")
    worker_page.get_by_label("Notes").fill("Would like to try a walking group.")
    worker_page.get_by_role("button", name="Log contact").click()
    assert "Contact logged." in worker_page.content()
    worker_page.get_by_label("Move to").select_option("contacted")
    worker_page.get_by_role("button", name="Move on").click()
    worker.check("episode-contacted")
    assert "871731000000106" in worker_page.content()
    worker_page.get_by_label("What does a good day look like for you?").fill("A walk on the prom and a chat in the café.")
    worker_page.get_by_role("button", name="Save what matters").click()
    assert "Saved in their words." in worker_page.content()
    worker.check("what-matters")
    context.close()

    page.reload()
    assert "What matters conversation" in page.content()


def test_a_resident_asks_for_a_link_worker_and_follows_it(visitor):
    page = visitor.page
    sign_in(page, "resident@alongside.example")
    page.get_by_role("link", name="My support").first.click()
    visitor.check("my-support")
    page.goto(BASE_URL + "/referrals/new")
    visitor.check("ask")
    page.get_by_label("Phone number").fill("01524 765432")
    page.get_by_label("Physical inactivity").check()
    page.get_by_label("I would like a link worker to contact me").check()
    page.get_by_role("button", name="Ask for a link worker").click()
    assert "Referral sent." in page.content()
    visitor.check("my-support-sent")
    assert "waiting for a link worker" in page.content()


def test_the_team_lead_sees_every_caseload(visitor):
    page = visitor.page
    sign_in(page, "team-lead@alongside.example")
    page.get_by_role("link", name="Team").first.click()
    visitor.check("team")
    page.get_by_role("link", name="Priya Lawson").click()
    visitor.check("team-caseload")
    assert "Priya Lawson's caseload" in page.content() or "Priya Lawson&#39;s caseload" in page.content()
