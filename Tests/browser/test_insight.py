"""A commissioner lands on insight, reads referrals by deprivation fifth with the figures beside them, splits them by
age, is told plainly when a date is wrong, and downloads what is shown — axe-clean at desktop and phone widths."""
import re

from playwright.sync_api import expect

from conftest import BASE_URL
from test_social_prescribing import sign_in


def test_a_commissioner_reads_referrals_by_deprivation_and_age(visitor):
    page = visitor.page
    sign_in(page, "commissioner@alongside.example")
    visitor.check("insight")
    page.get_by_role("link", name="Referrals", exact=True).click()
    expect(page.locator("h1")).to_have_text("Referrals")
    visitor.check("insight-referrals")
    table = page.locator("table").first
    assert "1 (most deprived)" in table.inner_text() and "Not known" in table.inner_text()
    total = table.locator("tr.total td").first.inner_text()
    assert total.isdigit() and int(total) % 5 == 0, total
    expect(page.locator("main")).to_contain_text("Core20 ratio")

    page.get_by_label("Split by").select_option(label="Age")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("main h2").first).to_contain_text("Age:")
    assert "80 and over" in page.locator("table").first.inner_text()
    # The same referrals, split another way, add up to the same total.
    assert page.locator("table tr.total td").first.inner_text() == total
    visitor.check("insight-referrals-by-age")

    page.get_by_label("First day").fill("2026-02-30")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter the first day as a real date")
    visitor.check("insight-referrals-error")

    with page.expect_download() as download:
        page.goto(BASE_URL + "/insight/referrals")
        page.get_by_role("link", name="Download what is shown as CSV").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("imd_quintile,name,referrals,people"), text[:80]
    assert f"total,All,{total}," in text


def test_a_commissioner_reads_how_long_people_wait(visitor):
    page = visitor.page
    sign_in(page, "commissioner@alongside.example")
    page.get_by_role("link", name="Waiting", exact=True).click()
    expect(page.locator("h1")).to_have_text("Waiting")
    table = page.locator("table").first
    assert "Median days to being reached" in table.inner_text()
    visitor.check("insight-waiting")
    page.get_by_label("Split by").select_option(label="Caring")
    page.get_by_role("button", name="Show").click()
    assert "Young carer (under 18)" in page.locator("table").first.inner_text()
    visitor.check("insight-waiting-by-caring")



def test_a_commissioner_reads_what_happened_and_wellbeing_change(visitor):
    page = visitor.page
    sign_in(page, "commissioner@alongside.example")
    for link, column, label in [("What happened", "Went to a service at least once", "insight-outcomes"),
                                ("Wellbeing", "Mean change in wellbeing (SWEMWBS)", "insight-wellbeing")]:
        page.goto(BASE_URL + "/insight")
        page.get_by_role("link", name=link, exact=True).click()
        expect(page.locator("h1")).to_have_text(link)
        assert column in page.locator("table").first.inner_text()
        # Beside the counts, the shares with their intervals: "38% (31% to 45%)", "*" or "—" in every cell.
        shares = page.get_by_role("region", name=f"{link} by deprivation (imd 2019 fifth), as shares")
        expect(shares).to_be_visible()
        for cell in shares.locator("td").all_inner_texts():
            assert cell in ("*", "—") or re.fullmatch(r"\d+% \(\d+% to \d+%\)", cell), cell
        visitor.check(label)
        if link == "What happened":
            # Who turns people away, and why: declines by the kind of service, with the same figures to download.
            declines = page.get_by_role("region", name="Referrals declined by services, by the service's category and the reason")
            expect(declines).to_contain_text("No space at the moment")
            shown_total = declines.locator("tr.total td").first.inner_text()
            with page.expect_download() as download:
                page.get_by_role("link", name="Download the declines as CSV").click()
            text = open(download.value.path(), encoding="utf-8").read()
            assert text.startswith("category,name,declined,no_capacity,not_eligible,other"), text[:80]
            assert f"total,All,{shown_total}," in text, text


def test_a_link_worker_reads_their_own_caseload(visitor):
    page = visitor.page
    sign_in(page, "link-worker@alongside.example")
    page.get_by_role("link", name="Insight", exact=True).first.click()
    page.locator("main").get_by_role("link", name="Referrals", exact=True).click()
    expect(page.locator("main")).to_contain_text("Your caseload only.")
    visitor.check("insight-own-caseload")


