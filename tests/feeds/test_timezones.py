"""Time zones in the feeds, checked against zoneinfo: every VTIMEZONE onset as RFC 5545 defines
it (the local time before the change, in the offset in force before it) from 1970 to 2100, and
events around the changes (the hour after the clocks go forward, both occurrences of the hour
that happens twice) read by ical.js at the instant each lobby stands for."""

from bisect import bisect_right
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from icalendar import Component

from organiser.demo import ZONES as DEMO_ZONES
from organiser.feeds.ical import timezone_bytes

UNUSUAL_ZONES = [
    "Europe/London",  # the zone of the example
    "Europe/Dublin",  # summer time as standard time, winter as a negative one
    "Europe/Moscow",  # permanent summer time 2011-2014, then back
    "America/New_York",
    "America/Santiago",  # changes at midnight, southern hemisphere
    "America/Sao_Paulo",  # summer time abolished in 2019
    "America/Havana",  # changes at midnight (local 00:00 -> 01:00)
    "America/St_Johns",  # half-hour offset with summer time
    "America/Nuuk",  # changes at 01:00 UTC on a rule of its own
    "Asia/Almaty",  # moved from +06 to +05 in 2024
    "Asia/Tehran",
    "Asia/Gaza",  # summer time suspended for Ramadan
    "Asia/Jerusalem",
    "Asia/Kathmandu",  # +05:45
    "Asia/Pyongyang",  # +08:30 for three years
    "Australia/Sydney",
    "Australia/Lord_Howe",  # half-hour summer time
    "Australia/Adelaide",
    "Pacific/Auckland",
    "Pacific/Chatham",  # +12:45 / +13:45
    "Pacific/Apia",  # skipped 30 December 2011
    "Pacific/Kiritimati",  # +14
    "Pacific/Norfolk",
    "Africa/Casablanca",  # summer time around Ramadan, then "winter time" around it
    "Africa/Cairo",
    "Antarctica/Troll",  # summer time of two hours
    "Atlantic/Azores",
    "Etc/GMT+12",
    "UTC",
]
# Zones the feeds use: the demo data's, the unusual ones, and a broad sample of all the others.
SAMPLE_ZONES = sorted(
    set(DEMO_ZONES.values()) | set(UNUSUAL_ZONES) | set(sorted(available_timezones())[::20])
)
FIRST_YEAR, LAST_YEAR = 1970, 2100


def observances(zone_name: str, first_year: int, last_year: int) -> list[dict]:
    """The VTIMEZONE the feeds carry for the zone, read back: each onset with its offsets."""
    component = Component.from_ical(timezone_bytes(zone_name, first_year, last_year))
    assert component.name == "VTIMEZONE" and component["TZID"] == zone_name
    onsets = []
    for observance in component.subcomponents:
        assert observance.name in ("STANDARD", "DAYLIGHT")
        rdates = observance.get("RDATE", [])
        rdates = rdates if isinstance(rdates, list) else [rdates]
        starts = {observance["DTSTART"].dt}
        starts |= {period.dt for rdate in rdates for period in rdate.dts}
        for start in starts:
            assert start.tzinfo is None, "onsets are local times"
            onsets.append(
                {
                    "local": start,
                    "from": observance["TZOFFSETFROM"].td,
                    "to": observance["TZOFFSETTO"].td,
                    "name": str(observance["TZNAME"]),
                    "daylight": observance.name == "DAYLIGHT",
                }
            )
    return sorted(onsets, key=lambda onset: onset["local"] - onset["from"])


@pytest.mark.parametrize("zone_name", SAMPLE_ZONES)
def test_every_onset_is_the_local_time_before_the_change(zone_name):
    zone = ZoneInfo(zone_name)
    onsets = observances(zone_name, FIRST_YEAR, LAST_YEAR)
    instants = []
    for onset in onsets:
        instant = (onset["local"] - onset["from"]).replace(tzinfo=UTC)  # RFC 5545, 3.6.5
        before, after = (instant - timedelta(seconds=1)).astimezone(zone), instant.astimezone(zone)
        assert before.utcoffset() == onset["from"], (zone_name, onset)
        assert after.utcoffset() == onset["to"], (zone_name, onset)
        assert after.tzname() == onset["name"], (zone_name, onset)
        instants.append(instant)
    # The first onset opens the range; after it, the onsets say the zone's offset at any time.
    assert instants[0].astimezone(zone).year <= FIRST_YEAR
    starts = [instant.timestamp() for instant in instants]
    offsets = [onset["to"] for onset in onsets]
    end = datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC).timestamp() - 86400
    step = 86400 + 97 * 60  # a day and a bit: wanders through the hours of the day
    timestamp = starts[0]
    while timestamp < end:
        expected = offsets[bisect_right(starts, timestamp) - 1]
        assert datetime.fromtimestamp(timestamp, zone).utcoffset() == expected, (
            zone_name,
            datetime.fromtimestamp(timestamp, UTC),
        )
        timestamp += step


def changes(zone_name: str, year: int) -> list[tuple[datetime, timedelta]]:
    """The instants in a year when the zone's offset changes, with the change (hour by hour)."""
    zone = ZoneInfo(zone_name)
    found, instant = [], datetime(year, 1, 1, tzinfo=UTC)
    while instant.year == year:
        later = instant + timedelta(hours=1)
        step = later.astimezone(zone).utcoffset() - instant.astimezone(zone).utcoffset()
        if step:
            while (later - timedelta(minutes=1)).astimezone(zone).utcoffset() != instant.astimezone(
                zone
            ).utcoffset():
                later -= timedelta(minutes=1)
            found.append((later, step))
        instant += timedelta(hours=1)
    return found


AROUND_ZONES = [
    "Europe/London",
    "America/New_York",
    "America/Santiago",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Europe/Dublin",
]
YEAR = 2031


def test_events_around_the_changes_are_read_at_their_instants(
    client, campaign, make_lobby, read_ics
):
    expected = {}
    for zone_name in AROUND_ZONES:
        for n, (change, step) in enumerate(changes(zone_name, YEAR)):
            if step > timedelta(0):  # the clocks go forward: the first hour after
                times = {"after": (change + step / 2, change + step / 2 + timedelta(hours=1))}
            else:  # the clocks go back: a time in the repeated hour, each occurrence of it
                first, second = change + step / 2, change - step / 2
                times = {
                    "first": (first, first + timedelta(hours=2)),
                    "second": (second, second + timedelta(hours=1)),
                }
            for label, (starts_at, ends_at) in times.items():
                title = f"{zone_name} {n} {label}"
                make_lobby(
                    campaign, zone=zone_name, title=title, starts_at=starts_at, ends_at=ends_at
                )
                expected[title] = (starts_at, ends_at)
    assert len(expected) == 6 * 3

    body = client.get("/calendar.ics").data
    events = {event["summary"]: event for event in read_ics(body)["events"]}
    for title, (starts_at, ends_at) in expected.items():
        event = events[title]
        assert event["dtstart"]["utc"] == f"{starts_at:%Y-%m-%dT%H:%M:%SZ}", title
        assert event["dtend"]["utc"] == f"{ends_at:%Y-%m-%dT%H:%M:%SZ}", title
        if title.endswith("after"):
            assert event["dtstart"]["tzid"] == title.split()[0], title
    # Both 01:30s of the night the clocks go back in London are written in UTC.
    assert b"DTSTART:20311026T003000Z\r\n" in body
    assert b"DTSTART:20311026T013000Z\r\n" in body
