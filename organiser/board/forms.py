"""The form that sets a lobby's state on the day (the board's, and a local host's page's)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from organiser.board.models import STATES


class StateForm(FlaskForm):
    """A lobby's new state and a note on it (e.g. who took the letter, what they said)."""

    state = SelectField(
        _l("State"),
        choices=[SelectChoice(key, label) for key, label in STATES.items()],
        validators=[DataRequired(message=_l("Please choose the lobby's state."))],
    )
    note = StringField(
        _l("Note"),
        validators=[Optional(), Length(max=500)],
        description=_l("e.g. accepted by the Deputy Ambassador; doors locked, letter posted"),
    )
