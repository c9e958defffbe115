"""The campaign's day-of-action page and the home page: lobbies under the local date at their
venue, in the order of each venue's wall clock, narrowed by country or city with plain links."""

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from organiser.extensions import db
from organiser.lobbies import services
from organiser.lobbies.day_list import campaign_list
from organiser.lobbies.listing import Place
from organiser.lobbies.models import Lobby


@pytest.fixture
def day_of_action(campaign, make_lobby):
    """Four lobbies of one UTC day, 16 December 2031: London 12:00 GMT (12:00 UTC), Berlin
    12:30 CET (11:30 UTC), Sydney 23:00 AEDT (12:00 UTC, still the 16th there) and Sydney
    09:00 AEDT on the 17th (22:00 UTC on the 16th)."""
    berlin = dict(city="Berlin", country="DE", venue="Nordsternstraße 2")
    sydney = dict(city="Sydney", country="AU", venue="Town Hall steps")
    make_lobby(
        campaign, datetime(2031, 12, 16, 12), title="London lobby", target_id=campaign.target_id
    )
    make_lobby(campaign, datetime(2031, 12, 16, 12, 30), "Europe/Berlin", title="Berlin", **berlin)
    make_lobby(
        campaign, datetime(2031, 12, 16, 23), "Australia/Sydney", title="Sydney late", **sydney
    )
    make_lobby(
        campaign, datetime(2031, 12, 17, 9), "Australia/Sydney", title="Sydney morning", **sydney
    )
    return campaign


def days_of(page: str) -> list[tuple[str, list[str]]]:
    """Each day's heading and its lobbies' titles, in page order."""
    days = []
    for section in page.split('<section class="lobby-day"')[1:]:
        heading = re.search(r"<time[^>]*>([^<]+)</time>", section).group(1)
        days.append((heading, re.findall(r'class="title"[^>]*>([^<]+)<', section)))
    return days


def test_campaign_page_groups_by_local_date_in_wall_clock_order(client, day_of_action):
    page = client.get(f"/campaigns/{day_of_action.slug}").get_data(as_text=True)
    assert days_of(page) == [
        ("Tuesday 16 December 2031", ["London lobby", "Berlin", "Sydney late"]),
        ("Wednesday 17 December 2031", ["Sydney morning"]),
    ]
    london = page.split('class="title"')[1]
    for shown in ("12:00 GMT", "London", "Outside the embassy", "Embassy of Kazakhstan"):
        assert shown in london.split("</li>")[0], shown
    assert "12:30 CET" in page and "23:00 AEDT" in page and "09:00 AEDT" in page
    assert "Nordsternstraße 2" in page and "Town Hall steps" in page


def test_home_page_groups_by_local_date_in_wall_clock_order_with_the_venue(client, day_of_action):
    page = client.get("/").get_data(as_text=True)
    assert days_of(page) == [
        ("Tuesday 16 December 2031", ["London lobby", "Berlin", "Sydney late"]),
        ("Wednesday 17 December 2031", ["Sydney morning"]),
    ]
    assert "Nordsternstraße 2" in page and "Town Hall steps" in page


@pytest.mark.parametrize("base", ["/", "/campaigns/{slug}"])
def test_plain_links_narrow_the_list_to_a_country_or_a_city(client, day_of_action, base):
    url = base.format(slug=day_of_action.slug)
    page = client.get(url).get_data(as_text=True)
    assert f'href="{url}?country=DE"' in page and f'href="{url}?city=Sydney"' in page
    german = client.get(url + "?country=DE").get_data(as_text=True)
    assert days_of(german) == [("Tuesday 16 December 2031", ["Berlin"])]
    assert f'href="{url}"' in german  # back to every place
    in_sydney = client.get(url + "?city=sydney").get_data(as_text=True)
    assert [titles for _, titles in days_of(in_sydney)] == [["Sydney late"], ["Sydney morning"]]
    both = client.get(url + "?country=GB&city=London").get_data(as_text=True)
    assert days_of(both) == [("Tuesday 16 December 2031", ["London lobby"])]


@pytest.mark.parametrize("base", ["/", "/campaigns/{slug}"])
def test_a_place_without_lobbies_says_so_and_a_bad_one_is_404(client, day_of_action, base):
    url = base.format(slug=day_of_action.slug)
    france = client.get(url + "?country=FR")
    assert france.status_code == 200
    assert days_of(france.get_data(as_text=True)) == []
    assert "No lobbies in France." in france.get_data(as_text=True)
    nowhere = client.get(url + "?city=Atlantis").get_data(as_text=True)
    assert days_of(nowhere) == [] and "No lobbies in Atlantis." in nowhere
    for bad in ("?country=XX", "?country=GBR", "?city=" + "x" * 101):
        assert client.get(url + bad).status_code == 404, bad


def test_cancelled_and_past_lobbies_are_marked_on_the_campaign_page(
    app, client, campaign, make_lobby, find_lobby
):
    make_lobby(campaign, datetime(2012, 3, 23, 12), title="Blood on your hands")
    slug = make_lobby(campaign, datetime.now() + timedelta(days=9), title="Called off")
    with app.app_context():
        services.cancel_lobby(find_lobby(slug), "Snow")
        db.session.commit()
    page = client.get(f"/campaigns/{campaign.slug}").get_data(as_text=True)
    upcoming, past = page.split("<h2>Past lobbies</h2>")
    assert "Called off" in upcoming and "Cancelled" in upcoming.split("Called off")[0][-300:]
    assert "Blood on your hands" in past and ">Past<" in past
    assert "Friday 23 March 2012" in past


def test_the_campaign_page_keeps_its_panels_and_holds_the_map(client, day_of_action):
    page = client.get(f"/campaigns/{day_of_action.slug}").get_data(as_text=True)
    assert "Follow this campaign in your calendar" in page  # the feeds' panel
    assert f'data-geojson="/campaigns/{day_of_action.slug}/lobbies.geojson"' in page
    assert "vendor/leaflet-1.9.4/leaflet.js" in page and "map.js" in page
    assert "<script>" not in page  # no inline script: the CSP forbids it


def test_the_kept_list_follows_every_change_and_the_clock(app, client, campaign, make_lobby):
    slug = make_lobby(campaign, datetime(2031, 12, 16, 12), title="Before")
    url = f"/campaigns/{campaign.slug}"
    assert "Before" in client.get(url).get_data(as_text=True)
    with app.app_context():
        lobby = db.session.scalar(select(Lobby).where(Lobby.slug == slug))
        services.update_lobby(lobby, ["Free them"], title="After")
        db.session.commit()
    assert "After" in client.get(url).get_data(as_text=True)
    with app.test_request_context(url):
        ends = db.session.scalar(select(Lobby.ends_at).where(Lobby.slug == slug))
        before_end = campaign_list(campaign.id, Place(), ends - timedelta(seconds=1))
        after_end = campaign_list(campaign.id, Place(), ends + timedelta(seconds=1))
    assert "After" in before_end.split("<h2>Past lobbies</h2>")[0]
    assert "After" in after_end.split("<h2>Past lobbies</h2>")[1]
