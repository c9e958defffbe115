"""Duplicating a lobby to another city: the zone follows the new country, directions stay
behind, the form says what was copied; choosing a target fills the place from it."""

from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest

from organiser.extensions import db
from organiser.lobbies.models import Lobby


class _FormReader(HTMLParser):
    """What a browser would post from the page's form, before anyone types."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("checkbox", "radio", "submit"):
            self.values[name] = attrs.get("value") or ""
        elif tag == "select":
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = self.values[self._textarea].replace("\r\n", "\n")
            self.values[self._textarea] = text.removeprefix("\n")  # as browsers read it
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


@pytest.fixture
def form_values(client):
    """A function (url): the form's fields as the page fills them in, CSRF token included."""

    def read(url: str) -> dict[str, str]:
        response = client.get(url)
        assert response.status_code == 200, url
        reader = _FormReader()
        reader.feed(response.get_data(as_text=True))
        return reader.values

    return read


@pytest.fixture
def paris_lobby(campaign, make_lobby):
    """A lobby at noon on 16 December 2031 in Paris, with directions, demands and a target."""
    return make_lobby(
        campaign,
        datetime(2031, 12, 16, 12, 0),
        zone="Europe/Paris",
        title="Day of action",
        venue="Outside the embassy",
        address="59 rue Spontini",
        postcode="75116",
        city="Paris",
        country="FR",
        directions="Métro Rue de la Pompe",
        description="Bring banners.",
        target_id=campaign.target_id,
        demands=["Release all political prisoners!", "Drop the charges"],
    )


def test_the_duplicate_form_says_what_was_copied_and_what_was_not(client, form_values, paris_lobby):
    client.login("ada@example.org")
    url = f"/organise/lobbies/{paris_lobby}/duplicate"
    page = client.get(url).get_data(as_text=True)
    assert "Copied from the lobby in Paris: the target, the demands, the description" in page
    assert "the date and times" in page
    assert "Not copied: the address, city and country, the directions" in page
    assert "The time zone follows the country you choose" in page
    values = form_values(url)
    assert values["demands"] == "Release all political prisoners!\nDrop the charges"
    assert values["description"] == "Bring banners."
    assert values["start_time"] == "12:00" and values["date"] == "2031-12-16"
    assert values["target_id"] != "0"
    for blank in ("directions", "timezone", "address", "postcode", "city", "country"):
        assert values[blank] == "", blank


def test_a_paris_lobby_duplicated_to_london_is_in_london_time(
    app, client, form_values, paris_lobby, find_lobby
):
    client.login("ada@example.org")
    url = f"/organise/lobbies/{paris_lobby}/duplicate"
    values = form_values(url)
    values.update(city="London", country="GB", address="33 Thurloe Square", target_id="0")
    response = client.post(url, data=values)
    assert response.status_code == 302
    with app.app_context():
        copy = find_lobby("london-2031-12-16-day-of-action")
        original = find_lobby(paris_lobby)
        assert copy.timezone == "Europe/London"
        assert copy.directions == ""
        assert copy.description == "Bring banners."
        assert [d.text for d in copy.demands] == [d.text for d in original.demands]
        assert copy.starts_at - original.starts_at == timedelta(hours=1)  # noon GMT vs CET


def test_a_london_lobby_duplicated_to_berlin_starts_an_hour_earlier(
    app, client, campaign, form_values, make_lobby, find_lobby
):
    london = make_lobby(campaign, datetime(2031, 12, 16, 12, 30), title="Day of action")
    client.login("ada@example.org")
    url = f"/organise/lobbies/{london}/duplicate"
    values = form_values(url)
    values.update(city="Berlin", country="DE", address="Nordsternstraße 2")
    assert client.post(url, data=values).status_code == 302
    with app.app_context():
        berlin = find_lobby("berlin-2031-12-16-day-of-action")
        assert berlin.timezone == "Europe/Berlin"
        assert berlin.local_start.strftime("%H:%M") == "12:30"
        assert find_lobby(london).starts_at - berlin.starts_at == timedelta(hours=1)


def test_a_country_with_several_zones_makes_the_organiser_choose(
    app, client, form_values, paris_lobby, find_lobby
):
    client.login("ada@example.org")
    url = f"/organise/lobbies/{paris_lobby}/duplicate"
    values = form_values(url)
    values.update(city="New York", country="US", address="5th Avenue", target_id="0")
    page = client.post(url, data=values).get_data(as_text=True)
    assert "United States has several time zones: choose one." in page
    response = client.post(url, data={**values, "timezone": "America/New_York"})
    assert response.status_code == 302
    with app.app_context():
        copy = find_lobby("new-york-2031-12-16-day-of-action")
        assert copy.timezone == "America/New_York"
        assert copy.local_start.strftime("%H:%M") == "12:00"


def test_the_original_zone_typed_back_into_a_duplicate_asks_for_confirmation(
    app, client, form_values, paris_lobby
):
    client.login("ada@example.org")
    url = f"/organise/lobbies/{paris_lobby}/duplicate"
    values = form_values(url)
    values.update(city="London", country="GB", address="1 Road", timezone="Europe/Paris")
    page = client.post(url, data=values).get_data(as_text=True)
    assert "Yes, this lobby uses Europe/Paris although it is in United Kingdom" in page
    with app.app_context():
        assert len(db.session.scalars(db.select(Lobby)).all()) == 1


def test_choosing_a_target_with_the_place_left_blank_takes_the_targets_place(
    app, client, campaign, form_values, paris_lobby, find_lobby
):
    client.login("ada@example.org")
    url = f"/organise/lobbies/{paris_lobby}/duplicate"
    values = form_values(url)  # the target (the London embassy) is kept, the place is blank
    assert client.post(url, data=values).status_code == 302
    with app.app_context():
        copy = find_lobby("london-2031-12-16-day-of-action")
        assert (copy.address, copy.postcode, copy.city, copy.country) == (
            "33 Thurloe Square",
            "SW7 2SD",
            "London",
            "GB",
        )
        assert copy.timezone == "Europe/London"


def test_a_place_typed_in_is_kept_whatever_the_target(
    app, client, campaign, lobby_form, find_lobby
):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    assert client.submit(url, lobby_form(campaign.target_id)).status_code == 302
    with app.app_context():
        lobby = find_lobby("berlin-2031-12-16-day-of-action-berlin")
        assert (lobby.city, lobby.address) == ("Berlin", "Nordsternstraße 2")
    page = client.submit(url, lobby_form(campaign.target_id, address="", city="Bonn")).get_data(
        as_text=True
    )
    assert "Please give the address." in page


def test_the_form_carries_what_the_browser_needs_to_fill_place_and_zone(client, campaign, lobby):
    client.login("ada@example.org")
    new = client.get(f"/organise/campaigns/{campaign.slug}/lobbies/new").get_data(as_text=True)
    assert "data-target-places" in new and "33 Thurloe Square" in new
    assert "data-follow-country" in new
    edit = client.get(f"/organise/lobbies/{lobby}/edit").get_data(as_text=True)
    assert "data-follow-country" not in edit
    duplicate = client.get(f"/organise/lobbies/{lobby}/duplicate").get_data(as_text=True)
    assert "data-follow-country" in duplicate
