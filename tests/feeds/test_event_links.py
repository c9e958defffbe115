"""The lobby page's Google Calendar and Outlook links add the event at the lobby's own UTC
start and end, written with four-digit years even for an instant a hand edit or older code
left far off (year 1 is 0001, never 1, which the calendars would read as another date)."""

import html
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest


@pytest.fixture
def calendar_links(client):
    """A function (slug): the lobby page's Google and Outlook links, their queries parsed."""

    def links(slug: str) -> dict[str, dict[str, list[str]]]:
        response = client.get(f"/lobbies/{slug}")
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        found = {}
        for name in ("google", "outlook", "office"):
            match = re.search(rf'id="lobby-{name}" href="([^"]+)"', page)
            assert match, f"no {name} link on the lobby page"
            found[name] = parse_qs(urlsplit(html.unescape(match.group(1))).query)
        return found

    return links


def test_an_ordinary_lobbys_links_hold_its_utc_start_and_end(
    client, campaign, make_lobby, calendar_links
):
    slug = make_lobby(campaign, datetime(2031, 6, 20, 12), title="Summer lobby")
    links = calendar_links(slug)
    assert links["google"]["dates"] == ["20310620T110000Z/20310620T120000Z"]  # BST is UTC+1
    assert links["google"]["ctz"] == ["Europe/London"]
    assert links["google"]["text"] == ["Summer lobby"]
    for name in ("outlook", "office"):
        assert links[name]["startdt"] == ["2031-06-20T11:00:00Z"]
        assert links[name]["enddt"] == ["2031-06-20T12:00:00Z"]


@pytest.mark.parametrize(
    ("starts_at", "length", "dates", "start", "end"),
    [
        pytest.param(
            datetime(1, 6, 1, 12, tzinfo=UTC),
            timedelta(hours=2),
            "00010601T120000Z/00010601T140000Z",
            "0001-06-01T12:00:00Z",
            "0001-06-01T14:00:00Z",
            id="year-1",
        ),
        pytest.param(
            datetime.min.replace(tzinfo=UTC),
            timedelta(hours=1),
            "00010101T000000Z/00010101T010000Z",
            "0001-01-01T00:00:00Z",
            "0001-01-01T01:00:00Z",
            id="first-instant",
        ),
        pytest.param(
            datetime(987, 3, 4, 5, 6, 7, tzinfo=UTC),
            timedelta(minutes=30),
            "09870304T050607Z/09870304T053607Z",
            "0987-03-04T05:06:07Z",
            "0987-03-04T05:36:07Z",
            id="year-987",
        ),
        pytest.param(
            datetime.max.replace(microsecond=0, tzinfo=UTC) - timedelta(hours=1),
            timedelta(hours=1),
            "99991231T225959Z/99991231T235959Z",
            "9999-12-31T22:59:59Z",
            "9999-12-31T23:59:59Z",
            id="last-instant",
        ),
    ],
)
@pytest.mark.parametrize("zone", ["Europe/London", "Pacific/Kiritimati", "Etc/GMT+12"])
def test_a_far_off_lobbys_links_hold_four_digit_years(
    client,
    campaign,
    make_lobby,
    store_times,
    calendar_links,
    zone,
    starts_at,
    length,
    dates,
    start,
    end,
):
    slug = make_lobby(campaign, zone=zone, title="Far-off lobby")
    store_times(slug, starts_at, starts_at + length)
    links = calendar_links(slug)
    assert links["google"]["dates"] == [dates]
    for name in ("outlook", "office"):
        assert links[name]["startdt"] == [start]
        assert links[name]["enddt"] == [end]
