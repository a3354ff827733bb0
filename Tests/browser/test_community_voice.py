"""A resident writes a proposal, supports a neighbour's and reads an answer that came; a commissioner finds the
answers that are late and is asked for what an answer needs — axe-clean on every page, at desktop and phone widths."""
import time

from playwright.sync_api import expect

from conftest import BASE_URL
from test_social_prescribing import other, sign_in


def test_a_resident_proposes_supports_and_reads_the_answer(visitor, browser):
    page = visitor.page
    stamp = f"{visitor.width}x{int(time.time())}"
    sign_in(page, "resident@alongside.example")
    page.get_by_role("link", name="Proposals").first.click()
    visitor.check("proposals")
    assert "Benches along Morecambe promenade" in page.locator("main").inner_text()
    # Still gathering supporters: not listed.
    assert "A men's shed in Skerton" not in page.locator("main").inner_text()

    page.get_by_role("link", name="Write a proposal").click()
    visitor.check("proposal-form")
    page.get_by_role("button", name="Send the proposal").click()
    visitor.check("proposal-form-errors")
    summary = page.locator(".error-summary").inner_text()
    for message in ["Enter a title", "Enter what you propose and why", "Choose a ward, or the whole place", "Choose what the proposal is about"]:
        assert message in summary, summary
    page.get_by_label("Title").fill(f"Seated exercise in Morecambe library {stamp}")
    page.get_by_label("What you propose and why").fill("A weekly chair-based class for people who cannot stand for long.\nFree, and near the bus stops.")
    page.get_by_label("Where").select_option(label="The whole place")
    page.get_by_label("What it is about").select_option(label="Physical activity")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.locator("main")).to_contain_text("Your proposal is saved.")
    expect(page.locator("main")).to_contain_text("Gathering supporters")
    visitor.check("proposal-written")

    # A neighbour's proposal: supported, then the support taken back.
    page.get_by_role("link", name="Proposals").first.click()
    page.get_by_role("link", name="A bus from the villages to Carnforth health centre").click()
    visitor.check("proposal-published")
    before = int(page.locator("#support").inner_text().split(" supporter")[0].split()[-1])
    page.get_by_role("button", name="Support this proposal").click()
    expect(page.locator("main")).to_contain_text("You support this proposal.")
    assert f"{before + 1} supporters" in page.locator("#support").inner_text()
    visitor.check("proposal-supported")
    page.get_by_role("button", name="Take my support back").click()
    expect(page.locator("main")).to_contain_text("Your support is taken back.")
    assert f"{before} supporters" in page.locator("#support").inner_text()

    # An answer that came.
    page.get_by_role("link", name="Proposals").first.click()
    page.get_by_role("link", name="Walking netball for over-60s in Heysham").click()
    expect(page.locator("main")).to_contain_text("Accepted")
    visitor.check("proposal-answered")

    # The commissioner finds the late answers and is asked for what an answer needs.
    context, commissioner_page, commissioner = other(browser, visitor, "commissioner-voice")
    sign_in(commissioner_page, "commissioner@alongside.example")
    commissioner.go("/proposals/answers-overdue", "answers-overdue")
    commissioner_page.get_by_role("link", name="A warm space in Ryelands through the winter").click()
    expect(commissioner_page.locator("main")).to_contain_text("Answer overdue")
    commissioner.check("proposal-to-answer")
    commissioner_page.get_by_label("Not taken forward").check()
    commissioner_page.get_by_role("button", name="Send the answer").click()
    assert "Give the reasons it is not taken forward" in commissioner_page.locator(".error-summary").inner_text()
    commissioner.check("proposal-answer-error")
    context.close()


def test_a_resident_votes_in_the_open_budget_round_and_sees_the_finished_one_counted(visitor):
    page = visitor.page
    sign_in(page, "resident@alongside.example")
    page.get_by_role("link", name="Community budgets").first.click()
    visitor.check("budgets")
    page.get_by_role("link", name="Morecambe Bay small grants 2027").click()
    expect(page.locator("main")).to_contain_text("Voting is open until")
    expect(page.locator("main")).to_contain_text("Equal shares, then the rest by votes")
    visitor.check("budget-round-voting")
    ballot = page.locator("#ballot")
    projects = ["1. Chair yoga at the library: £2,400.00", "2. Bus trips for isolated older people: £3,600.00",
                "3. Dementia-friendly café: £3,000.00", "4. Beach clean and picnic days: £1,500.00",
                "5. Cooking on a budget course: £2,800.00"]
    # Over the budget: refused, naming what is wrong, and the choices kept for the person to change.
    for label in projects:
        ballot.get_by_label(label, exact=True).check()
    ballot.get_by_role("button").click()
    summary = page.locator(".error-summary").inner_text()
    assert "more than the £8,000.00 to spend" in summary, summary
    visitor.check("budget-ballot-error")
    ballot = page.locator("#ballot")
    for label in projects[1:]:
        ballot.get_by_label(label, exact=True).uncheck()
    ballot.get_by_label(projects[3], exact=True).check()
    ballot.get_by_role("button").click()
    expect(page.locator("main")).to_contain_text("Your ballot is saved.")
    expect(page.locator("#ballot")).to_contain_text("Chair yoga at the library")
    expect(page.locator("#ballot")).to_contain_text("Beach clean and picnic days")
    visitor.check("budget-ballot-saved")

    # The finished round: the results with the numbers and why, and the resident's ballot counted.
    page.get_by_role("link", name="Community budgets").first.click()
    page.get_by_role("link", name="Healthy Lancaster fund 2026").click()
    page.get_by_role("link", name="See the results").click()
    expect(page.locator("main")).to_contain_text("Your ballot was counted")
    expect(page.locator("main")).to_contain_text("Funded")
    expect(page.locator("main")).to_contain_text("paid for it from their equal shares")
    visitor.check("budget-results")
    with page.expect_download() as download:
        page.get_by_role("link", name="the round's Pabulib file").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("META") and "vote_type;approval" in text


