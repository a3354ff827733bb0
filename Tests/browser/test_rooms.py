"""A community group books a room once, then a weekly slot that clashes on one date, is told which date, and books the
dates that are free; the room's page says who meets there — axe-clean at desktop and phone widths."""
import datetime as dt
import random

from playwright.sync_api import expect

from conftest import BASE_URL
from test_social_prescribing import sign_in


# The weeks this run's bookings took, so that the desktop and phone runs never pick dates that clash with each other.
_weeks_taken = set()


def _free_weeks():
    """A first week, 20 to 45 weeks ahead, whose three weeks no earlier run of this test has booked."""
    choices = [w for w in range(20, 46) if not {w, w + 1, w + 2} & _weeks_taken]
    week = random.choice(choices)
    _weeks_taken.update({week, week + 1, week + 2})
    return week


def test_a_group_books_a_weekly_slot_and_the_free_dates(visitor):
    page = visitor.page
    sign_in(page, "organisation@alongside.example")
    page.get_by_role("link", name="Rooms", exact=True).click()
    expect(page.locator("h1")).to_have_text("Rooms to book")
    visitor.check("rooms")
    page.get_by_role("link", name="St Mary's church hall").click()
    expect(page.locator("main")).to_contain_text("Who meets here")
    visitor.check("room")

    # A Wednesday evening well ahead, different for each run.
    today = dt.date.today()
    first = today + dt.timedelta(days=7 * _free_weeks() + (2 - today.weekday()) % 7)
    second = first + dt.timedelta(days=7)
    page.get_by_label("What it is for").fill("Committee meeting")
    page.get_by_label("Starts").fill(f"{second}T19:00")
    page.get_by_label("Ends").fill(f"{second}T20:30")
    page.get_by_label("Just once").check()
    page.get_by_role("button", name="Book", exact=True).click()
    expect(page.locator("main")).to_contain_text("Booked. It is on the room's calendar.")

    # Weekly for three weeks from the week before: the second clashes.
    page.get_by_label("What it is for").fill("Evening walk planning")
    page.get_by_label("Starts").fill(f"{first}T19:00")
    page.get_by_label("Ends").fill(f"{first}T20:30")
    page.get_by_label("Every week").check()
    page.get_by_label("Until (for a meeting that repeats)").fill(str(first + dt.timedelta(days=14)))
    page.get_by_role("button", name="Book", exact=True).click()
    expect(page.locator(".error-summary")).to_contain_text("already booked or closed on")
    expect(page.locator(".panel")).to_contain_text(second.strftime("%-d %B %Y"))
    visitor.check("room-clash")
    page.get_by_role("button", name="Book only the dates that are free").click()
    expect(page.locator("main")).to_contain_text("Booked on the dates that were free")
    visitor.check("room-booked")


def test_an_organisation_lists_a_room_and_changes_its_rules(visitor):
    page = visitor.page
    sign_in(page, "organisation@alongside.example")
    page.goto(BASE_URL + "/rooms")
    page.get_by_role("link", name="Rooms you share: list a room, change one, approve bookings").click()
    expect(page.locator("h1")).to_have_text("Rooms you share")
    page.get_by_role("button", name="List the room").click()
    expect(page.locator(".error-summary")).to_contain_text("Choose the days the room is open")
    visitor.check("rooms-list-errors")

    name = f"Upstairs room {random.randint(1000, 9999)}"
    page.get_by_label("The room's name").fill(name)
    page.get_by_label("Where it is").fill("Lancaster Carers' Centre, Lancaster LA1 1AA")
    page.get_by_label("What the room is like").fill("A quiet room with comfortable chairs.")
    page.get_by_label("How many people it holds").fill("12")
    page.get_by_label("Access").fill("Lift, accessible toilet")
    page.get_by_label("Equipment").fill("Chairs, kettle")
    page.get_by_label("Price an hour, in pounds").fill("0")
    page.get_by_label("Tuesday", exact=True).check()
    page.get_by_label("Thursday", exact=True).check()
    page.get_by_label("Opens at").fill("09:00")
    page.get_by_label("Closes at").fill("17:00")
    page.get_by_label("Minutes kept free between bookings").fill("15")
    page.get_by_label("Longest booking, in minutes").fill("120")
    page.get_by_label("No: bookings are confirmed at once").check()
    page.get_by_label("Any community group in the directory").check()
    page.get_by_role("button", name="List the room").click()
    expect(page.locator("main")).to_contain_text("The room is listed")
    expect(page.locator("h1")).to_have_text(name)
    visitor.check("room-listed")

    # Kept for the group itself, closed on a day.
    page.get_by_role("link", name="Change the room and its rules").click()
    page.get_by_label("Days it is closed").fill(str(dt.date.today() + dt.timedelta(days=60)))
    page.get_by_label("Only the groups ticked below").check()
    page.get_by_label("Lancaster Carers' Network").check()
    visitor.check("room-change")
    page.get_by_role("button", name="Save the room").click()
    expect(page.locator("main")).to_contain_text("Kept for Lancaster Carers' Network")
    expect(page.locator("main")).to_contain_text("Closed on")
