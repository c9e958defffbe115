"""Wall-clock time at a venue, and the instants it stands for."""

from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones


class LocalTimeError(ValueError):
    """A wall-clock time that does not name exactly one instant."""


class NonexistentLocalTime(LocalTimeError):
    """The clocks jump over this time (spring forward)."""


class AmbiguousLocalTime(LocalTimeError):
    """This time happens twice (clocks go back); which one must be said."""


@cache
def zone_names() -> frozenset[str]:
    """Every IANA zone this machine knows."""
    return frozenset(available_timezones())


def to_utc(local: datetime, zone_name: str, fold: int | None = None) -> datetime:
    """The UTC instant of a naive wall-clock time in a zone.

    Raises NonexistentLocalTime in a spring-forward gap, and AmbiguousLocalTime when the
    time happens twice and fold (0 for the first, 1 for the second) was not given.
    """
    zone = ZoneInfo(zone_name)
    first = local.replace(tzinfo=zone, fold=0)
    second = local.replace(tzinfo=zone, fold=1)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local:
        raise NonexistentLocalTime(
            f"{local:%H:%M} on {local:%-d %B %Y} does not exist in {zone_name}: "
            "the clocks go forward then. Choose another time."
        )
    if first.utcoffset() != second.utcoffset():
        if fold is None:
            raise AmbiguousLocalTime(
                f"{local:%H:%M} on {local:%-d %B %Y} happens twice in {zone_name}: "
                "the clocks go back then. Say which one you mean."
            )
        return (second if fold else first).astimezone(UTC)
    return first.astimezone(UTC)


def wall_clock(instant: datetime, zone_name: str) -> str:
    """An instant as people at the venue read it, e.g. 'Thu 21 June 2012, 12:00 BST'."""
    local = instant.astimezone(ZoneInfo(zone_name))
    return f"{local:%a %-d %B %Y, %H:%M} {local:%Z}"


def local_day(instant: datetime, zone_name: str) -> date:
    """The date at the venue at that instant."""
    return instant.astimezone(ZoneInfo(zone_name)).date()


def clock_time(instant: datetime, zone_name: str) -> str:
    """Only the time of day at the venue, e.g. '12:00 BST' (under a heading with the date)."""
    local = instant.astimezone(ZoneInfo(zone_name))
    return f"{local:%H:%M} {local:%Z}"


def by_local_day(lobbies) -> list[tuple[date, list]]:
    """Lobbies under the date at their venues, days in order and, within a day, soonest first;
    a day of action across time zones is one day, as each city reads it."""
    days: dict[date, list] = {}
    for lobby in sorted(lobbies, key=lambda lobby: lobby.starts_at):
        days.setdefault(local_day(lobby.starts_at, lobby.timezone), []).append(lobby)
    return sorted(days.items())
