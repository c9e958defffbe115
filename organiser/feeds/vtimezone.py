"""VTIMEZONE components from zoneinfo, with each onset as RFC 5545 defines it (pure).

An observance's DTSTART (and each RDATE) is "the effective onset date and local time", read in
the offset in force before the change (TZOFFSETFROM): Europe/London's summer time starts at
01:00 GMT (01:00 UTC), not at the 02:00 BST the clocks then show. icalendar's generator walks
wall-clock time and writes the local time after the change for changes forward, so strict
clients misplace events in the hour after every spring change; this one walks UTC instead.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.prop import vDDDLists

# Probing once a day finds every change, then bisection finds its second: in tzdata from 1970
# to 2100 two changes of a zone are never less than 6.9 days apart (Brazil in 2000, Gaza's
# Ramadan rules), and a change and its reversal within a day would need a rule of that kind.
STEP = 24 * 3600


@dataclass(frozen=True)
class Observance:
    """What the clocks of a zone show for a while: offset, abbreviation, summer time or not."""

    offset: timedelta
    name: str
    daylight: bool


def observance_at(zone: ZoneInfo, timestamp: int) -> Observance:
    """The zone's observance at a POSIX timestamp."""
    offset, name, dst = _clocks(zone, timestamp)
    return Observance(offset, name or _offset_text(offset), bool(dst and dst > timedelta()))


def _clocks(zone: ZoneInfo, timestamp: int) -> tuple:
    """What tells observances apart, cheaply (the scan below calls this a lot)."""
    local = datetime.fromtimestamp(timestamp, zone)
    return local.utcoffset(), local.tzname(), local.dst()


def _offset_text(offset: timedelta) -> str:
    sign, seconds = ("-", -offset) if offset < timedelta() else ("+", offset)
    hours, rest = divmod(int(seconds.total_seconds()), 3600)
    return f"{sign}{hours:02d}{rest // 60:02d}"


@lru_cache(maxsize=8192)
def changes_in(zone_name: str, year: int) -> tuple[tuple[int, Observance, Observance], ...]:
    """Each change of the zone in a UTC year: (timestamp of its first second, before, after)."""
    zone = ZoneInfo(zone_name)
    low = int(datetime(year, 1, 1, tzinfo=UTC).timestamp()) - 1
    end = int(datetime(year + 1, 1, 1, tzinfo=UTC).timestamp()) - 1
    before, found = _clocks(zone, low), []
    while low < end:
        high = min(low + STEP, end)
        if _clocks(zone, high) == before:
            low = high
            continue
        while high - low > 1:  # the last second of `before`, the first of what follows
            middle = (low + high) // 2
            if _clocks(zone, middle) == before:
                low = middle
            else:
                high = middle
        found.append((high, observance_at(zone, low), observance_at(zone, high)))
        low, before = high, _clocks(zone, high)
    return tuple(found)


def onsets(
    zone_name: str, first_year: int, last_year: int
) -> list[tuple[datetime, Observance, Observance]]:
    """The onsets covering local times from first_year to last_year: the observance in force a
    day before the first year begins, then every change until a day after the last year ends.
    Each is (UTC instant, observance before, observance from then on)."""
    zone = ZoneInfo(zone_name)
    start = int(datetime(first_year - 1, 12, 31, tzinfo=UTC).timestamp())
    stop = int(datetime(last_year + 1, 1, 2, tzinfo=UTC).timestamp())
    found = [(start, observance_at(zone, start - 1), observance_at(zone, start))]
    for year in range(first_year - 1, last_year + 2):
        found += [change for change in changes_in(zone_name, year) if start < change[0] <= stop]
    return [(datetime.fromtimestamp(ts, UTC), before, after) for ts, before, after in found]


def vtimezone(zone_name: str, first_year: int, last_year: int) -> Timezone:
    """The zone's VTIMEZONE for local times in those years.

    Onsets with the same offsets, name and kind share one observance: DTSTART is the first, and
    every onset, the first included, has an RDATE of its own. ical.js (Thunderbird, Nextcloud)
    reads only the first value of a multi-valued RDATE, and ignores DTSTART when RDATEs exist.
    """
    groups: dict[tuple, list[datetime]] = {}
    for instant, before, after in onsets(zone_name, first_year, last_year):
        local = (instant + before.offset).replace(tzinfo=None)  # RFC 5545: in TZOFFSETFROM
        groups.setdefault((before.offset, after), []).append(local)
    component = Timezone()
    component.add("tzid", zone_name)
    for (offset_from, after), starts in groups.items():
        observance = TimezoneDaylight() if after.daylight else TimezoneStandard()
        observance.add("dtstart", starts[0])
        for start in starts:
            observance.add("rdate", vDDDLists([start]))
        observance.add("tzname", after.name)
        observance.add("tzoffsetfrom", offset_from)
        observance.add("tzoffsetto", after.offset)
        component.add_component(observance)
    return component
