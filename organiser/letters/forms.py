"""Forms of the organisers' area for letters and deliveries."""

from datetime import datetime

from babel.dates import format_datetime
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, Length, Optional

from organiser.dates import in_range
from organiser.db_types import utcnow
from organiser.letters.body import AtMostLines, LetterText
from organiser.letters.wording import language_names
from organiser.lobbies.localtime import venue_time
from organiser.submissions import SubmittedOnce


def required(message):
    """A required field's validators, with a message that names it."""
    return [DataRequired(message=message)]


class LetterForm(SubmittedOnce, FlaskForm):
    """A letter's text in one language, written by the organiser (a new one is saved once,
    however often the form is sent: SubmittedOnce)."""

    language = SelectField(_l("Language"), validators=[DataRequired()])
    subject = StringField(
        _l("Subject"),
        validators=[*required(_l("Please give the subject.")), Length(max=300)],
        description=_l("e.g. Release the political prisoners"),
    )
    opening = StringField(
        _l("Opening"),
        validators=[Optional(), Length(max=300)],
        description=_l("e.g. Your Excellency,"),
    )
    body = TextAreaField(
        _l("Letter"),
        validators=[
            *required(_l("Please give the letter's text.")),
            Length(max=20000),
            LetterText(),
        ],
        description=_l(
            "Paragraphs separated by a blank line; *italic*, **bold** and lists work. "
            "The lobby's demands follow, numbered."
        ),
        render_kw={"rows": 12},
    )
    closing = StringField(
        _l("Closing"),
        validators=[Optional(), Length(max=300)],
        description=_l("e.g. Yours sincerely,"),
    )
    signatories = TextAreaField(
        _l("Signatories"),
        validators=[Optional(), Length(max=3000), AtMostLines(200)],
        description=_l("One per line: organisations, and people with their roles."),
        render_kw={"rows": 4},
    )
    include_annex = BooleanField(_l("Annex the petition's signatures"), default=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The letter languages, named in the reader's language.
        self.language.choices = list(language_names(capitalised=True).items())

    def letter_fields(self) -> dict:
        """The validated form as Letter attributes, text trimmed."""
        return {
            name: value.strip() if isinstance(value, str) else value
            for name, value in self.data.items()
            if name not in ("csrf_token", "submission_key")
        }


class DeliveryForm(FlaskForm):
    """How the letter was handed in, at the lobby's local time (never later than now there)."""

    date = DateField(_l("Date"), validators=[*required(_l("Please give the date.")), in_range])
    time = TimeField(_l("Time (local)"), validators=required(_l("Please give the time.")))
    received_by = StringField(
        _l("Received by"),
        validators=[Optional(), Length(max=200)],
        description=_l("e.g. Deputy Ambassador"),
    )
    notes = TextAreaField(
        _l("Notes"),
        validators=[Optional(), Length(max=1000)],
        description=_l("e.g. accepted at the door; doors locked, letter posted"),
    )
    photo = FileField(
        _l("Photo of the stamped copy (optional)"),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
        description=_l(
            "JPEG, PNG or WebP; its location and camera details are removed. "
            "A new photo replaces the one recorded."
        ),
    )

    def happened(self, delivered_at: datetime, zone_name: str) -> bool:
        """Whether the delivery is no later than now; if later, False with the error next to
        the date (a later day at the venue) or else the time, naming the venue's time now."""
        now = venue_time(utcnow(), zone_name)
        if delivered_at <= now:
            return True
        field = self.date if self.date.data > now.date() else self.time
        field.errors.append(
            _(
                "This is later than the time at the venue now. It is %(time)s there now "
                "(%(day)s): record the delivery once it has happened.",
                time=f"{now:%H:%M %Z}",
                day=format_datetime(now, "EEE d MMMM", locale=get_locale()),
            )
        )
        return False
