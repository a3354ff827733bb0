"""An organisation member changes a listing; an administrator approves it; the public page changes."""
import time

from conftest import BASE_URL, LANDING


def sign_in(visitor, email):
    page = visitor.page
    page.goto(BASE_URL + "/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("alongside-demo")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == LANDING[email]


def test_a_change_is_checked_then_goes_live(browser, visitor):
    page = visitor.page
    sign_in(visitor, "organisation@alongside.example")
    page.get_by_role("link", name="Your listings").first.click()
    visitor.check("your-listings")
    section = page.locator("section.panel").first
    first = section.locator("h2 a")
    old_name = first.inner_text()
    public_path = first.get_attribute("href")
    # Still correct, in one click.
    section.locator('form[action$="/still-correct"] button').click()
    assert "The listing is marked as checked today." in page.locator("main").inner_text()
    section = page.locator("section.panel", has=page.locator(f'h2 a[href="{public_path}"]'))
    section.get_by_role("link", name=f"Change {old_name}").click()
    visitor.check("change-listing")

    # A slip first: an empty name is named in the error summary.
    page.get_by_label("Name", exact=True).fill("")
    page.get_by_role("button", name="Send for checking").click()
    visitor.check("change-listing-error")
    assert "Enter the service" in page.locator(".error-summary").inner_text()

    new_name = f"Sunrise walk {visitor.width} {int(time.time())}"
    page.get_by_label("Name", exact=True).fill(new_name)
    page.get_by_role("button", name="Send for checking").click()
    assert "Sent for checking" in page.content()
    assert "is waiting for review" in page.locator("section.panel", has=page.locator(f'h2 a[href="{public_path}"]')).inner_text()
    page.goto(BASE_URL + public_path)
    assert page.locator("h1").inner_text() == old_name

    admin_context = browser.new_context(viewport={"width": visitor.width, "height": 900})
    admin = admin_context.new_page()
    admin.goto(BASE_URL + "/sign-in")
    admin.get_by_label("Email address").fill("admin@alongside.example")
    admin.get_by_label("Password").fill("alongside-demo")
    admin.get_by_role("button", name="Sign in").click()
    admin.get_by_role("link", name="Listing reviews").first.click()
    admin_visitor = type(visitor)(admin, "admin-review", visitor.width)
    admin_visitor.check("reviews")
    assert new_name in admin.content()
    admin.get_by_role("button", name=f"Approve {new_name}").click()
    assert "Approved. The change is live." in admin.content()
    admin_context.close()

    page.goto(BASE_URL + public_path)
    visitor.check("public-page-changed")
    assert page.locator("h1").inner_text() == new_name


def test_an_administrator_keeps_the_categories(visitor):
    page = visitor.page
    sign_in(visitor, "admin@alongside.example")
    page.get_by_role("link", name="Categories").first.click()
    visitor.check("categories")
    assert "Physical activity" in page.content()

    page.get_by_role("button", name="Add category").click()
    visitor.check("categories-error")
    assert "Enter the category" in page.locator(".error-summary").inner_text()

    name = f"Repair café {visitor.width} {int(time.time())}"
    page.get_by_label("Name").fill(name)
    page.get_by_label("Description").fill("Fix things together over a cup of tea.")
    page.get_by_role("button", name="Add category").click()
    assert "Category saved." in page.content()
    assert name in page.content()

    page.get_by_role("link", name="Change Volunteering").click()
    visitor.check("change-category")
    assert page.get_by_label("Name").input_value() == "Volunteering"
