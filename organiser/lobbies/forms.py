"""Forms of the organisers' area: campaigns, their owners and targets (the lobby form is
lobby_form.py)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    Optional,
    ValidationError,
)

from organiser.lobbies.models import TARGET_KINDS
from organiser.lobbies.places import (
    local_countries,
)
from organiser.submissions import SubmittedOnce


def required(message: str):
    """A required field's validators, with a message that names it."""
    return [DataRequired(message=message)]


def country_choices(blank: str = _l("Choose a country")):
    """Countries for a select in the reader's language, a blank first (a callable: the names
    are read when the form is shown)."""

    def choices() -> list[SelectChoice]:
        return [
            SelectChoice("", blank),
            *(SelectChoice(code, name) for code, name in local_countries().items()),
        ]

    return choices


def postcode_city_country() -> tuple[StringField, StringField, SelectField]:
    """The postcode, city and country fields a target and a lobby share (their place)."""
    return (
        StringField(_l("Postcode"), validators=[Optional(), Length(max=20)]),
        StringField(
            _l("City"), validators=[*required(_l("Please give the city.")), Length(max=100)]
        ),
        SelectField(
            _l("Country"),
            choices=country_choices(),
            validators=required(_l("Please give the country.")),
        ),
    )


def model_fields(form: FlaskForm) -> dict:
    """A validated form's data as model attributes: text trimmed, no CSRF token or key."""
    return {
        name: value.strip() if isinstance(value, str) else value
        for name, value in form.data.items()
        if name not in ("csrf_token", "submission_key")
    }


class CampaignForm(SubmittedOnce, FlaskForm):
    """A campaign and the organisation that signs its letters."""

    name = StringField(
        _l("Campaign name"),
        validators=[*required(_l("Please give the campaign name.")), Length(max=200)],
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    organisation_name = StringField(
        _l("Organisation (letterhead)"),
        validators=[*required(_l("Please give the organisation's name.")), Length(max=200)],
    )
    organisation_contact = TextAreaField(
        _l("Contact (letterhead)"),
        validators=[Optional(), Length(max=500)],
        description=_l("Postal address, email or phone, as it should appear on letters."),
    )
    organisation_url = URLField(
        _l("Web address"), validators=[Optional(), Length(max=300)], description="https://..."
    )

    def validate_organisation_url(self, field):
        """Only web addresses, so a letterhead never links to anything else."""
        if field.data and not field.data.startswith(("https://", "http://")):
            raise ValidationError(_("A web address starts with https:// or http://."))


class CancelForm(FlaskForm):
    """Why a lobby is called off (shown on its page)."""

    reason = StringField(
        _l("Reason (shown to supporters)"), validators=[Optional(), Length(max=500)]
    )


class OwnerForm(FlaskForm):
    """Another organiser to share a campaign with."""

    email = StringField(
        _l("Organiser's email"),
        validators=[
            *required(_l("Please give the organiser's email.")),
            Length(max=254),
            Email(_l("Not an email address.")),
        ],
    )


class TargetForm(SubmittedOnce, FlaskForm):
    """An embassy, consulate or company, and who heads it."""

    kind = SelectField(
        _l("Kind"),
        choices=[SelectChoice(kind, label) for kind, label in TARGET_KINDS.items()],
        validators=[DataRequired()],
    )
    name = StringField(
        _l("Name"),
        validators=[*required(_l("Please give the target's name.")), Length(max=200)],
        description=_l("e.g. Embassy of the Republic of Kazakhstan"),
    )
    represented_country = SelectField(
        _l("Country it represents"),
        choices=country_choices(_l("None (a company)")),
        validators=[Optional()],
    )
    head_title = StringField(
        _l("Head's title"),
        validators=[Optional(), Length(max=120)],
        description=_l("e.g. Ambassador"),
    )
    head_name = StringField(_l("Head's name"), validators=[Optional(), Length(max=200)])
    address = TextAreaField(_l("Address"), validators=[Optional(), Length(max=500)])
    postcode, city, country = postcode_city_country()
    email = StringField(
        _l("Email"),
        validators=[Optional(), Length(max=254), Email(message=_l("Not an email address."))],
    )