def test_a_commissioner_finds_where_the_gaps_are(visitor):
    page = visitor.page
    sign_in(page, "commissioner@alongside.example")
    page.locator("main").get_by_role("link", name="Unmet need", exact=True).click()
    expect(page.locator("h1")).to_have_text("Unmet need")
    expect(page.locator("main h2").first).to_contain_text("By need, the whole place")
    expect(page.locator("main")).to_contain_text("Where the gaps are, by ward")
    # The wards drawn here, shaded by one need's gap, with the same figures in the table after it.
    expect(page.locator("h2#map")).to_contain_text("Map: nothing within reach for")
    expect(page.get_by_role("img", name=re.compile("Map of the place's \\d+ wards"))).to_be_visible()
    rows = page.get_by_role("region", name=re.compile("Nothing within reach for .*, by ward")).locator("tbody tr")
    assert rows.count() > 10, rows.count()
    visitor.check("insight-unmet-need")
    # Counting services that cost little as within reach too: the page says so, and keeps the choice.
    page.get_by_label("Counted as within reach").select_option("300")
    page.get_by_role("button", name="Show").click()
    assert "low_cost=300" in page.url
    expect(page.locator("main")).to_contain_text("that is free or costing up to £3.00 a session")
    expect(page.get_by_label("Counted as within reach")).to_have_value("300")
    visitor.check("insight-unmet-need-low-cost")
    # A gap's own page follows it from what people said to the rounds opened from it and what they funded.
    first_gap = page.locator("main p", has_text="Follow a gap").get_by_role("link").first
    gap_name = first_gap.inner_text()
    first_gap.click()
    expect(page.locator("h1")).to_have_text(f"Gap: {gap_name}")
    expect(page.locator("main")).to_contain_text("What the funding became, and who went")
    visitor.check("insight-gap")
    page.go_back()
    # From a gap, a budget round starts with the gap's area and figures.
    page.get_by_role("link", name="Open a budget round for this").first.click()
    expect(page.locator("h1")).to_have_text("Open a budget round")
    assert " in " in page.get_by_label("Title").input_value()
    assert "people referred in" in page.get_by_label("What the round is for").input_value()
    visitor.check("budget-round-from-a-gap")


def test_a_commissioner_reads_who_takes_part_by_deprivation(visitor):
    page = visitor.page
    sign_in(page, "commissioner@alongside.example")
    page.get_by_role("link", name="Taking part", exact=True).click()
    expect(page.locator("h1")).to_have_text("Taking part")
    table = page.locator("table").first
    assert "Gave or received time in the time bank" in table.inner_text()
    assert "1 (most deprived)" in table.inner_text()
    visitor.check("insight-participation")


def test_anyone_reads_the_places_figures_in_summary(visitor):
    page = visitor.page
    page.goto(BASE_URL + "/")
    page.get_by_role("link", name="What it has done here, in figures").click()
    expect(page.locator("h1")).to_have_text("Alongside in figures")
    expect(page.locator("main")).to_contain_text("You see only counts, never a person.")
    referrals = page.locator("dt:text-is('Referrals') + dd").inner_text()
    assert referrals == "*" or (referrals.isdigit() and int(referrals) % 5 == 0), referrals
    went = page.locator("dt:text-is('Went to a community service at least once') + dd").inner_text()
    assert went.endswith(" of referrals"), went
    visitor.check("insight-summary")


def test_an_administrator_keeps_the_practice_list_and_a_commissioner_splits_by_practice(visitor):
    page = visitor.page
    sign_in(page, "admin@alongside.example")
    page.get_by_role("link", name="Insight", exact=True).first.click()
    page.locator("main").get_by_role("link", name="GP practices", exact=True).click()
    expect(page.locator("h1")).to_have_text("GP practices")
    expect(page.locator("table").first).to_contain_text("Castle View Surgery")
    visitor.check("insight-practices")

    # A mistyped code is named, and nothing is added. (Each width adds a practice of its own.)
    code = "A81001" if visitor.width > 600 else "A81002"
    page.get_by_label("Practice name").fill("Bay Surgery")
    page.get_by_label("Practice ODS code").fill("A8100")
    page.get_by_label("Primary care network", exact=True).fill("Bay PCN")
    page.get_by_label("Network ODS code").fill("U12345")
    page.get_by_role("button", name="Add the practice").click()
    expect(page.locator(".error-summary")).to_contain_text("is not a GP practice's ODS code")
    visitor.check("insight-practices-error")
    page.get_by_label("Practice ODS code").fill(code)
    page.get_by_role("button", name="Add the practice").click()
    expect(page.locator("h1")).to_have_text(f"Bay Surgery ({code})")
    expect(page.locator("main")).to_contain_text("No clinician is on this practice's list yet.")

    page.get_by_label("Add a clinician by their sign-in email").fill("clinician-2@alongside.example")
    page.get_by_role("button", name="Add the clinician").click()
    expect(page.locator("#clinicians + ul")).to_contain_text("Dr Anna Okafor")
    visitor.check("insight-practice")

    # The commissioner splits referrals by the practice that made them.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "commissioner@alongside.example")
    page.goto(BASE_URL + "/insight/referrals")
    page.get_by_label("Split by").select_option(label="Referring GP practice")
    page.get_by_role("button", name="Show").click()
    table = page.locator("table").first
    expect(table).to_contain_text("Castle View Surgery (Y90001)")
    expect(table).to_contain_text("Not referred by a practice on the list")
    visitor.check("insight-referrals-by-practice")
    page.get_by_label("Area").select_option(label="Castle and Quay PCN (demo) (primary care network)")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("main h2").first).to_contain_text("Castle and Quay PCN (demo) (primary care network)")


