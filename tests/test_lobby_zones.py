"""A lobby's time zone belongs to its country, or the organiser says it knowingly."""

import pytest
from sqlalchemy import func, select

from organiser.extensions import db
from organiser.lobbies.models import Lobby
from organiser.lobbies.places import zone_in_country, zones_of


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("Europe/Paris", "FR"),
        ("Europe/London", "GB"),
        ("Europe/Zurich", "LI"),  # zone1970.tab: Zurich's clocks are Liechtenstein's
        ("Europe/Vaduz", "LI"),  # zone.tab's own name for it
        ("Europe/Stockholm", "SE"),
        ("Europe/Belfast", "GB"),  # an old name (a link) of Europe/London
        ("America/Chicago", "US"),
        ("Asia/Almaty", "KZ"),
    ],
)
def test_zones_that_belong_to_the_country(zone, country):
    assert zone_in_country(zone, country)


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("Asia/Tokyo", "FR"),
        ("Europe/Paris", "GB"),
        ("America/New_York", "DE"),
        ("UTC", "GB"),
        ("Not/A_Zone", "FR"),
        ("Europe/Paris", "XX"),
    ],
)
def test_zones_that_do_not(zone, country):
    assert not zone_in_country(zone, country)


def test_zones_of_a_country():
    assert zones_of("FR") == ["Europe/Paris"]
    assert zones_of("LI") == ["Europe/Vaduz"]
    assert zones_of("SE") == ["Europe/Stockholm"]
    assert "America/New_York" in zones_of("US") and len(zones_of("US")) > 20
    assert zones_of("XX") == []


def lobby_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Lobby))


def test_a_zone_of_another_country_asks_for_confirmation(app, client, campaign, lobby_form):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    data = lobby_form(city="Paris", country="FR", address="1 rue X", timezone="Asia/Tokyo")
    response = client.submit(url, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Yes, this lobby uses Asia/Tokyo although it is in France" in page
    with app.app_context():
        assert lobby_count() == 0
    response = client.submit(url, {**data, "zone_confirmed": "Asia/Tokyo"})
    assert response.status_code == 302
    with app.app_context():
        lobby = db.session.scalar(select(Lobby))
        assert (lobby.timezone, lobby.country) == ("Asia/Tokyo", "FR")


def test_a_confirmation_for_another_zone_does_not_count(app, client, campaign, lobby_form):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    data = lobby_form(city="Paris", country="FR", timezone="Asia/Seoul")
    response = client.submit(url, {**data, "zone_confirmed": "Asia/Tokyo"})
    assert "Yes, this lobby uses Asia/Seoul although it is in France" in response.get_data(
        as_text=True
    )
    with app.app_context():
        assert lobby_count() == 0


def test_the_confirmation_is_not_offered_when_the_zone_fits(client, campaign, lobby_form):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    assert "although it is in" not in client.get(url).get_data(as_text=True)
    page = client.submit(url, lobby_form(title="")).get_data(as_text=True)
    assert "Please give the title." in page and "although it is in" not in page
    response = client.submit(url, lobby_form(city="Paris", country="FR", timezone="Europe/Paris"))
    assert response.status_code == 302


def test_editing_a_lobby_checks_the_zone_too(app, client, campaign, find_lobby, make_lobby):
    slug = make_lobby(campaign)  # London, Europe/London
    client.login("ada@example.org")
    edit = f"/organise/lobbies/{slug}/edit"
    data = {
        "title": "Emergency lobby",
        "venue": "Outside",
        "address": "33 Thurloe Square",
        "city": "London",
        "country": "GB",
        "timezone": "Europe/Paris",
        "date": "2031-12-16",
        "start_time": "12:00",
        "end_time": "13:00",
        "target_id": "0",
    }
    page = client.submit(edit, data).get_data(as_text=True)
    assert "Yes, this lobby uses Europe/Paris although it is in United Kingdom" in page
    with app.app_context():
        assert find_lobby(slug).timezone == "Europe/London"
    assert client.submit(edit, {**data, "zone_confirmed": "Europe/Paris"}).status_code == 302
    with app.app_context():
        assert find_lobby(slug).timezone == "Europe/Paris"
