"""The report form, shared by organisers and the lobby's local host: what happened, how
many came, the target's response, and photos with the photographer's consent."""

from flask_babel import LazyString, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from organiser.reports.models import ATTENDANCE_MAX, CAPTION_MAX, PHOTOS_MAX, RESPONSE_MAX, TEXT_MAX

PHOTO_SLOTS = 3  # new photos per sending; a report holds up to PHOTOS_MAX in all
CONSENT_LABEL = _l(
    "The photographer agrees to publish this photo, and the people shown in it agreed"
)
CONSENT_MISSING = _l(
    "Tick this to publish the photo: only with the photographer's consent, and that of the "
    "people shown (some have good reason not to be seen by that government)."
)
TEXT_TOO_LONG = LazyString(
    lambda: _("At most %(num)s characters, please.", num=format_decimal(TEXT_MAX))
)
ATTENDANCE_RANGE = LazyString(
    lambda: _("A number from 0 to %(max)s.", max=format_decimal(ATTENDANCE_MAX))
)


class PhotoEntry(Form):
    """One new photo: the file, its caption, the consent to publish it."""

    file = FileField(
        _l("Photo"),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
        description=_l("JPEG, PNG or WebP. Its location and camera details are removed."),
    )
    caption = StringField(_l("Caption"), validators=[Optional(), Length(max=CAPTION_MAX)])
    consent = BooleanField(CONSENT_LABEL)

    def validate_consent(self, field):
        """No photo is published without consent."""
        if self.file.data and not field.data:
            raise ValidationError(CONSENT_MISSING)

    def validate_caption(self, field):
        """A caption needs its photo."""
        if field.data.strip() and not self.file.data:
            raise ValidationError(_("Choose the photo this caption belongs to."))


class ReportForm(FlaskForm):
    """A lobby's report; services.report_form(lobby) fills it in with the saved one."""

    text = TextAreaField(
        _l("What happened"),
        validators=[
            DataRequired(message=_l("Please say what happened.")),
            Length(max=TEXT_MAX, message=TEXT_TOO_LONG),
        ],
        description=_l("Who came, what was said, what the police or the building did."),
        render_kw={"rows": 8},
    )
    attendance = IntegerField(
        _l("How many came"),
        validators=[
            Optional(),
            NumberRange(0, ATTENDANCE_MAX, message=ATTENDANCE_RANGE),
        ],
        render_kw={"inputmode": "numeric", "min": 0, "max": ATTENDANCE_MAX},
    )
    response = TextAreaField(
        _l("The target's response"),
        validators=[Optional(), Length(max=RESPONSE_MAX)],
        description=_l(
            "e.g. The Deputy Ambassador accepted the letter; the embassy locked its doors."
        ),
        render_kw={"rows": 3},
    )
    photos = FieldList(FormField(PhotoEntry), min_entries=PHOTO_SLOTS, max_entries=PHOTO_SLOTS)
    remove = SelectMultipleField(_l("Remove these photos"), coerce=int, validate_choice=False)

    existing: list = []  # the report's photos (services.report_form), shown with "remove"
    photos_max = PHOTOS_MAX