def test_a_voter_ranks_candidates_in_secret_and_reads_an_elected_panels_report_backs(visitor):
    page = visitor.page
    sign_in(page, "resident@alongside.example")
    page.get_by_role("link", name="Panels").first.click()
    visitor.check("panels")
    page.get_by_role("link", name="Lancaster district health panel").click()
    expect(page.locator("main")).to_contain_text("Report-backs overdue")
    expect(page.locator("main")).to_contain_text("What I heard")
    visitor.check("panel")
    page.get_by_role("link", name="Voting").first.click()
    page.get_by_role("link", name="See the results").click()
    expect(page.locator("main")).to_contain_text("Every stage of the count")
    visitor.check("panel-results")

    page.get_by_role("link", name="Panels").first.click()
    page.get_by_role("link", name="Morecambe and Heysham health panel").click()
    page.get_by_role("link", name="Voting").first.click()
    visitor.check("election-voting")
    take_part = page.locator("#take-part")
    if "You have voted" in take_part.inner_text():
        return  # the other width's run voted already: a ballot is once each
    first = page.get_by_label("1st choice")
    names = [o for o in first.locator("option").all_inner_texts() if o != "No choice"]
    assert len(names) == 3, names
    # The same candidate twice is refused, naming them.
    first.select_option(label=names[0])
    page.get_by_label("2nd choice").select_option(label=names[0])
    page.get_by_role("button", name="Cast my secret ballot").click()
    assert f"{names[0]} is ranked twice" in page.locator(".error-summary").inner_text()
    visitor.check("election-ballot-error")
    page.get_by_label("2nd choice").select_option(label=names[2])
    page.get_by_role("button", name="Cast my secret ballot").click()
    expect(page.locator("main")).to_contain_text("Your ballot is in the ballot box.")
    expect(page.locator("#take-part")).to_contain_text("You have voted")
    visitor.check("election-voted")


def test_anyone_follows_what_accepted_proposals_and_funded_projects_became(visitor):
    page = visitor.page
    page.goto(BASE_URL + "/proposals")
    page.get_by_role("link", name="Results: what accepted proposals became").click()
    expect(page.locator("main")).to_contain_text("% done")
    visitor.check("results")
    page.get_by_role("link", name="Walking netball for over-60s in Heysham").click()
    expect(page.locator("main")).to_contain_text("Late")
    expect(page.locator("main")).to_contain_text("an accepted proposal")
    visitor.check("result-late-milestone")
    page.get_by_role("link", name="Results").first.click()
    page.get_by_role("link", name="Healthy Lancaster fund 2026").click()
    expect(page.locator("main")).to_contain_text("weighted by its cost")
    visitor.check("result-round")


def test_anyone_reads_a_collaborative_pair_and_a_resident_comments_on_a_proposal(visitor):
    page = visitor.page
    page.goto(BASE_URL + "/pairs")
    visitor.check("pairs")
    page.get_by_role("link", name="Walk and talk for men in Morecambe").click()
    expect(page.locator("main")).to_contain_text("The resident's time so far")
    visitor.check("pair")
    sign_in(page, "resident@alongside.example")
    page.get_by_role("link", name="Proposals").first.click()
    page.get_by_role("link", name="A bus from the villages to Carnforth health centre").click()
    page.get_by_role("button", name="Publish the comment").click()
    assert "Enter your comment" in page.locator(".error-summary").inner_text()
    visitor.check("comment-error")
    page.get_by_label("Add a comment").fill(f"The 55 stops at six; clinics run to seven. ({visitor.width}px)")
    page.get_by_role("button", name="Publish the comment").click()
    expect(page.locator("main")).to_contain_text(f"({visitor.width}px)")
    visitor.check("commented")