def test_a_clinician_reads_their_own_practices_figures(visitor):
    page = visitor.page
    sign_in(page, "clinician@alongside.example")
    page.get_by_role("link", name="Insight", exact=True).first.click()
    expect(page.locator("main")).to_contain_text("the referrals your own GP practice")
    page.locator("main").get_by_role("link", name="Referrals", exact=True).click()
    expect(page.locator("main")).to_contain_text("Your practice only.")
    visitor.check("insight-own-practice")


def test_a_commissioner_asks_for_proposals_on_a_gap_and_a_resident_answers(visitor):
    import datetime
    page = visitor.page
    sign_in(page, "commissioner@alongside.example")
    page.goto(BASE_URL + "/insight/unmet-need")
    page.locator("main p", has_text="Follow a gap").get_by_role("link").first.click()
    expect(page.locator("main h2", has_text="Calls for proposals from this gap")).to_be_visible()
    page.get_by_role("link", name="Ask the community for proposals on this gap").click()
    expect(page.locator("h1")).to_have_text("Ask the community for proposals")
    # Started from the gap's figures; the last day is left to choose, and leaving it is named.
    assert "people referred in" in page.get_by_label("What you are asking for, and why").input_value()
    page.get_by_role("button", name="Ask for proposals").click()
    expect(page.locator(".error-summary")).to_contain_text("Give the last day proposals are taken")
    visitor.check("proposal-call-errors")
    closes = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    page.get_by_label("Last day for proposals").fill(closes)
    page.get_by_role("button", name="Ask for proposals").click()
    expect(page.locator("main")).to_contain_text("The call is open.")
    expect(page.locator("main")).to_contain_text("Proposals taken until")
    call_url = page.url
    visitor.check("proposal-call")
    # The commissioner gives people longer: the words and day change, where and what it is about stay.
    page.get_by_role("link", name="Change this call").click()
    expect(page.locator("h1")).to_contain_text("Change")
    later = (datetime.date.today() + datetime.timedelta(days=45)).isoformat()
    page.get_by_label("Last day for proposals").fill(later)
    visitor.check("proposal-call-change")
    page.get_by_role("button", name="Save the call").click()
    expect(page.locator("main")).to_contain_text("The call is changed.")
    call_url = page.url
    # A resident finds it on the proposals page and answers it: the proposal takes the call's ward and category.
    page.context.clear_cookies()
    sign_in(page, "resident@alongside.example")
    page.goto(BASE_URL + "/proposals")
    expect(page.locator("main h2", has_text="The health system is asking")).to_be_visible()
    page.goto(call_url)
    page.get_by_role("link", name="Make a proposal in answer").click()
    expect(page.locator("main")).to_contain_text("In answer to the call")
    page.get_by_label("Title").fill("A tea after the walking group")
    page.get_by_label("What you propose and why").fill("Somewhere warm to talk after the walk.")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.locator("main")).to_contain_text("In answer to")
    visitor.check("proposal-in-answer-to-a-call")
    # The commissioner closes the call before its last day, after a question; the answer made stays.
    page.context.clear_cookies()
    sign_in(page, "commissioner@alongside.example")
    page.goto(call_url.split("?")[0])
    page.get_by_role("button", name="Close this call now").click()
    expect(page.locator("main")).to_contain_text("The 1 proposal made in answer stays")
    visitor.check("proposal-call-close-question")
    page.get_by_role("button", name="Yes, close the call").click()
    expect(page.locator("main")).to_contain_text("The call is closed")
    expect(page.locator("main")).to_contain_text("Closed early, on")
    expect(page.locator("main")).to_contain_text("1 proposal made in answer")
    expect(page.get_by_role("button", name="Close this call now")).to_have_count(0)
    visitor.check("proposal-call-closed")
