"""/calendar: a filter not given means "all" (no error on first load), and each filter given by
a link (?campaign=, ?country=, ?city=) gives the address of that feed, which holds only those
lobbies when a calendar (ical.js) reads it."""

import re
from html import unescape
from types import SimpleNamespace

import pytest

from organiser.accounts.models import Organiser
from organiser.extensions import db
from organiser.lobbies import services

SITE = "https://organiser.test"


@pytest.fixture
def two_campaigns(app, campaign, organiser, make_lobby):
    """The campaign's London and Berlin lobbies, and another campaign's Manchester lobby."""
    make_lobby(campaign, title="London lobby")
    make_lobby(campaign, title="Berlin lobby", city="Berlin", country="DE", zone="Europe/Berlin")
    with app.app_context():
        other = services.create_campaign(
            db.session.get(Organiser, organiser.id), name="Other", organisation_name="Other"
        )
        db.session.commit()
        other = SimpleNamespace(id=other.id, slug=other.slug)
    make_lobby(other, title="Manchester lobby", city="Manchester")
    return campaign.slug, other.slug


def address(page: str) -> str:
    """The feed address the page gives to copy."""
    return unescape(re.search(r'id="feed-url" type="text" readonly value="([^"]*)"', page)[1])


def summaries(client, read_ics, url: str) -> list[str]:
    """The titles of the events a calendar reads at that address."""
    response = client.get(url.removeprefix(SITE))
    assert response.status_code == 200
    return sorted(event["summary"] for event in read_ics(response.data)["events"])


def test_first_load_shows_every_lobby_and_no_error(client, two_campaigns):
    page = client.get("/calendar").get_data(as_text=True)
    assert "Not a valid choice" not in page
    assert address(page) == f"{SITE}/calendar.ics"


@pytest.mark.parametrize(
    ("query", "expected_query", "titles"),
    [
        ("campaign={c}", "campaign={c}", ["Berlin lobby", "London lobby"]),
        ("country=GB", "country=GB", ["London lobby", "Manchester lobby"]),
        ("country=gb", "country=GB", ["London lobby", "Manchester lobby"]),
        ("city=London", "city=London", ["London lobby"]),
        ("city=+london+", "city=London", ["London lobby"]),
        ("campaign={c}&country=DE", "campaign={c}&country=DE", ["Berlin lobby"]),
    ],
)
def test_each_filter_a_link_sets_gives_that_feed(
    client, read_ics, two_campaigns, query, expected_query, titles
):
    slug, _ = two_campaigns
    page = client.get("/calendar?" + query.format(c=slug)).get_data(as_text=True)
    assert "Not a valid choice" not in page
    feed = address(page)
    assert feed == f"{SITE}/calendar.ics?{expected_query.format(c=slug)}"
    assert f'href="webcal://organiser.test/calendar.ics?{expected_query.format(c=slug)}' in (
        page.replace("&amp;", "&")
    )
    assert summaries(client, read_ics, feed) == titles


def test_the_campaign_pages_link_gives_the_campaigns_feed(client, read_ics, two_campaigns):
    slug, _ = two_campaigns
    campaign_page = client.get(f"/campaigns/{slug}").get_data(as_text=True)
    link = re.search(r'href="([^"]*)">More ways to subscribe', campaign_page)[1]
    page = client.get(unescape(link)).get_data(as_text=True)
    assert "Not a valid choice" not in page
    assert address(page) == f"{SITE}/calendar.ics?campaign={slug}"
    assert f'<option selected value="{slug}">' in page
    assert summaries(client, read_ics, address(page)) == ["Berlin lobby", "London lobby"]


def test_an_unknown_choice_is_said_next_to_its_field(client, two_campaigns):
    page = client.get("/calendar?campaign=no-such-campaign&city=London").get_data(as_text=True)
    assert page.count("Not a valid choice") == 1
    assert address(page) == f"{SITE}/calendar.ics?city=London"
    long_city = client.get("/calendar?city=" + "x" * 5000)
    assert long_city.status_code == 200 and address(long_city.get_data(as_text=True)).endswith(
        "/calendar.ics"
    )
