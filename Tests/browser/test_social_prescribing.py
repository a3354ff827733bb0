"""A clinician refers a person; the link worker takes the referral, logs a contact and moves the episode on;
the clinician sees where it is. A resident asks for a link worker and follows it on "My support"."""
import os
import pathlib
import re
import time
from datetime import date

from playwright.sync_api import expect

from conftest import BASE_URL, LANDING, emailed_link


def sign_in(page, email):
    page.goto(BASE_URL + "/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("alongside-demo")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == LANDING[email]


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
    born = page.get_by_role("group", name="Date of birth")
    born.get_by_label("Day").fill("11")
    born.get_by_label("Month").fill("2")
    born.get_by_label("Year").fill("1948")
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
    # Nothing was chosen for the person: the way to get in touch and what goes back to the GP are asked for.
    assert "Choose the best way to get in touch" in summary and "Choose what goes back to the GP record" in summary
    page.get_by_label("Phone call").check()
    page.get_by_label("A short summary and the codes").check()

    page.get_by_label("NHS number (optional)").fill("943 476 5919")
    page.get_by_label("The person has agreed to be referred to a link worker").check()
    page.get_by_role("button", name="Send referral").click()
    expect(page.locator("main")).to_contain_text("Referral sent.")
    visitor.check("referrals-made")
    referral = page.get_by_role("link", name=f"Margaret {family}").first.get_attribute("href")

    context, worker_page, worker = other(browser, visitor, "link-worker")
    sign_in(worker_page, "link-worker@alongside.example")
    worker.check("inbox")
    # The caseload is found by search, and the view is in the address.
    worker_page.get_by_label("Only").select_option("overdue")
    worker_page.get_by_label("Order").select_option("name")
    worker_page.get_by_role("button", name="Show").click()
    assert "show=overdue" in worker_page.url and "sort=name" in worker_page.url
    expect(worker_page.locator("main")).to_contain_text("that match")
    worker.check("caseload-filtered")
    # The new referral waits for a link worker (among the longest-waiting, or further down the queue).
    worker_page.goto(BASE_URL + referral)
    worker.check("episode")
    worker_page.get_by_label("Move to").select_option("accepted")
    worker_page.get_by_role("button", name="Move on").click()
    expect(worker_page.locator("main")).to_contain_text("Episode moved on.")
    worker_page.get_by_label("Phone", exact=True).check()
    worker_page.get_by_label("Yes, we spoke").check()
    worker_page.get_by_label("How long, in minutes (optional)").fill("25")
    worker_page.get_by_label("Notes").fill("Would like to try a walking group.")
    worker_page.get_by_role("button", name="Log contact").click()
    # Logging that they spoke is the one action that moves the episode to contacted.
    expect(worker_page.locator("main")).to_contain_text("You spoke with them, so the episode is now at contacted.")
    worker.check("episode-contacted")
    expect(worker_page.locator("main")).to_contain_text("871731000000106")
    worker_page.get_by_label("What does a good day look like for you?").fill("A walk on the prom and a chat in the café.")
    # What it points to is ticked by the link worker with them; nothing is ticked for them.
    tick_and_save(worker_page, "/what-matters", "Loneliness or isolation", "Save what matters", "Saved in their words.")
    worker.check("what-matters")
    # What a place must have for them: nothing recorded until it is, then services are matched against it.
    expect(worker_page.locator("main")).to_contain_text("Nothing recorded")
    access = worker_page.locator('form[action$="/access-needs"]')
    access.get_by_label("Step-free access").check()
    worker_page.get_by_role("button", name="Save access needs").click()
    expect(worker_page.locator("main")).to_contain_text("Access needs saved")
    expect(worker_page.locator("dl.facts").first).to_contain_text("Step-free access")
    context.close()

    page.reload()
    expect(page.locator("main")).to_contain_text("What matters conversation")


def tick_and_save(page, action, box, button, notice):
    """In the form posting to `action`: the box starts unticked (nothing is chosen for the person), is ticked and
    saved, the notice says so, and the box is ticked when the page comes back."""
    form = page.locator(f'form[action$="{action}"]')
    expect(form.get_by_label(box)).not_to_be_checked()
    form.get_by_label(box).check()
    form.get_by_role("button", name=button).click()
    expect(page.locator("main")).to_contain_text(notice)
    expect(page.locator(f'form[action$="{action}"]').get_by_label(box)).to_be_checked()


def test_a_resident_asks_for_a_link_worker_and_follows_it(visitor):
    page = visitor.page
    sign_in(page, "resident@alongside.example")
    page.get_by_role("link", name="My support").first.click()
    visitor.check("my-support")
    page.goto(BASE_URL + "/referrals/new")
    visitor.check("ask")
    # The form to ask (a request already open is offered above it, to add to instead).
    ask = page.locator('form[action="/referrals/new"]')
    ask.get_by_label("Phone number").fill("01524 765432")
    ask.get_by_label("Physical inactivity").check()
    ask.get_by_label("Phone call").check()
    ask.get_by_label("I would like a link worker to contact me").check()
    ask.get_by_role("button", name="Ask for a link worker").click()
    expect(page.locator("main")).to_contain_text("Referral sent.")
    visitor.check("my-support-sent")
    expect(page.locator("main")).to_contain_text("waiting for a link worker")

    # Asking again offers to add to the open request instead.
    page.get_by_role("link", name=re.compile("Add something to this request")).first.click()
    expect(page.locator("main")).to_contain_text("You already have a request open")
    visitor.check("ask-again")
    page.get_by_label("What would you like to add?").fill("I have also started caring for my dad.")
    page.get_by_role("button", name="Add to my request").click()
    expect(page.locator("main")).to_contain_text("Added to your request.")
    expect(page.locator("main")).to_contain_text("You added: I have also started caring for my dad.")

    # They say what a place must have for them; nothing starts ticked.
    tick_and_save(page, "/access-needs", "Step-free access", "Save what a place must have",
                  "Your link worker will look for places that have what you need.")
    visitor.check("my-support-access-needs")

    # Saying no asks first, on its own page, and can be undone for 14 days.
    page.get_by_role("link", name=re.compile("I do not want this support")).first.click()
    assert page.locator("h1").inner_text() == "Are you sure you do not want this support?"
    visitor.check("decline")
    page.get_by_label("If you would like to say why").fill("I have found a group myself.")
    page.get_by_role("button", name="Yes, I do not want this support").click()
    expect(page.locator("main")).to_contain_text("You can change your mind for 14 days.")
    visitor.check("my-support-declined")
    page.get_by_role("button", name=re.compile("I have changed my mind")).first.click()
    expect(page.locator("main")).to_contain_text("Your referral is back where it was")
    expect(page.locator("main")).to_contain_text("waiting for a link worker")


def test_the_team_lead_sees_every_caseload(visitor):
    page = visitor.page
    sign_in(page, "team-lead@alongside.example")
    page.get_by_role("link", name="Team").first.click()
    visitor.check("team")
    page.get_by_role("link", name="Priya Lawson").click()
    visitor.check("team-caseload")
    expect(page.locator("main")).to_contain_text("Priya Lawson's caseload")


def invitation_link(email):
    """The invitation in the newest email to this address."""
    return emailed_link(email, "/invitation")


def test_the_loop_closes_and_the_person_follows_every_step(browser, visitor):
    """A clinician refers; the link worker accepts, speaks, hears what matters, refers to a group; the organisation
    accepts and records attendance; the link worker closes; the person, invited, sees each step on My support."""
    page = visitor.page
    family = f"Whittaker{visitor.width}x{int(time.time())}"
    email = f"{family.lower()}@example.org"
    sign_in(page, "clinician@alongside.example")
    page.goto(BASE_URL + "/referrals/new")
    page.get_by_label("First name").fill("Joan")
    page.get_by_label("Last name").fill(family)
    born = page.get_by_role("group", name="Date of birth")
    born.get_by_label("Day").fill("30")
    born.get_by_label("Month").fill("6")
    born.get_by_label("Year").fill("1951")
    page.get_by_label("Postcode").fill("LA1 1AA")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Loneliness or isolation").check()
    page.get_by_label("In a few words").fill("Recently moved here; knows nobody.")
    page.get_by_label("Only the codes").check()
    page.get_by_label("The person has agreed to be referred to a link worker").check()
    page.get_by_role("button", name="Send referral").click()
    expect(page.locator("main")).to_contain_text("Referral sent.")
    joan = page.get_by_role("link", name=f"Joan {family}").first.get_attribute("href")

    org_context, org_page, org = other(browser, visitor, "organisation")
    sign_in(org_page, "organisation@alongside.example")
    org_page.get_by_role("link", name="Your listings").first.click()
    listing = org_page.locator("main h2 a").first
    service, service_path = listing.inner_text(), listing.get_attribute("href")

    context, worker_page, worker = other(browser, visitor, "link-worker")
    sign_in(worker_page, "link-worker@alongside.example")
    worker_page.goto(BASE_URL + joan)
    episode = worker_page.url
    worker_page.get_by_label("Move to").select_option("accepted")
    worker_page.get_by_role("button", name="Move on").click()
    worker_page.get_by_role("button", name="Invite Joan to follow online").click()
    expect(worker_page.locator("main")).to_contain_text("Invitation sent.")
    worker_page.get_by_label("Phone", exact=True).check()
    worker_page.get_by_label("Yes, we spoke").check()
    worker_page.get_by_label("Notes").fill("Keen on walking.")
    worker_page.get_by_role("button", name="Log contact").click()
    worker_page.get_by_label("What does a good day look like for you?").fill("Out in the fresh air with people to talk to.")
    worker_page.get_by_role("button", name="Save what matters").click()
    # "Plan agreed" needs the plan written down, with a goal.
    worker_page.get_by_label("Move to").select_option("plan_agreed")
    worker_page.get_by_role("button", name="Move on").click()
    expect(worker_page.locator(".error-summary")).to_contain_text("Save their plan with at least one goal first")
    worker_page.get_by_role("link", name="Joan's plan").click()
    worker_page.get_by_role("link", name=re.compile("Start the plan|Change the plan")).click()
    worker_page.get_by_label("Goal 1 in your own words").fill("Get out walking with other people twice a week")
    worker_page.get_by_label("What it is about (for counting)").first.select_option("connecting")
    worker_page.get_by_role("button", name="Save the plan").click()
    expect(worker_page.locator("main")).to_contain_text("Plan saved.")
    worker_page.goto(episode)
    worker_page.get_by_label("Move to").select_option("plan_agreed")
    worker_page.get_by_role("button", name="Move on").click()
    expect(worker_page.locator("main")).to_contain_text("Episode moved on.")
    worker_page.get_by_role("link", name="Refer to a community service").click()
    worker_page.get_by_label("Search the directory").fill(service)
    worker_page.get_by_role("button", name="Search").click()
    worker.check("connect")
    # Several groups may share a name: refer to the organisation's own.
    panel = worker_page.locator("section.panel", has=worker_page.locator(f'h2 a[href="{service_path}"]'))
    panel.get_by_label("What Joan hopes for").fill("Company on a walk")
    if panel.get_by_label("Refer anyway, although it is full").count():
        panel.get_by_label("Refer anyway, although it is full").check()
    panel.get_by_role("button", name=f"Refer Joan {family} to {service}").click()
    expect(worker_page.locator("main")).to_contain_text("Referral sent to the organisation")

    org_page.get_by_role("link", name="People referred to you").first.click()
    org_page.get_by_role("button", name=f"Accept Joan {family}").click()
    expect(org_page.locator("main")).to_contain_text("Saved. The link worker can see it.")
    # The register: the day of the session and whether she came, nothing chosen for her.
    org_page.get_by_label(f"Day of the session for Joan {family}").fill(date.today().isoformat())
    came = org_page.get_by_role("group", name=f"Did Joan {family} come?")
    assert not came.get_by_label("Came", exact=True).is_checked()
    came.get_by_label("Came", exact=True).check()
    org_page.get_by_role("button", name=f"Mark the session for Joan {family}").click()
    expect(org_page.locator("main")).to_contain_text("Saved. The link worker can see it.")
    expect(org_page.get_by_role("table", name=f"Sessions: Joan {family} at {service}")).to_contain_text("Came")
    org.check("people-referred")
    org_context.close()

    worker_page.goto(episode)
    for stage in ["connected", "following_up"]:
        worker_page.get_by_label("Move to").select_option(stage)
        worker_page.get_by_role("button", name="Move on").click()
    worker_page.get_by_label("Move to").select_option("closed")
    worker_page.get_by_label("If closing: how it ended").select_option("goals_met")
    worker_page.get_by_role("button", name="Move on").click()
    # Ending asks first, saying what follows.
    assert worker_page.locator("h1").inner_text() == f"Close Joan {family}'s episode?"
    expect(worker_page.locator("main")).to_contain_text("the codes recorded so far go to their GP record")
    worker.check("confirm-close")
    worker_page.get_by_role("button", name="Yes, close the episode").click()
    worker.check("episode-closed")
    expect(worker_page.locator("main")).to_contain_text("Closed since")
    context.close()

    # The person makes their account from the emailed link and sees every step.
    page.get_by_role("button", name="Sign out").click()
    page.goto(BASE_URL + invitation_link(email))
    visitor.check("join")
    page.get_by_label("Create a password").fill("otter meadow candle")
    page.get_by_role("button", name="Create my account").click()
    assert page.locator("h1").inner_text() == "My support"
    visitor.check("my-support-closed")
    text = page.locator("main").inner_text()
    for step in ["Accepted", "Contacted", "What matters conversation", "Plan agreed", "Connected", "Following up", "Closed"]:
        assert step in text, step
    assert f"{service}: went to the first session" in text
    assert "Out in the fresh air with people to talk to." in text
