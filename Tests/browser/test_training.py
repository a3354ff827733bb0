"""Training opened to community leaders: a trainer offers a session with one place, it is booked, a community leader
joins the waiting list, the place is given up (asked first), and the leader has it at once and is emailed; the leader
opens the certificate for a session they attended — axe-clean at desktop and phone widths."""
import datetime as dt
import os
import pathlib
import random
import re
import time

from playwright.sync_api import expect

from conftest import BASE_URL
from test_social_prescribing import other, sign_in


def emailed(email: str, words: str) -> bool:
    log = pathlib.Path(os.environ["ALONGSIDE_SERVER_LOG"])
    # The outbox is sent by a background job, which may first run a minute after the server starts.
    for _ in range(450):
        if re.search(r"Email to " + re.escape(email) + r": A place on .{0,12}" + re.escape(words), log.read_text(errors="replace")):
            return True
        time.sleep(0.2)
    return False


def test_a_place_given_up_goes_to_the_leader_waiting(browser, visitor):
    trainer = visitor.page
    sign_in(trainer, "admin@alongside.example")
    trainer.goto(BASE_URL + "/training/organisation")
    expect(trainer.locator("h1")).to_have_text("Training you offer")
    visitor.check("training-offer")

    # Nothing filled in: each problem named.
    trainer.get_by_role("button", name="Open the session for booking").click()
    expect(trainer.locator(".error-summary")).to_contain_text("Enter the session's title")
    expect(trainer.locator(".error-summary")).to_contain_text("Say whether the session is in person or online")
    visitor.check("training-offer-errors")

    title = f"Dementia friends {random.randint(1000, 9999)}"
    day = dt.date.today() + dt.timedelta(days=random.randint(20, 60))
    trainer.get_by_label("Run by").select_option(label="Lancaster City Council")
    trainer.get_by_label("Title").fill(title)
    trainer.get_by_label("What it covers").fill("How dementia affects people, and small changes that make a group welcoming.")
    trainer.get_by_label("Starts").fill(f"{day}T10:00")
    trainer.get_by_label("Ends").fill(f"{day}T12:00")
    trainer.get_by_label("In person").check()
    trainer.get_by_label("Where, or how to join online").fill("Lancaster Town Hall")
    trainer.get_by_label("Places kept for community members").fill("1")
    trainer.get_by_role("button", name="Open the session for booking").click()
    expect(trainer.locator("main")).to_contain_text("The session is open for booking.")
    session = trainer.url.split("?")[0]
    trainer.get_by_role("button", name="Book a place").click()
    expect(trainer.locator("main")).to_contain_text("Your place is booked.")

    # A community leader finds it full and joins the waiting list.
    context, leader_page, leader = other(browser, visitor, visitor.name + "-leader")
    try:
        sign_in(leader_page, "organisation@alongside.example")
        leader_page.get_by_role("link", name="Training", exact=True).click()
        expect(leader_page.locator("h1")).to_have_text("Training places")
        leader.check("training-sessions")
        leader_page.goto(session)
        expect(leader_page.locator("main")).to_contain_text("Full")
        leader.check("training-full")
        leader_page.get_by_role("button", name="Join the waiting list").click()
        expect(leader_page.locator("main")).to_contain_text("you are on the waiting list")
        expect(leader_page.locator("main")).to_contain_text("On the waiting list: number 1")
        leader.check("training-waiting")

        # The trainer can no longer come: asked first, then the place is given up.
        trainer.goto(BASE_URL + "/training/mine")
        trainer.locator(".panel", has_text=title).get_by_role("button", name="I can no longer come").click()
        expect(trainer.locator("h1")).to_contain_text("Give up your place on")
        visitor.check("training-give-up")
        trainer.get_by_role("button", name="Yes, give up my place").click()
        expect(trainer.locator("main")).to_contain_text("the next person on the waiting list has been offered it")

        # The leader has the place at once, and was emailed.
        leader_page.goto(BASE_URL + "/training/mine")
        expect(leader_page.locator(".panel", has_text=title)).to_contain_text("You have a place")
        assert emailed("organisation@alongside.example", title), "the leader was not emailed about the place"

        # The trainer sees who is coming.
        trainer.goto(session + "/people")
        expect(trainer.locator("main")).to_contain_text("Jen Procter")
        visitor.check("training-people")

        # A certificate for the session the leader attended last month.
        leader_page.locator(".panel", has_text="Making Every Contact Count").get_by_role("link", name="Your certificate of attendance").click()
        expect(leader_page.locator("h1")).to_have_text("Certificate of attendance")
        expect(leader_page.locator("main")).to_contain_text("Jen Procter")
        leader.check("training-certificate")

        # The trainer calls the session off, saying why; asked first, and the leader is told.
        trainer.goto(session + "/people")
        trainer.get_by_label("Why you are calling it off").fill("The room is needed for a vaccination clinic")
        trainer.get_by_role("button", name="Call the session off").click()
        expect(trainer.locator("h1")).to_contain_text("Call off")
        visitor.check("training-call-off")
        trainer.get_by_role("button", name="Yes, call it off").click()
        expect(trainer.locator("main")).to_contain_text("The session is called off")
        leader_page.goto(session)
        expect(leader_page.locator("main")).to_contain_text("This session has been called off.")
    finally:
        context.close()
