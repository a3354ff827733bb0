"""A person answers SWEMWBS and ONS4 and sees what changed, changes a goal in their plan, says they look after
their mother and writes a contingency plan — axe-clean on every page, at desktop and phone widths."""
import time

from playwright.sync_api import expect

from conftest import BASE_URL
from test_social_prescribing import sign_in


def answer(page, labels):
    """Choose one answer per question, in order, by the answer's label."""
    for index, label in enumerate(labels):
        page.locator("fieldset.question").nth(index).get_by_label(label, exact=True).check()


def test_a_person_measures_how_they_are_doing_and_shapes_their_plan(visitor):
    page = visitor.page
    stamp = f"{visitor.width}x{int(time.time())}"
    sign_in(page, "resident@alongside.example")

    page.get_by_role("link", name="How am I doing?").first.click()
    visitor.check("measures")
    page.get_by_role("link", name="Answer: Wellbeing (SWEMWBS)").click()
    visitor.check("swemwbs")
    # One left unanswered is named, and nothing is saved.
    answer(page, ["Often", "Often", "Often", "Often", "Some of the time", "Often"])
    page.get_by_role("button", name="Save my answers").click()
    visitor.check("swemwbs-error")
    assert "Answer question 7" in page.locator(".error-summary").inner_text()
    page.locator("fieldset.question").nth(6).get_by_label("All of the time", exact=True).check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.locator("main")).to_contain_text("Saved. Thank you.")
    visitor.check("measures-after-swemwbs")
    change = page.locator("#m-swemwbs").locator("xpath=..").locator(".change").inner_text()
    assert change.startswith("Your wellbeing score went from ") and " to 25.03 — " in change, change
    assert page.locator("#m-swemwbs").locator("xpath=..").locator("svg[role=img] title").text_content() == "Wellbeing score over time"
    table = page.get_by_role("region", name="Wellbeing (SWEMWBS): every answer").inner_text()
    assert "Wellbeing score 25.03 (raw 28 of 35)" in table

    page.get_by_role("link", name="Answer: Personal wellbeing (ONS4)").click()
    visitor.check("ons4")
    answer(page, ["8", "9", "7", "2"])
    page.get_by_role("button", name="Save my answers").click()
    assert "Anxiety yesterday 2 (low)" in page.get_by_role("region", name="Personal wellbeing (ONS4): every answer").inner_text()
    expect(page.locator("main")).to_contain_text("Since your first answers:")

    page.get_by_role("link", name="My plan").first.click()
    visitor.check("plan")
    page.get_by_role("link", name="Change the plan").click()
    visitor.check("plan-edit")
    page.get_by_label("Goal 1 in your own words").fill(f"Walk to the prom with Ann every week {stamp}")
    page.get_by_label("How far along, from 0 (not started) to 10 (done)").first.select_option("6")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.locator("main")).to_contain_text("Plan saved.")
    visitor.check("plan-saved")
    expect(page.locator("main")).to_contain_text(f"Goal 1: Walk to the prom with Ann every week {stamp}")
    page.get_by_role("link", name="Every version").click()
    visitor.check("plan-history")
    assert "progress on goal 1" in page.locator("table").inner_text()

    # Something found in the directory goes on the plan too.
    page.goto(BASE_URL + "/services?q=walk&postcode=LA1+1AA")
    page.locator(".result-list h3 a").first.click()
    service = page.locator("h1").inner_text()
    if page.get_by_role("button", name="Add to my plan").count():
        page.get_by_role("button", name="Add to my plan").click()
        expect(page.locator("main")).to_contain_text("Added to your plan.")
    visitor.check("service-in-plan")
    page.get_by_role("link", name="your plan").click()
    assert service in page.locator("main").inner_text()

    page.get_by_role("link", name="Caring").first.click()
    visitor.check("caring")
    page.get_by_label("Their name").fill(f"Mum {stamp}")
    page.get_by_label("They are my").select_option("parent")
    page.get_by_label("What caring involves (optional)").fill("Shopping, tablets and company in the evenings")
    page.get_by_label("Roughly how many hours a week (optional)").fill("15")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text(f"Mum {stamp}")
    page.get_by_role("link", name="contingency plan").first.click()
    if page.get_by_role("link", name="Write it").count():
        page.get_by_role("link", name="Write it").click()
    else:
        page.get_by_role("link", name="Change it").click()
    visitor.check("contingency-edit")
    page.get_by_label("Who steps in if I cannot care").fill(f"My brother Tom {stamp}")
    page.get_by_label("Medicines").fill("Blister pack in the kitchen drawer; 8am and 6pm")
    page.get_by_role("button", name="Save the contingency plan").click()
    expect(page.locator("main")).to_contain_text("Contingency plan saved.")
    visitor.check("contingency")
    assert f"My brother Tom {stamp}" in page.locator("dl").inner_text()
    # Printed, the plan has no menus or buttons.
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Main").is_visible()
    page.emulate_media(media="screen")
