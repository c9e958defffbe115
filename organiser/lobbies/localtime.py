"""Wall-clock time at a venue, and the instants it stands for."""

from datetime import UTC, date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


class LocalTimeError(ValueError):
    """A wall-clock time that does not name exactly one instant."""


class NonexistentLocalTime(LocalTimeError):
    """The clocks jump over this time (spring forward)."""


class AmbiguousLocalTime(LocalTimeError):
    """This time happens twice (clocks go back); which one must be said."""


class OutOfRangeLocalTime(LocalTimeError):
    """So far from now that the instant cannot be represented."""


@cache
def zone_names() -> frozenset[str]:
    """Every IANA zone this machine knows."""
    return frozenset(available_timezones())


def to_utc(local: datetime, zone_name: str, fold: int | None = None) -> datetime:
    """The UTC instant of a naive wall-clock time in a zone.

    Raises NonexistentLocalTime in a spring-forward gap, AmbiguousLocalTime when the time
    happens twice and fold (0 for the first, 1 for the second) was not given, and
    OutOfRangeLocalTime at the very ends of the calendar (year 1 or 9999 in a zone far from UTC).
    """
    zone = ZoneInfo(zone_name)
    first = local.replace(tzinfo=zone, fold=0)
    second = local.replace(tzinfo=zone, fold=1)
    try:
        first_utc, second_utc = first.astimezone(UTC), second.astimezone(UTC)
        exists = first_utc.astimezone(zone).replace(tzinfo=None) == local
    except OverflowError as error:
        raise OutOfRangeLocalTime(
            f"{local:%-d %B %Y} is too far from today. Choose another date."
        ) from error
    if not exists:
        raise NonexistentLocalTime(
            f"{local:%H:%M} on {local:%-d %B %Y} does not exist in {zone_name}: "
            "the clocks go forward then. Choose another time."
        )
    if first_utc != second_utc:
        if fold is None:
            raise AmbiguousLocalTime(
                f"{local:%H:%M} on {local:%-d %B %Y} happens twice in {zone_name}: "
                "the clocks go back then. Say which one you mean."
            )
        return second_utc if fold else first_utc
    return first_utc


def venue_zone(zone_name: str) -> tzinfo:
    """The zone of that name; UTC for a name this machine does not know (a stored value that
    no longer names a zone must not break the pages listing it)."""
    try:
        return ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def venue_time(instant: datetime, zone_name: str) -> datetime:
    """An instant on the venue's wall clock (aware, with fold set on the second of a repeated
    time). At the very ends of the calendar, where the venue's date cannot be represented
    (the last hours of year 9999 east of UTC, the first of year 1 west of it), the instant in
    UTC: shown as such, rather than failing the page."""
    try:
        return instant.astimezone(venue_zone(zone_name))
    except OverflowError:
        return instant.astimezone(UTC)


def occurrence(local: datetime) -> int | None:
    """For a wall-clock time read from an instant: None when it happens once, else 0 for its
    first occurrence and 1 for its second (the clocks went back in between)."""
    other = local.replace(fold=1 - local.fold)
    try:
        if other.utcoffset() == local.utcoffset():
            return None
    except OverflowError:
        return None
    return local.fold


def wall_clock(instant: datetime, zone_name: str) -> str:
    """An instant as people at the venue read it, e.g. 'Thu 21 June 2012, 12:00 BST'."""
    local = venue_time(instant, zone_name)
    return f"{local:%a %-d %B %Y, %H:%M} {local:%Z}"


def local_day(instant: datetime, zone_name: str) -> date:
    """The date at the venue at that instant."""
    return venue_time(instant, zone_name).date()


def clock_time(instant: datetime, zone_name: str) -> str:
    """Only the time of day at the venue, e.g. '12:00 BST' (under a heading with the date)."""
    local = venue_time(instant, zone_name)
    return f"{local:%H:%M} {local:%Z}"


def by_local_day(lobbies, newest_first: bool = False) -> list[tuple[date, list]]:
    """Lobbies under the date at their venues, days in order (newest_first: latest day
    first) and, within a day, by the time on each venue's wall clock (11:00 in London before
    11:30 in Berlin, though Berlin's is the earlier instant): a day of action across time
    zones is one day, as each city reads it. Equal wall times go by instant."""
    days: dict[date, list] = {}
    keyed = []
    for lobby in lobbies:
        local = venue_time(lobby.starts_at, lobby.timezone)
        keyed.append((local.replace(tzinfo=None), lobby.starts_at, lobby.id or 0, lobby))
    for local, _, _, lobby in sorted(keyed, key=lambda item: item[:3]):
        days.setdefault(local.date(), []).append(lobby)
    return sorted(days.items(), key=lambda day: day[0], reverse=newest_first)
