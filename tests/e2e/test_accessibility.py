"""axe-core (the engine behind Lighthouse's accessibility audit) finds nothing on the main pages:
labels, headings, landmarks, contrast, names of links and buttons."""

import pytest
from axe_playwright_python.sync_playwright import Axe

PUBLIC_PAGES = ["/", "/past", "/organise/login", "/nope"]
ORGANISER_PAGES = ["/organise/", "/organise/campaigns/new"]


def violations(page) -> list[str]:
    """axe's violations on the page, one line each: rule, impact, the first element."""
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}" for v in found]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_pass_axe(live_server, page, path):
    page.goto(f"{live_server}{path}")
    assert violations(page) == []


def test_lobby_and_campaign_pages_pass_axe(app, live_server, page, campaign, make_lobby):
    slug = make_lobby(campaign, target_id=campaign.target_id, status="cancelled")
    for path in (f"/lobbies/{slug}", f"/campaigns/{campaign.slug}"):
        page.goto(f"{live_server}{path}")
        assert violations(page) == [], path


def test_organiser_pages_pass_axe_with_errors_shown(
    app, live_server, page, campaign, make_lobby, password
):
    slug = make_lobby(campaign)
    page.goto(f"{live_server}/organise/login")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    paths = [
        *ORGANISER_PAGES,
        f"/organise/campaigns/{campaign.slug}",
        f"/organise/lobbies/{slug}/edit",
        f"/organise/lobbies/{slug}/cancel",
    ]
    for path in paths:
        page.goto(f"{live_server}{path}")
        assert violations(page) == [], path
    page.goto(f"{live_server}/organise/campaigns/{campaign.slug}/lobbies/new")
    page.get_by_role("button", name="Save lobby").click()
    assert page.locator(".field-errors").count() >= 5
    assert violations(page) == []


def test_the_lobby_form_can_be_filled_with_the_keyboard_alone(
    app, live_server, page, campaign, password
):
    page.goto(f"{live_server}/organise/login")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.get_by_label("Email").focus()
    page.keyboard.type("ada@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/organise/")
