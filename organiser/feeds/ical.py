"""iCalendar output: lobbies to ICS bytes, built with icalendar (pure, no database, no app)."""

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from icalendar import Calendar, Event, vText

from organiser.addresses import place_line
from organiser.dates import accepts
from organiser.feeds.vtimezone import vtimezone
from organiser.lobbies.localtime import occurrence, venue_time

PRODID = "-//Organiser//Lobby calendar feeds//EN"
END_CALENDAR = b"END:VCALENDAR\r\n"
# RFC 5545 CONTROL, less HTAB and LF (kept: LF is escaped as \n by icalendar).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str | None) -> str:
    """Text safe for an iCalendar TEXT value: CRLF and lone CR become LF, controls go."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def one_line(text: str | None) -> str:
    """Clean text on a single line (line breaks become spaces)."""
    return " ".join(clean_text(text).split("\n")).strip()


def location_text(lobby, country_name=lambda code: code) -> str:
    """The venue, then the address in its country's order ("London SW7 2SD"), and the country."""
    parts = [lobby.venue, place_line(lobby, country_name)]
    return ", ".join(text for text in map(clean_text, parts) if text.strip())


def page_url(lobby, site_url: str) -> str:
    """The absolute address of the lobby's page."""
    return f"{site_url.rstrip('/')}/lobbies/{lobby.slug}"


def target_line(target) -> str:
    """Who the lobby addresses: the target, its head of mission's title and name."""
    name, title = clean_text(target.name), clean_text(target.head_title)
    if not target.head_title:
        return _("Target: %(name)s", name=name)
    if not target.head_name:
        return _("Target: %(name)s, addressed to the %(title)s", name=name, title=title)
    person = clean_text(target.head_name)
    return _(
        "Target: %(name)s, addressed to the %(title)s, %(person)s",
        name=name,
        title=title,
        person=person,
    )


def description_text(lobby, site_url: str) -> str:
    """The demands numbered, directions, the target and the page's address (their fixed words
    in the language in force: English outside a request, else the feed's, see services)."""
    blocks = []
    if lobby.status == "cancelled":
        reason = clean_text(getattr(lobby, "cancellation_reason", ""))
        blocks.append(_("This lobby is cancelled.") + (f" {reason}" if reason else ""))
    if lobby.demands:
        lines = [f"{n}. {clean_text(d.text)}" for n, d in enumerate(lobby.demands, start=1)]
        blocks.append(_("Demands:") + "\n" + "\n".join(lines))
    if lobby.directions:
        blocks.append(_("Getting there: %(directions)s", directions=clean_text(lobby.directions)))
    if lobby.target is not None:
        blocks.append(target_line(lobby.target))
    blocks.append(_("Details: %(url)s", url=page_url(lobby, site_url)))
    return "\n\n".join(blocks)


def cancelled_summary(title: str | None) -> str:
    """A cancelled event's SUMMARY: the title after the "Cancelled:" prefix."""
    return _("Cancelled: %(title)s", title=clean_text(title))


def event_time(instant: datetime, zone_name: str) -> datetime:
    """A DTSTART or DTEND as written: the venue's wall clock with its TZID, or UTC where a TZID
    would be misread or cannot be written.

    A local time that happens twice (01:30 on the night the clocks go back) is written in UTC,
    both occurrences: RFC 5545 reads the TZID form as the first, which would put the second an
    hour off, and ical.js (Thunderbird, Nextcloud) reads it as the standard-time one, which
    puts the first an hour off. So are times outside the years this application accepts (a
    far-off instant left in a row: its VTIMEZONE would need thousands of years, or years Python
    cannot represent) and times in a zone this machine does not know.
    """
    local = venue_time(instant, zone_name)
    in_zone = isinstance(local.tzinfo, ZoneInfo) and local.tzinfo.key == zone_name
    if in_zone and accepts(local) and occurrence(local) is None:
        return local
    return instant.astimezone(UTC)


def lobby_event(lobby, site_url: str, dtstamp: datetime, country_name=lambda c: c) -> Event:
    """One lobby as a VEVENT; its times carry the lobby's TZID (see event_time)."""
    cancelled = lobby.status == "cancelled"
    event = Event()
    event.add("uid", lobby.uid)
    event.add("dtstamp", dtstamp.astimezone(UTC))
    event.add("created", lobby.created_at.astimezone(UTC))
    event.add("last-modified", lobby.updated_at.astimezone(UTC))
    event.add("sequence", lobby.sequence)
    event.add("dtstart", event_time(lobby.starts_at, lobby.timezone))
    event.add("dtend", event_time(lobby.ends_at, lobby.timezone))
    summary = cancelled_summary(lobby.title) if cancelled else clean_text(lobby.title)
    event.add("summary", vText(summary))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("location", vText(location_text(lobby, country_name)))
    if lobby.latitude is not None and lobby.longitude is not None:
        event.add("geo", (lobby.latitude, lobby.longitude))
    event.add("description", vText(description_text(lobby, site_url)))
    event.add("url", page_url(lobby, site_url), parameters={"VALUE": "URI"})
    event.add("categories", [clean_text(lobby.campaign.name)])
    return event


def event_bytes(lobby, site_url: str, dtstamp: datetime, country_name=lambda c: c) -> bytes:
    """One lobby's VEVENT, serialised (what the feed cache keeps per lobby)."""
    return lobby_event(lobby, site_url, dtstamp, country_name).to_ical()


@lru_cache(maxsize=1024)
def timezone_bytes(zone_name: str, first_year: int, last_year: int) -> bytes:
    """The zone's VTIMEZONE covering local times in the given years (see vtimezone.py)."""
    return vtimezone(zone_name, first_year, last_year).to_ical()


def zone_years(lobbies: Iterable) -> dict[str, tuple[int, int]]:
    """Each zone the events name in a TZID, with the first and last local year of those times."""
    years: dict[str, tuple[int, int]] = {}
    for lobby in lobbies:
        for instant in (lobby.starts_at, lobby.ends_at):
            local = event_time(instant, lobby.timezone)
            if local.tzinfo is UTC:
                continue
            first, last = years.get(lobby.timezone, (local.year, local.year))
            years[lobby.timezone] = (min(first, local.year), max(last, local.year))
    return years


def calendar_bytes(
    name: str, description: str, zones: Iterable[bytes], events: Iterable[bytes]
) -> bytes:
    """A VCALENDAR around serialised VTIMEZONEs and VEVENTs."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", vText(one_line(name)))
    calendar.add("x-wr-calname", vText(one_line(name)))
    calendar.add("x-wr-caldesc", vText(one_line(description)))
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vText("PT1H"))
    head = calendar.to_ical()
    return b"".join([head[: -len(END_CALENDAR)], *zones, *events, END_CALENDAR])


def build_calendar(
    lobbies: list,
    *,
    name: str,
    description: str,
    site_url: str,
    dtstamp: datetime,
    country_name=lambda c: c,
) -> bytes:
    """The whole calendar for these lobbies (no cache: what the feed cache must equal)."""
    zones = [timezone_bytes(z, *years) for z, years in sorted(zone_years(lobbies).items())]
    events = [event_bytes(lobby, site_url, dtstamp, country_name) for lobby in lobbies]
    return calendar_bytes(name, description, zones, events)
