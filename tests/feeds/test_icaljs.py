"""The feeds as Thunderbird and Nextcloud read them (ical.js, zones from the feed only)."""

from datetime import UTC, datetime, timedelta

from organiser.feeds.ical import clean_text, location_text
from organiser.lobbies.places import country_name


def utc(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_every_lobby_once_at_its_local_time_across_daylight_saving(
    app, client, campaign, read_ics, all_lobbies, assert_wire_format, make_lobby
):
    year = datetime.now(UTC).year + 1
    make_lobby(campaign, datetime(year, 6, 15, 12, 0), "Europe/London", title="London June")
    make_lobby(
        campaign,
        datetime(year, 12, 10, 18, 30),
        "Europe/Berlin",
        title="Berlin December",
        city="Berlin",
        country="DE",
        latitude=52.4829,
        longitude=13.2653,
    )
    make_lobby(campaign, datetime(2039, 6, 20, 9, 15), "Europe/London", title="In 2039")
    make_lobby(
        campaign,
        datetime(year, 3, 28, 10, 0),
        "America/New_York",
        title="New York",
        city="NYC",
    )
    recent = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=200)
    make_lobby(campaign, recent, "Asia/Almaty", title="Past months", city="Almaty")
    old = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=400)
    make_lobby(campaign, old, "Europe/London", title="Too old for the feed")

    response = client.get("/calendar.ics")
    assert response.status_code == 200
    assert_wire_format(response.data)
    calendar = read_ics(response.data)

    lobbies = [lobby for lobby in all_lobbies() if lobby.title != "Too old for the feed"]
    events = {event["uid"]: event for event in calendar["events"]}
    assert len(calendar["events"]) == len(events) == len(lobbies) == 5
    assert sorted(calendar["zones"]) == sorted({lobby.timezone for lobby in lobbies})
    for lobby in lobbies:
        event = events[lobby.uid]
        for key, instant in (("dtstart", lobby.starts_at), ("dtend", lobby.ends_at)):
            local = instant.astimezone(lobby.zone).strftime("%Y-%m-%dT%H:%M:%S")
            assert event[key] == {
                "local": local,
                "tzid": lobby.timezone,
                "zone": lobby.timezone,
                "utc": utc(instant),
            }
        assert event["summary"] == lobby.title
        assert event["status"] == "CONFIRMED"
        assert event["sequence"] == lobby.sequence == 0
        assert event["url"] == f"https://organiser.test/lobbies/{lobby.slug}"
        assert event["categories"] == ["Campaign Kazakhstan"]
        assert event["location"] == location_text(lobby, country_name)
        assert "1. " + clean_text(lobby.demands[0].text) in event["description"]
        assert event["url"] in event["description"]
        assert event["geo"] == (
            [lobby.latitude, lobby.longitude] if lobby.latitude is not None else None
        )
    by_title = {event["summary"]: event for event in calendar["events"]}
    # Summer time in London is UTC+1, winter time in Berlin is UTC+1, and in 2039 too.
    assert by_title["London June"]["dtstart"]["utc"] == f"{year}-06-15T11:00:00Z"
    assert by_title["Berlin December"]["dtstart"]["utc"] == f"{year}-12-10T17:30:00Z"
    assert by_title["In 2039"]["dtstart"]["utc"] == "2039-06-20T08:15:00Z"
    assert by_title["New York"]["dtstart"]["utc"] == f"{year}-03-28T14:00:00Z"
    assert by_title["Past months"]["dtstart"]["local"].endswith("T" + f"{recent:%H:%M:%S}")


def test_calendar_properties(client, campaign, app, read_ics, make_lobby):
    make_lobby(campaign)
    body = client.get("/calendar.ics").data
    text = body.decode()
    for line in (
        "PRODID:-//Organiser//Lobby calendar feeds//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:All lobbies",
        "X-WR-CALNAME:All lobbies",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ):
        assert f"\r\n{line}\r\n" in text
    calendar = read_ics(body)
    assert calendar["name"] == calendar["calname"] == "All lobbies"
    assert "X-WR-CALDESC:" in text
    # One value per RDATE: ical.js reads only the first of a list.
    assert all("," not in line for line in text.split("\r\n") if line.startswith("RDATE"))
    event = calendar["events"][0]
    assert {"dtstamp", "created", "last-modified", "uid", "sequence"} <= set(event["properties"])
    assert event["dtstamp"].endswith("Z")


def test_lobby_ics_is_the_same_event_as_in_the_feeds(app, client, campaign, read_ics, make_lobby):
    slug = make_lobby(campaign, title="One lobby")
    make_lobby(campaign, title="Another")
    feed = client.get("/calendar.ics").data
    single = client.get(f"/lobbies/{slug}.ics")
    assert single.status_code == 200
    assert single.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert single.headers["Content-Disposition"] == f'attachment; filename="{slug}.ics"'
    start = single.data.index(b"BEGIN:VEVENT")
    end = single.data.index(b"END:VEVENT\r\n") + len(b"END:VEVENT\r\n")
    vevent = single.data[start:end]
    assert single.data.count(b"BEGIN:VEVENT") == 1
    assert vevent in feed
    assert read_ics(single.data)["events"][0]["summary"] == "One lobby"
