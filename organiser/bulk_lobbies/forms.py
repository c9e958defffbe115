"""The import's two forms: the file, then the confirmation of its preview."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import DataRequired, Length

from organiser.bulk_lobbies.tokens import MAX_LENGTH
from organiser.submissions import SubmittedOnce


class UploadForm(FlaskForm):
    """A CSV file of lobbies."""

    file = FileField(
        _l("CSV file of lobbies"),
        validators=[FileRequired(_l("Choose a CSV file."))],
        description=_l("UTF-8, separated by commas or semicolons, at most 1 MB and 2,000 lobbies."),
    )


class ConfirmForm(SubmittedOnce, FlaskForm):
    """Save every lobby of the preview (a double click saves them once)."""

    payload = HiddenField(validators=[DataRequired(), Length(max=MAX_LENGTH)])
