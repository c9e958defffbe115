"""In the browser: the lobby form's zone follows the country in a new or duplicated lobby,
unless the organiser typed one, and choosing a target fills the place from it."""

from datetime import datetime

from playwright.sync_api import expect


def log_in(page, live_server, password):
    page.goto(f"{live_server}/organise/login")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your campaigns")).to_be_visible()


def test_the_zone_of_a_duplicate_follows_the_country_until_typed(
    live_server, page, campaign, make_lobby, password
):
    slug = make_lobby(
        campaign, datetime(2031, 12, 16, 12, 0), zone="Europe/Paris", city="Paris", country="FR"
    )
    log_in(page, live_server, password)
    page.goto(f"{live_server}/organise/lobbies/{slug}/duplicate")
    zone, country = page.get_by_label("Time zone"), page.get_by_label("Country")
    expect(zone).to_have_value("")
    country.select_option("GB")
    expect(zone).to_have_value("Europe/London")
    country.select_option("DE")
    expect(zone).to_have_value("Europe/Berlin")
    country.select_option("US")
    expect(zone).to_have_value("")
    expect(zone).to_have_attribute("placeholder", "This country has several time zones: choose one")
    zone.fill("America/Chicago")
    country.select_option("CA")
    expect(zone).to_have_value("America/Chicago")  # typed: the organiser's own


def test_choosing_a_target_fills_the_place_and_the_zone(live_server, page, campaign, password):
    log_in(page, live_server, password)
    page.goto(f"{live_server}/organise/campaigns/{campaign.slug}/lobbies/new")
    page.get_by_label("Target").select_option(label="Embassy of Kazakhstan, London")
    expect(page.get_by_label("Address")).to_have_value("33 Thurloe Square")
    expect(page.get_by_label("Postcode")).to_have_value("SW7 2SD")
    expect(page.get_by_label("City")).to_have_value("London")
    expect(page.get_by_label("Country")).to_have_value("GB")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/London")


def test_editing_a_lobby_never_changes_its_zone_by_itself(
    live_server, page, campaign, lobby, password
):
    log_in(page, live_server, password)
    page.goto(f"{live_server}/organise/lobbies/{lobby}/edit")
    page.get_by_label("Country").select_option("DE")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/London")
