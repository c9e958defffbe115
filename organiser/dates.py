"""The dates this application accepts, and the form check that holds date fields to them.

Lobbies, petitions and deliveries happen in a few decades around now. Holding every date an
organiser types to one range keeps far-off values (year 9999, year 1), which no calendar client
and not every Python operation can handle, out of the database; pages and feeds still cope with
anything older code or a hand-edited row left there (see lobbies/localtime.py and feeds/ical.py).
"""

from datetime import date, datetime

from flask_babel import LazyString
from flask_babel import gettext as _
from wtforms.validators import ValidationError

FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2099, 12, 31)


def range_message() -> str:
    """What to do about a date out of range, in the reader's language."""
    from organiser.lobbies.localtime import long_date  # noqa: PLC0415 (lobbies imports this)

    return _(
        "Choose a date between %(first)s and %(last)s.",
        first=long_date(FIRST_DAY),
        last=long_date(LAST_DAY),
    )


RANGE_MESSAGE = LazyString(range_message)  # read when shown, in the reader's language


def accepts(day: date | datetime) -> bool:
    """Whether a (local) date, or the date of a wall-clock time, lies in the accepted range."""
    if isinstance(day, datetime):
        day = day.date()
    return FIRST_DAY <= day <= LAST_DAY


class InRange:
    """WTForms validator: a date or date-and-time field's value lies in the accepted range.

    An empty field passes (Optional or InputRequired decide about those).
    """

    def __init__(self, message: str = RANGE_MESSAGE):
        self.message = message

    def __call__(self, form, field) -> None:
        if field.data is not None and not accepts(field.data):
            raise ValidationError(self.message)


in_range = InRange()
