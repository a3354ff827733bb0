"""A newcomer's story: finds Alongside, registers with a Lancaster postcode, signs out and in again, looks
at who has seen their record and downloads their data."""
import json
import re
import time

from conftest import BASE_URL, LANDING, emailed_link


def test_a_newcomer_registers_and_looks_after_their_own_data(visitor):
    page = visitor.page
    email = f"newcomer-{visitor.width}-{int(time.time() * 1000)}@example.org"

    visitor.go("/", "home")
    assert page.locator("h1").inner_text().startswith("Alongside")

    page.get_by_role("link", name="Create an account").first.click()
    visitor.check("register")

    # A slip first: the error summary names the field, and nothing is saved.
    page.get_by_label("First name").fill("Morag")
    page.get_by_label("Last name").fill("Airey")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Postcode").fill("ZZ9 9ZZ")
    page.get_by_label("Create a password").fill("heron quay lantern")
    page.get_by_role("button", name="Create account").click()
    visitor.check("register-error")
    summary = page.locator(".error-summary")
    assert "We do not know the postcode ZZ9 9ZZ" in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "postcode"

    page.get_by_label("Postcode").fill("la1 1aa")
    page.get_by_label("Create a password").fill("heron quay lantern")
    page.get_by_role("button", name="Create account").click()
    # The same page whether or not the address had an account: the email says which.
    assert page.locator("h1").inner_text() == "Check your email"
    visitor.check("check-your-email")
    visitor.go(emailed_link(email, "/register/confirm"), "finish-creating-account")
    page.get_by_role("button", name="Create my account").click()
    visitor.check("my-account")
    assert page.locator("h1").inner_text() == "My account"
    assert "LA1 1AA" in page.content()
    assert "Signed in as Morag Airey" in page.content()

    page.get_by_role("button", name="Sign out").click()
    visitor.check("signed-out")
    assert "You have signed out." in page.content()

    page.get_by_role("link", name="Sign in").first.click()
    visitor.check("sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("heron quay lantern")
    page.get_by_role("button", name="Sign in").click()
    # A resident with no referral yet lands on the home page, with the things they might come for.
    assert page.locator("h1").inner_text() == "Hello, Morag Airey"
    visitor.check("home-signed-in")
    for task in ["Find support", "Ask for a link worker", "My plan"]:
        assert page.locator("main").get_by_role("link", name=task).count() == 1, task

    page.get_by_role("link", name="Who has seen my record").first.click()
    visitor.check("who-has-seen-my-record")
    table = page.locator("table").inner_text()
    assert "created your account" in table
    assert "looked at your own record" in table

    page.get_by_role("link", name="My account").first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data").click()
    download = download_info.value
    data = json.loads(open(download.path()).read())
    assert data["person"]["given_name"] == "Morag"
    assert data["person"]["postcode"] == "LA1 1AA"
    assert data["account"]["email"] == email


def test_demo_sign_ins_are_listed_and_work_for_every_role(visitor):
    page = visitor.page
    visitor.go("/sign-in", "sign-in-demo")
    emails = re.findall(r"[a-z-]+@alongside\.example", page.locator("table").inner_text())
    assert len(emails) == 9  # one sign-in for each role
    page.get_by_label("Email address").fill("admin@alongside.example")
    page.get_by_label("Password").fill("alongside-demo")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == LANDING["admin@alongside.example"]
    visitor.go("/admin/users", "admin-users")
    visitor.go("/admin/audit", "admin-audit")


def test_pages_work_with_javascript_off(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(BASE_URL + "/sign-in")
    page.get_by_label("Email address").fill("resident@alongside.example")
    page.get_by_label("Password").fill("alongside-demo")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == LANDING["resident@alongside.example"]
    context.close()


def test_an_unknown_page_is_a_helpful_404(visitor):
    response = visitor.page.goto(BASE_URL + "/no-such-page")
    assert response.status == 404
    visitor.check("not-found")
    assert visitor.page.locator("h1").inner_text() == "Page not found"
