"""No stored time can break a page or a feed that lists it: a lobby whose row holds a far-off
instant (year 9999, year 1, the very first or last instant Python knows), in zones at both ends
of the offsets, still leaves every feed, page and organiser page answering, and calendar
clients read its event at the instant stored."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from organiser.extensions import db

EXTREMES = [
    pytest.param(datetime(9999, 6, 1, 12, tzinfo=UTC), timedelta(hours=2), id="year-9999"),
    pytest.param(
        datetime.max.replace(tzinfo=UTC) - timedelta(hours=1),
        timedelta(hours=1),
        id="last-instant",
    ),
    pytest.param(datetime(1, 6, 1, 12, tzinfo=UTC), timedelta(hours=2), id="year-1"),
    pytest.param(datetime.min.replace(tzinfo=UTC), timedelta(hours=1), id="first-instant"),
]
ZONES = ["Europe/London", "Pacific/Kiritimati", "Etc/GMT+12"]


def utc_text(instant: datetime) -> str:
    """An instant as read_feed.mjs prints it (whole seconds, as iCalendar keeps them)."""
    return f"{instant.year:04d}-{instant:%m-%dT%H:%M:%S}Z"


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(("starts_at", "length"), EXTREMES)
def test_a_far_off_lobby_breaks_no_page_or_feed(
    client, campaign, make_lobby, store_times, assert_wire_format, read_ics, zone, starts_at, length
):
    ordinary = make_lobby(campaign, title="Ordinary lobby")
    far = make_lobby(campaign, zone=zone, title="Far-off lobby", city="Faraway")
    ends_at = starts_at + length
    store_times(far, starts_at, ends_at)

    feeds = ["/calendar.ics", f"/campaigns/{campaign.slug}/calendar.ics", f"/lobbies/{far}.ics"]
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_wire_format(response.data)
        assert len(response.data) < 50_000, (url, len(response.data))
        events = {event["summary"]: event for event in read_ics(response.data)["events"]}
        if starts_at.year > 2000 or url.startswith("/lobbies/"):  # feeds skip the long past
            line = f"DTSTART:{starts_at.year:04d}{starts_at:%m%dT%H%M%S}Z\r\n"
            assert line.encode() in response.data, url
            if starts_at.year >= 100:  # JavaScript's Date.UTC reads years 0-99 as 1900-1999
                assert events["Far-off lobby"]["dtstart"]["utc"] == utc_text(starts_at), url
                assert events["Far-off lobby"]["dtend"]["utc"] == utc_text(ends_at), url
        if not url.startswith("/lobbies/"):
            assert events["Ordinary lobby"]["dtstart"]["tzid"] == "Europe/London"

    listing = "/" if starts_at.year > 2000 else "/past"
    assert "Far-off lobby" in client.get(listing).get_data(as_text=True)
    pages = ["/", "/past", f"/lobbies/{far}", f"/lobbies/{ordinary}", f"/campaigns/{campaign.slug}"]
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert str(starts_at.year) in client.get(f"/lobbies/{far}").get_data(as_text=True)

    client.login("ada@example.org")
    organise = [
        f"/organise/campaigns/{campaign.slug}",
        f"/organise/lobbies/{far}/edit",
        f"/organise/lobbies/{far}/duplicate",
        f"/organise/lobbies/{far}/cancel",
        f"/organise/lobbies/{far}/delivery",
    ]
    for url in organise:
        assert client.get(url).status_code == 200, url


def test_a_lobby_whose_zone_is_unknown_breaks_no_page_or_feed(
    app, client, campaign, make_lobby, find_lobby, read_ics
):
    far = make_lobby(campaign, title="Lost zone")
    with app.app_context():
        lobby = find_lobby(far)
        lobby.timezone, starts_at = "Mars/Olympus_Mons", lobby.starts_at
        db.session.commit()
    for url in ["/calendar.ics", f"/campaigns/{campaign.slug}/calendar.ics", f"/lobbies/{far}.ics"]:
        response = client.get(url)
        assert response.status_code == 200, url
        (event,) = read_ics(response.data)["events"]
        assert event["dtstart"]["utc"] == utc_text(starts_at), url
    for url in ["/", f"/lobbies/{far}", f"/campaigns/{campaign.slug}"]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert f"{starts_at:%H:%M} UTC" in page.get_data(as_text=True), url
    client.login("ada@example.org")
    for url in [f"/organise/campaigns/{campaign.slug}", f"/organise/lobbies/{far}/delivery"]:
        assert client.get(url).status_code == 200, url


def test_the_last_instant_loads_whatever_the_database_session_zone(
    app, client, campaign, make_lobby, find_lobby, store_times
):
    """PostgreSQL writes a timestamp out in the session's time zone: east of UTC, the last
    hours of year 9999 come out in year 10000, which no Python datetime holds."""
    with app.app_context():
        engine = db.engine
        if engine.dialect.name != "postgresql":
            pytest.skip("a PostgreSQL session's time zone (set TEST_DATABASE_URL)")

        def east_of_utc(connection, _record):
            with connection.cursor() as cursor:
                cursor.execute("SET TIME ZONE 'Pacific/Kiritimati'")

        event.listen(engine, "connect", east_of_utc)
        engine.dispose()
    far = make_lobby(campaign, title="Far-off lobby")
    last = datetime.max.replace(tzinfo=UTC)
    store_times(far, last - timedelta(hours=1), last)
    for url in ["/calendar.ics", f"/lobbies/{far}.ics", "/", f"/lobbies/{far}"]:
        assert client.get(url).status_code == 200, url
    with app.app_context():
        assert find_lobby(far).ends_at == last
