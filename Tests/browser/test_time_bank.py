"""A member posts an offer and records time given; another member confirms it; both see it on their statements; the
coordinator sees the bank add up to zero — axe-clean at desktop and phone widths."""
import re

from playwright.sync_api import expect

from conftest import BASE_URL
from test_social_prescribing import other, sign_in


def test_members_exchange_time_and_see_their_statements(browser, visitor):
    page = visitor.page
    sign_in(page, "resident@alongside.example")
    page.get_by_role("link", name="Time bank", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Time bank")
    visitor.check("time-bank")
    before = page.locator("#balance").inner_text()

    # An offer, with a clear message for what is missing first.
    page.get_by_role("link", name="Post an offer or a request").first.click()
    page.get_by_label("Offering help").check()
    page.get_by_role("button", name="Post it").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a short title")
    visitor.check("time-bank-offer-error")
    page.get_by_label("A short title").fill("Help with a first smartphone")
    page.get_by_label("What it involves").fill("Calls, photos and the NHS App, at your pace.")
    page.get_by_label("Kind of help").select_option(label="Digital inclusion")
    page.get_by_label("Come to me").check()
    page.get_by_label("When you are free").fill("Saturday mornings")
    page.get_by_role("button", name="Post it").click()
    expect(page.locator("main")).to_contain_text("Offer: Help with a first smartphone")
    visitor.check("time-bank-offers")

    # Time given to the organisation's member, which counts once they confirm.
    page.goto(BASE_URL + "/time-bank")
    page.get_by_label("Who with").select_option(label="Jen P.")
    page.get_by_label("I gave my time (I helped them)").check()
    page.get_by_label("How long, in minutes").fill("75")
    page.get_by_label("What it was").fill("Setting up the group's tablet")
    page.get_by_role("button", name="Record the exchange").click()
    expect(page.locator("main")).to_contain_text("It counts once the other member confirms it")
    expect(page.locator("#balance")).to_have_text(before)
    visitor.check("time-bank-recorded")

    context, jen_page, jen = other(browser, visitor, "time-bank-jen")
    sign_in(jen_page, "organisation@alongside.example")
    jen_page.get_by_role("link", name="Time bank", exact=True).click()
    item = jen_page.locator(".panel", has_text="Setting up the group's tablet").first
    expect(item).to_contain_text("gave you 1 hour 15 minutes")
    jen.check("time-bank-to-confirm")
    item.get_by_role("button", name="Confirm it happened").click()
    expect(jen_page.locator("main")).to_contain_text("Confirmed. The time is on both statements.")
    jen_page.get_by_role("link", name="Your statement").click()
    expect(jen_page.locator("tbody tr").first).to_contain_text("Setting up the group's tablet")
    expect(jen_page.locator("tbody tr").first).to_contain_text("\u221275")
    jen.check("time-bank-jen-statement")
    context.close()

    page.goto(BASE_URL + "/time-bank/statement")
    expect(page.locator("tbody tr").first).to_contain_text("+75")
    visitor.check("time-bank-statement")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the statement (CSV)").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("transfer_id,date,kind,with,note,minutes,balance_after")
    assert re.search(r",Setting up the group's tablet,75,-?\d+\r?\n$", text), text[-200:]


def test_the_coordinator_sees_the_bank_and_its_queue(browser, visitor):
    page = visitor.page
    sign_in(page, "coordinator@alongside.example")
    expect(page.locator("main")).to_contain_text("0 minutes (always 0")
    expect(page.locator("#waiting")).to_be_visible()
    visitor.check("time-bank-coordinate")
    page.get_by_role("button", name="Record the exchange").click()
    expect(page.locator(".error-summary")).to_contain_text("Choose the member who had the help")
    visitor.check("time-bank-coordinate-error")


def test_a_community_groups_members_see_its_place_in_the_time_bank(visitor):
    page = visitor.page
    sign_in(page, "organisation@alongside.example")
    page.get_by_role("link", name="Time bank", exact=True).click()
    page.get_by_role("link", name="Your organisation in the time bank").click()
    expect(page.locator("h1")).to_have_text("Your organisation in the time bank")
    expect(page.locator(".panel", has_text="Bay Walkers")).to_contain_text("Member")
    visitor.check("time-bank-organisations")
    page.get_by_role("link", name="Bay Walkers: statement").click()
    expect(page.locator("main")).to_contain_text("Group walk along the prom")
    visitor.check("time-bank-organisation-statement")
