"""The dates this application accepts, and the form check that holds date fields to them.

Lobbies, petitions and deliveries happen in a few decades around now. Holding every date an
organiser types to one range keeps far-off values (year 9999, year 1), which no calendar client
and not every Python operation can handle, out of the database; pages and feeds still cope with
anything older code or a hand-edited row left there (see lobbies/localtime.py and feeds/ical.py).
"""

from datetime import date, datetime

from wtforms.validators import ValidationError

FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2099, 12, 31)
RANGE_MESSAGE = f"Choose a date between {FIRST_DAY:%-d %B %Y} and {LAST_DAY:%-d %B %Y}."


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
