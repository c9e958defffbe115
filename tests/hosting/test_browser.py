"""In Chromium, at a phone's width: a host proposes their city from the campaign page (the
pin dropped on the map), confirms by the email's button, the organiser approves, and the host
marks the letter delivered from their private link. Every page visited is checked at 360 and
1280 px by the `page` fixture."""

from playwright.sync_api import expect


def test_a_host_adds_their_city_from_a_phone(
    app, live_server, page, open_campaign, organiser, password, smtp, mail_links
):
    app.config["MAP_TILE_URL"] = ""  # no tiles fetched: no network needed
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server}/campaigns/{open_campaign.slug}")
    page.get_by_role("button", name="Host a lobby in your city").click()
    page.get_by_label("Your name").fill("Lina Host")
    page.get_by_label("Your email").fill("lina@example.org")
    page.get_by_label("Venue").fill("Outside the Telia shop")
    page.get_by_label("Address").fill("Storgatan 51")
    page.get_by_label("City").fill("Luleå")
    page.get_by_label("Country").select_option("SE")
    pin_map = page.locator("#pin-map")
    expect(pin_map).to_be_visible()
    pin_map.click(position={"x": 120, "y": 90})
    expect(page.get_by_label("Latitude")).not_to_have_value("")
    page.get_by_label("Date", exact=True).fill("2031-12-16")
    page.get_by_label("Starts at (local time)").fill("12:00")
    page.get_by_label("Ends at (local time)").fill("13:00")
    page.get_by_role("button", name="Propose my lobby").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    page.goto(live_server + mail_links(smtp.wait_for(1)[0]).confirm)
    page.get_by_role("button", name="Confirm my email").click()
    expect(page.get_by_role("heading", name="Email confirmed")).to_be_visible()

    page.goto(f"{live_server}/organise/login")
    page.get_by_label("Email").fill(organiser.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/organise/campaigns/{open_campaign.slug}")
    page.get_by_role("link", name="1 proposal waiting").click()
    page.get_by_role("button", name="Review and approve").click()
    expect(page.get_by_label("Venue")).to_have_value("Outside the Telia shop")
    page.get_by_role("button", name="Save lobby").click()
    expect(page.get_by_role("heading", name="Campaign Kazakhstan: Luleå")).to_be_visible()

    page.goto(live_server + mail_links(smtp.wait_for(2)[1]).host)
    expect(page.get_by_role("heading", name="Your lobby in Luleå")).to_be_visible()
    page.get_by_label("State").select_option("delivered")
    page.get_by_label("Note").fill("Accepted by the shop manager")
    page.get_by_role("button", name="Update the lobby's state").click()
    expect(page.get_by_text("Your lobby is now: Letter delivered.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
