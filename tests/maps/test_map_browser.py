"""In Chromium: the campaign map draws a marker per lobby with coordinates (counted on the
page, not in the GeoJSON), the lobby form's pin fills the latitude and longitude, and the
pages fit a phone. No tiles are fetched: MAP_TILE_URL is blank here (no network needed)."""

from datetime import datetime

from playwright.sync_api import expect

WIDTHS = (360, 1280)


def fits(page, url: str) -> None:
    """The page at url scrolls no sideways at a phone's width and a desk's."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(url)
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, (url, width, scroll, inner)


def test_the_campaign_map_shows_a_marker_per_placed_lobby(
    app, live_server, page, campaign, make_lobby
):
    app.config["MAP_TILE_URL"] = ""
    places = [
        ("London", "GB", "Europe/London", 51.4946, -0.1717),
        ("Berlin", "DE", "Europe/Berlin", 52.4829, 13.2653),
        ("Sydney", "AU", "Australia/Sydney", -33.8731, 151.2065),
    ]
    for city, country, zone, lat, lng in places:
        make_lobby(
            campaign,
            datetime(2031, 12, 16, 12),
            zone,
            title=f"Lobby in {city}",
            city=city,
            country=country,
            latitude=lat,
            longitude=lng,
        )
    make_lobby(campaign, title="Not placed yet", city="Graz", country="AT", zone="Europe/Vienna")
    url = f"{live_server}/campaigns/{campaign.slug}"
    page.goto(url)
    markers = page.locator("#campaign-map .leaflet-marker-icon")
    expect(markers).to_have_count(3)
    page.locator(".leaflet-marker-icon[title='Lobby in Berlin']").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("12:00 CET")
    expect(popup.get_by_role("link", name="Lobby in Berlin")).to_be_visible()
    # Narrowed to a country, the map narrows with the list.
    page.goto(url + "?country=AU")
    expect(markers).to_have_count(1)
    expect(page.locator("#campaign-map .leaflet-marker-icon")).to_have_attribute(
        "title", "Lobby in Sydney"
    )
    for fitting in (url, url + "?city=Sydney", "/", "/?country=DE", "/calendar?country=AU"):
        fits(page, fitting if fitting.startswith("http") else live_server + fitting)


def test_without_placed_lobbies_there_is_no_empty_map(app, live_server, page, campaign, make_lobby):
    app.config["MAP_TILE_URL"] = ""
    make_lobby(campaign, title="Not placed yet")
    page.goto(f"{live_server}/campaigns/{campaign.slug}")
    expect(page.get_by_role("link", name="Not placed yet")).to_be_visible()
    expect(page.locator("#campaign-map")).to_be_hidden()


def test_the_pin_fills_latitude_and_longitude_and_follows_them(
    app, live_server, page, campaign, password
):
    app.config["MAP_TILE_URL"] = ""
    page.goto(f"{live_server}/organise/login")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your campaigns")).to_be_visible()
    form = f"{live_server}/organise/campaigns/{campaign.slug}/lobbies/new"
    page.goto(form)
    pin_map = page.locator("#pin-map")
    expect(pin_map).to_be_visible()
    latitude, longitude = page.get_by_label("Latitude"), page.get_by_label("Longitude")
    expect(latitude).to_have_value("")
    pin_map.click(position={"x": 120, "y": 90})
    expect(page.locator("#pin-map .leaflet-marker-icon")).to_have_count(1)
    lat, lng = float(latitude.input_value()), float(longitude.input_value())
    assert -90 <= lat <= 90 and -180 <= lng <= 180
    # Typed coordinates move the pin to the middle of the map.
    latitude.fill("52.4829")
    longitude.fill("13.2653")
    box = pin_map.bounding_box()
    middle = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
    page.wait_for_function(  # the icon's anchor (the pin's tip) is its bottom middle
        "([x, y]) => { const r = document.querySelector('#pin-map .leaflet-marker-icon')"
        ".getBoundingClientRect(); return Math.abs(r.x + r.width / 2 - x) < 3 &&"
        " Math.abs(r.bottom - y) < 3; }",
        arg=middle,
    )
    # Another click moves the one pin and fills the fields again.
    pin_map.click(position={"x": box["width"] - 60, "y": 60})  # clear of the zoom buttons
    expect(page.locator("#pin-map .leaflet-marker-icon")).to_have_count(1)
    expect(latitude).not_to_have_value("52.4829")
    fits(page, form)
