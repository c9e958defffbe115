"""Dates and wall-clock times as spreadsheets write them, and the instants they name at a
venue; a repeated time (the clocks go back) is told apart by its UTC offset, e.g. 01:30+01:00."""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from organiser.dates import RANGE_MESSAGE, accepts
from organiser.lobbies.localtime import AmbiguousLocalTime, LocalTimeError, to_utc

ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")  # day first, as in Germany
TIME = re.compile(
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?:(?P<utc>Z)|(?P<sign>[+\-\u2212])(?P<oh>\d{1,2}):?(?P<om>\d{2}))?"
)


class CellError(ValueError):
    """A cell that does not say what it must (the message says what instead)."""


def read_date(text: str) -> date:
    """A date written 2031-12-16 (or 16.12.2031), within the accepted years."""
    if match := ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := DOTTED_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise CellError(
            _("Write the date as 2031-12-16 (year-month-day), not “%(text)s”.", text=text)
        )
    try:
        found = date(int(year), int(month), int(day))
    except ValueError as error:
        raise CellError(_("“%(text)s” is not a date.", text=text)) from error
    if not accepts(found):
        raise CellError(RANGE_MESSAGE)
    return found


def read_time(text: str) -> tuple[time, timedelta | None]:
    """A 24-hour time, 13:00 (seconds allowed), with its UTC offset if one is given."""
    match = TIME.fullmatch(text)
    try:
        if not match:
            raise ValueError(text)
        found = time(int(match["hour"]), int(match["minute"]), int(match["second"] or 0))
    except ValueError as error:
        raise CellError(
            _("“%(text)s” is not a time: write it as 13:00 (24-hour clock).", text=text)
        ) from error
    if match["utc"]:
        return found, timedelta(0)
    if match["sign"]:
        offset = timedelta(hours=int(match["oh"]), minutes=int(match["om"]))
        return found, -offset if match["sign"] != "+" else offset
    return found, None


def read_end(text: str, start_day: date) -> tuple[datetime, timedelta | None]:
    """The end: a time on the start's date, or a date and a time (2031-12-17 01:00)."""
    head, _, rest = text.replace("T", " ", 1).partition(" ")
    if rest and (ISO_DATE.fullmatch(head) or DOTTED_DATE.fullmatch(head)):
        day, time_text = read_date(head), rest.strip()
    else:
        day, time_text = start_day, text
    at, offset = read_time(time_text)
    return datetime.combine(day, at), offset


def instant(local: datetime, zone: str, offset: timedelta | None) -> datetime:
    """The UTC instant of a wall-clock time at the venue; an offset picks one of a repeated
    time and must be the zone's at that time. Raises LocalTimeError with what to write."""
    try:
        found = to_utc(local, zone)
    except AmbiguousLocalTime as error:
        if offset is None:
            first, second = (written(local, zone, fold) for fold in (0, 1))
            raise AmbiguousLocalTime(
                _(
                    "%(error)s Add the offset: %(first)s for the first, %(second)s for the second.",
                    error=error,
                    first=first,
                    second=second,
                )
            ) from error
        for fold in (0, 1):
            if local.replace(tzinfo=ZoneInfo(zone), fold=fold).utcoffset() == offset:
                return to_utc(local, zone, fold)
        raise LocalTimeError(wrong_offset(local, zone, offset)) from error
    if offset is not None and found.astimezone(ZoneInfo(zone)).utcoffset() != offset:
        raise LocalTimeError(wrong_offset(local, zone, offset))
    return found


def written(local: datetime, zone: str, fold: int = 0) -> str:
    """A wall-clock time with its offset, as a cell says it: 01:30+01:00."""
    offset = local.replace(tzinfo=ZoneInfo(zone), fold=fold).utcoffset()
    return f"{clock(local)}{offset_text(offset)}"


def clock(local: datetime | time) -> str:
    """HH:MM, with seconds only when there are some."""
    return f"{local:%H:%M:%S}" if local.second else f"{local:%H:%M}"


def offset_text(offset: timedelta) -> str:
    """+01:00, -05:00."""
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def wrong_offset(local: datetime, zone: str, offset: timedelta) -> str:
    """The message for an offset the zone does not have at that time."""
    offsets = sorted({local.replace(tzinfo=ZoneInfo(zone), fold=f).utcoffset() for f in (0, 1)})
    actual = [offset_text(o) for o in offsets]
    if len(actual) == 2:
        return _(
            "%(zone)s is %(first)s or %(second)s then, not %(offset)s.",
            zone=zone,
            first=actual[0],
            second=actual[1],
            offset=offset_text(offset),
        )
    return _(
        "%(zone)s is %(actual)s then, not %(offset)s.",
        zone=zone,
        actual=actual[0],
        offset=offset_text(offset),
    )
