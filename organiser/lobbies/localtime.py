"""Wall-clock time at a venue, and the instants it stands for; dates and times as the reader
reads them (Babel, in the reader's language; English as "Mon 4 January 2027, 14:00 GMT")."""

from datetime import UTC, date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel.dates import format_datetime
from flask_babel import get_locale
from flask_babel import gettext as _

# Babel patterns by language: a day with its weekday (a list's heading), a day and a time, a
# day of the month. Languages not listed read the English ones in their own words.
DAY, DAY_TIME, DATE, DAY_MONTH = "day", "day_time", "date", "day_month"
PATTERNS = {
    "en": {
        DAY: "EEEE d MMMM y",
        DAY_TIME: "EEE d MMMM y, HH:mm",
        DATE: "d MMMM y",
        DAY_MONTH: "d MMMM",
    },
    "ru": {
        DAY: "EEEE, d MMMM y",
        DAY_TIME: "EEE, d MMMM y, HH:mm",
        DATE: "d MMMM y 'г'.",
        DAY_MONTH: "d MMMM",
    },
    "de": {
        DAY: "EEEE, d. MMMM y",
        DAY_TIME: "EEE, d. MMMM y, HH:mm",
        DATE: "d. MMMM y",
        DAY_MONTH: "d. MMMM",
    },
    "kk": {
        DAY: "y 'ж'. d MMMM, EEEE",
        DAY_TIME: "y 'ж'. d MMMM, EEE, HH:mm",
        DATE: "y 'ж'. d MMMM",
        DAY_MONTH: "d MMMM",
    },
}


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
            _("%(date)s is too far from today. Choose another date.", date=long_date(local))
        ) from error
    if not exists:
        raise NonexistentLocalTime(
            _(
                "%(time)s on %(date)s does not exist in %(zone)s: the clocks go forward then. "
                "Choose another time.",
                time=f"{local:%H:%M}",
                date=long_date(local),
                zone=zone_name,
            )
        )
    if first_utc != second_utc:
        if fold is None:
            raise AmbiguousLocalTime(
                _(
                    "%(time)s on %(date)s happens twice in %(zone)s: the clocks go back then. "
                    "Say which one you mean.",
                    time=f"{local:%H:%M}",
                    date=long_date(local),
                    zone=zone_name,
                )
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


def reader_language() -> str:
    """The language of this request's reader (English outside a request)."""
    try:
        locale = get_locale()
    except RuntimeError:  # an app context without a request: nobody's language
        return "en"
    return str(locale) if locale else "en"


def formatted(moment: date | datetime, kind: str, language: str | None = None) -> str:
    """A date or a wall-clock time (naive or on the venue's clock: not converted) in words of
    the language (the reader's by default)."""
    language = language or reader_language()
    pattern = PATTERNS.get(language, PATTERNS["en"])[kind]
    if isinstance(moment, datetime):
        naive = moment.replace(tzinfo=None)  # already on the venue's wall clock
    else:
        naive = datetime(moment.year, moment.month, moment.day)
    return format_datetime(naive, pattern, locale=language)


def long_date(moment: date | datetime, language: str | None = None) -> str:
    """A date without its weekday, e.g. '4 January 2027' (English)."""
    return formatted(moment, DATE, language)


def day_heading(day: date, language: str | None = None) -> str:
    """A day as a list's heading says it, e.g. 'Monday 4 January 2027' (English)."""
    return formatted(day, DAY, language)


def day_of_month(moment: date | datetime, language: str | None = None) -> str:
    """The day and month, e.g. '5 January' (English)."""
    return formatted(moment, DAY_MONTH, language)


def wall_clock(instant: datetime, zone_name: str, language: str = "en") -> str:
    """An instant as people at the venue read it, e.g. 'Thu 21 June 2012, 12:00 BST' (in
    English unless a language is given: the pages' filter gives the reader's)."""
    local = venue_time(instant, zone_name)
    return f"{formatted(local, DAY_TIME, language)} {local:%Z}"


def local_day(instant: datetime, zone_name: str) -> date:
    """The date at the venue at that instant."""
    return venue_time(instant, zone_name).date()


def clock_time(instant: datetime, zone_name: str) -> str:
    """Only the time of day at the venue, e.g. '12:00 BST' (under a heading with the date; the
    24-hour clock reads the same in every language offered)."""
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
    for local, _instant, _id, lobby in sorted(keyed, key=lambda item: item[:3]):
        days.setdefault(local.date(), []).append(lobby)
    return sorted(days.items(), key=lambda day: day[0], reverse=newest_first)
