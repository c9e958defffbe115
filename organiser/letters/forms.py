"""Forms of the organisers' area for letters and deliveries."""

from datetime import datetime

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from organiser.dates import in_range
from organiser.db_types import utcnow
from organiser.letters.body import AtMostLines, LetterText
from organiser.letters.translations import LANGUAGES
from organiser.lobbies.localtime import venue_time
from organiser.submissions import SubmittedOnce


def required(label: str):
    """A required field's validators, with a message that names it."""
    return [DataRequired(message=f"Please give the {label}.")]


class LetterForm(SubmittedOnce, FlaskForm):
    """A letter's text in one language, written by the organiser (a new one is saved once,
    however often the form is sent: SubmittedOnce)."""

    language = SelectField(
        "Language",
        choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()],
        validators=[DataRequired()],
    )
    subject = StringField(
        "Subject",
        validators=[*required("subject"), Length(max=300)],
        description="e.g. Release the political prisoners",
    )
    opening = StringField(
        "Opening", validators=[Optional(), Length(max=300)], description="e.g. Your Excellency,"
    )
    body = TextAreaField(
        "Letter",
        validators=[*required("letter's text"), Length(max=20000), LetterText()],
        description="Paragraphs separated by a blank line; *italic*, **bold** and lists work. "
        "The lobby's demands follow, numbered.",
        render_kw={"rows": 12},
    )
    closing = StringField(
        "Closing", validators=[Optional(), Length(max=300)], description="e.g. Yours sincerely,"
    )
    signatories = TextAreaField(
        "Signatories",
        validators=[Optional(), Length(max=3000), AtMostLines(200)],
        description="One per line: organisations, and people with their roles.",
        render_kw={"rows": 4},
    )
    include_annex = BooleanField("Annex the petition's signatures", default=True)

    def letter_fields(self) -> dict:
        """The validated form as Letter attributes, text trimmed."""
        return {
            name: value.strip() if isinstance(value, str) else value
            for name, value in self.data.items()
            if name not in ("csrf_token", "submission_key")
        }


FUTURE_DELIVERY = (
    "This is later than the time at the venue now. It is {time} there now ({day}): record the "
    "delivery once it has happened."
)


class DeliveryForm(FlaskForm):
    """How the letter was handed in, at the lobby's local time (never later than now there)."""

    date = DateField("Date", validators=[*required("date"), in_range])
    time = TimeField("Time (local)", validators=required("time"))
    received_by = StringField(
        "Received by",
        validators=[Optional(), Length(max=200)],
        description="e.g. Deputy Ambassador",
    )
    notes = TextAreaField(
        "Notes",
        validators=[Optional(), Length(max=1000)],
        description="e.g. accepted at the door; doors locked, letter posted",
    )
    photo = FileField(
        "Photo of the stamped copy (optional)",
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
        description="JPEG, PNG or WebP; its location and camera details are removed. "
        "A new photo replaces the one recorded.",
    )

    def happened(self, delivered_at: datetime, zone_name: str) -> bool:
        """Whether the delivery is no later than now; if later, False with the error next to
        the date (a later day at the venue) or else the time, naming the venue's time now."""
        now = venue_time(utcnow(), zone_name)
        if delivered_at <= now:
            return True
        field = self.date if self.date.data > now.date() else self.time
        field.errors.append(FUTURE_DELIVERY.format(time=f"{now:%H:%M %Z}", day=f"{now:%a %-d %B}"))
        return False
