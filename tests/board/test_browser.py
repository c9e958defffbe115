"""In Chromium: a coordinator's board follows a state set in another browser without a
reload, and fits a 360 px phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from organiser.board.states import record_state
from organiser.extensions import db


def test_a_delivery_set_elsewhere_shows_on_the_board_within_seconds(
    live_server, page, browser, day, co_organiser, log_in
):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, "ada@example.org")
    page.goto(live_server + day.board)
    berlin = page.locator(f"#lobby-{day.berlin}")
    expect(berlin).to_contain_text("Planned")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.evaluate("window.notReloaded = true")

    other = browser.new_context(locale="en-GB", timezone_id="Asia/Tokyo")
    try:
        tab = other.new_page()
        log_in(tab, co_organiser.email)
        tab.goto(live_server + day.board)
        card = tab.locator(f"#lobby-{day.berlin}")
        card.get_by_text("Change the state").click()
        card.get_by_label("State").select_option(label="Letter delivered")
        card.get_by_label("Note").fill("Accepted by the Deputy Ambassador")
        card.get_by_role("button", name="Set").click()
        expect(tab.locator(f"#lobby-{day.berlin}")).to_contain_text("Letter delivered")
    finally:
        other.close()

    expect(berlin).to_contain_text("Letter delivered", timeout=10_000)
    expect(berlin).to_contain_text("Cy Coordinator (organiser)")
    expect(berlin).to_contain_text("Accepted by the Deputy Ambassador")
    assert page.evaluate("window.notReloaded === true")  # replaced in place, no reload
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_note_being_typed_is_not_wiped_by_the_refresh(
    live_server, page, day, log_in, app, find_lobby
):
    log_in(page, "ada@example.org")
    page.goto(live_server + day.board)
    page.locator(f"#lobby-{day.london}").get_by_text("Change the state").click()
    note = page.locator(f"#lobby-{day.london}").get_by_label("Note")
    note.fill("Half a sentence")
    with app.app_context():
        record_state(find_lobby(day.berlin), "under_way", by="Bo (host)")
        db.session.commit()
    # The board holds the new state back while a form is being filled in...
    expect(page.locator("#board-status")).to_have_attribute("data-pending", "yes", timeout=10_000)
    expect(note).to_have_value("Half a sentence")
    # ... and shows it once the form is left alone.
    note.fill("")
    page.locator("h1").click()
    expect(page.locator(f"#lobby-{day.berlin}")).to_contain_text("Under way", timeout=10_000)


def violations(page) -> list[str]:
    """axe's violations on the page, one line each: rule, impact, the first element."""
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}" for v in found]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_board_and_the_delivery_form_fit_the_screen_and_pass_axe(
    live_server, page, day, log_in, width, stamped_copy_jpeg
):
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, "ada@example.org")
    page.goto(f"{live_server}/organise/lobbies/{day.berlin}/delivery")
    page.get_by_label("Received by").fill("the Deputy Ambassador")
    page.get_by_role("button", name="Record delivery").click()  # the lobby's own time: ahead
    expect(page.locator("#date-errors")).to_contain_text("later than the time at the venue")
    fits(page)
    assert violations(page) == []
    yesterday = page.evaluate("new Date(Date.now() - 86400000).toISOString().slice(0, 10)")
    page.get_by_label("Date").fill(yesterday)
    page.get_by_label("Photo of the stamped copy").set_input_files(
        files=[{"name": "copy.jpg", "mimeType": "image/jpeg", "buffer": stamped_copy_jpeg}]
    )
    page.get_by_role("button", name="Record delivery").click()
    expect(page.get_by_role("img", name="The stamped copy of the letter")).to_be_visible()
    fits(page)
    assert violations(page) == []
    page.goto(live_server + day.board)
    berlin = page.locator(f"#lobby-{day.berlin}")
    expect(berlin).to_contain_text("Letter delivered")
    berlin.get_by_text("History").click()
    expect(berlin.locator(".board-trail li")).to_have_count(1)
    fits(page)
    assert violations(page) == []


def fits(page) -> None:
    """No sideways scroll at the page's width."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
