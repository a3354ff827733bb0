"""A resident looks for a walking group near home, narrows it to Tuesdays and free, and opens one."""
from conftest import BASE_URL


def test_a_resident_finds_a_free_tuesday_walk_near_home(visitor):
    page = visitor.page
    visitor.go("/", "home")
    page.get_by_role("link", name="Find support").first.click()
    visitor.check("search-empty")

    page.get_by_label("What are you looking for?").fill("walking")
    page.get_by_label("Near postcode").fill("LA4 4AA")
    page.get_by_label("Within").select_option("5")
    page.get_by_role("button", name="Search").click()
    visitor.check("search-results")
    everything = int(page.locator("#results-title").inner_text().split()[0])
    assert everything > 0
    assert page.locator("svg.map title").first.text_content().startswith("Map of")
    # Not a grey box with dots: the wards drawn from the postcodes, and the towns in view named.
    assert "Lines mark wards" in page.locator("svg.map title").first.text_content()
    assert "Morecambe" in page.locator("svg.map text").all_text_contents()

    page.locator("details.more-filters summary").click()
    page.get_by_label("Day", exact=True).select_option("TU")
    page.get_by_label("Free only").check()
    page.get_by_role("button", name="Search").click()
    visitor.check("search-narrowed")
    narrowed = int(page.locator("#results-title").inner_text().split()[0])
    assert 0 < narrowed < everything
    for item in page.locator(".result-list li").all():
        text = item.inner_text()
        assert "Tuesday" in text or "Weekdays" in text or "Every day" in text
        assert "Free" in text

    page.locator(".result-list a").first.click()
    visitor.check("service")
    assert "Who it is for" in page.content()
    assert "Last checked on" in page.content()


def test_a_search_that_finds_nothing_offers_a_way_out(visitor):
    page = visitor.page
    visitor.go("/services?q=zumba&postcode=LA4+4AA&distance=1", "search-nothing")
    assert "Nothing matched" in page.content()
    page.get_by_role("link", name="Search again without the words").click()
    assert int(page.locator("#results-title").inner_text().split()[0]) > 0


def test_an_unknown_postcode_is_named_in_the_error_summary(visitor):
    page = visitor.page
    visitor.go("/services?q=choir&postcode=ZZ9+9ZZ", "search-error")
    assert "We do not know the postcode ZZ9 9ZZ" in page.locator(".error-summary").inner_text()
