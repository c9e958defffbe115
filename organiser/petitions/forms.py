"""Forms: signing (public), petitions, paper signatures and invalidation (organisers)."""

import ipaddress
from datetime import UTC, datetime, time, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from organiser.dates import in_range
from organiser.lobbies.places import countries
from organiser.mail import NotABareAddress, parse_address
from organiser.petitions.free_text import name_problem, place_problem, tidy
from organiser.petitions.models import PETITION_STATUSES
from organiser.submissions import SubmittedOnce

DOMAIN_RE = r"^@?[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"
STATUS_LABELS = {"open": _l("Open"), "closed": _l("Closed")}  # as PETITION_STATUSES


def country_choices() -> list[tuple[str, str]]:
    """Countries for a select, a blank first."""
    return [("", _("Choose your country")), *countries().items()]


def strip(value):
    """Trim surrounding spaces before validation."""
    return value.strip() if isinstance(value, str) else value


def known_country(form, field) -> None:
    """A country code from the list."""
    if field.data and field.data not in countries():
        raise ValidationError(_("Please choose your country from the list."))


def plain_name(form, field) -> None:
    """A name of letters (free_text.py): no web address, no formula, nothing else to mail."""
    problem = name_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


def plain_place(form, field) -> None:
    """A town or city of letters (free_text.py), if given."""
    problem = place_problem(field.data or "")
    if field.data and problem:
        raise ValidationError(problem)


def bare_email(form, field) -> None:
    """One bare address (name@example.org), kept normalised on the field as `address`."""
    try:
        field.address = parse_address(field.data or "")
    except NotABareAddress as error:
        raise ValidationError(
            _("That is not an email address. Give just the address, like name@example.org.")
        ) from error


def your_name(description: str = "") -> StringField:
    """A person's own name (a signer's, a host's): required, letters, at most 100 characters."""
    return StringField(
        _l("Your name"),
        filters=[tidy],
        validators=[
            DataRequired(message=_l("Please give your name.")),
            Length(max=100),
            plain_name,
        ],
        description=description,
    )


def your_email(description: str) -> StringField:
    """A person's own email, a bare address we send a confirmation link to; what it is for."""
    return StringField(
        _l("Your email"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Please give your email address: we send a link to confirm.")),
            Length(max=254),
            bare_email,
        ],
        description=description,
    )


class SignForm(FlaskForm):
    """Sign a petition."""

    name = your_name()
    email = your_email(
        _l("Only to confirm your signature. Never shown, never given to the target.")
    )
    city = StringField(
        _l("Your town or city"),
        filters=[tidy],
        validators=[Optional(), Length(max=100), plain_place],
    )
    country = StringField(  # the template renders the <select> (cached options)
        _l("Your country"),
        validators=[DataRequired(message=_l("Please choose your country.")), known_country],
    )
    show_name = BooleanField(_l("Show my name publicly on this page"))
    name_in_letter = BooleanField(
        _l("Name me in the letter to the embassy"),
        description=_l(
            "Your name and city are printed in the list of signatures handed to the "
            "target. Leave this off if you prefer not to be named to that government: you are "
            "still counted."
        ),
    )
    consent = BooleanField(
        _l("I agree to the privacy notice"),
        validators=[DataRequired(message=_l("Please agree to the privacy notice to sign."))],
    )
    website = StringField(_l("Leave this empty"), validators=[Length(max=200)])

    def model_fields(self) -> dict:
        """The signer's answers as the service takes them."""
        return {
            "name": self.name.data,
            "email": self.email.address.email,
            "email_key": self.email.address.key,
            "city": self.city.data or "",
            "country": self.country.data,
            "show_name": self.show_name.data,
            "name_in_letter": self.name_in_letter.data,
        }


class PetitionForm(SubmittedOnce, FlaskForm):
    """A petition's text, target, goal and dates."""

    title = StringField(
        _l("Title"),
        validators=[DataRequired(message=_l("Please give a title.")), Length(max=200)],
    )
    text = TextAreaField(
        _l("Text"),
        validators=[DataRequired(message=_l("Please write the petition.")), Length(max=20000)],
    )
    target_id = SelectField(_l("Addressed to"), coerce=int)
    goal = IntegerField(
        _l("Goal (signatures)"),
        default=1000,
        validators=[
            InputRequired(message=_l("Please give a goal.")),
            NumberRange(min=1, max=100_000_000, message=_l("Between 1 and 100,000,000.")),
        ],
    )
    opens_on = DateField(_l("Opens on (UTC)"), validators=[Optional(), in_range])
    closes_on = DateField(
        _l("Closes after (UTC)"),
        validators=[Optional(), in_range],
        description=_l("Signing stops at the day's end."),
    )
    status = SelectField(
        _l("Status"), choices=[SelectChoice(s, STATUS_LABELS[s]) for s in PETITION_STATUSES]
    )

    def validate_closes_on(self, field) -> None:
        """The closing date cannot come before the opening date."""
        if field.data and self.opens_on.data and field.data < self.opens_on.data:
            raise ValidationError(_("The petition cannot close before it opens."))

    def model_fields(self) -> dict:
        """The petition's attributes."""
        opens, closes = self.opens_on.data, self.closes_on.data
        return {
            "title": self.title.data.strip(),
            "text": self.text.data.strip(),
            "target_id": self.target_id.data or None,
            "goal": self.goal.data,
            "opens_at": datetime.combine(opens, time(), UTC) if opens else None,
            "closes_at": datetime.combine(closes, time(), UTC) + timedelta(days=1)
            if closes
            else None,
            "status": self.status.data,
        }


class PaperForm(SubmittedOnce, FlaskForm):
    """A signature collected on paper."""

    name = StringField(
        _l("Name"),
        filters=[tidy],
        validators=[
            DataRequired(message=_l("Please give the name.")),
            Length(max=100),
            plain_name,
        ],
    )
    city = StringField(
        _l("Town or city"), filters=[tidy], validators=[Optional(), Length(max=100), plain_place]
    )
    country = SelectField(_l("Country"), choices=country_choices, validators=[Optional()])
    name_in_letter = BooleanField(_l("Agreed to be named in the letter"))


def valid_ip(form, field) -> None:
    """An IPv4 or IPv6 address."""
    if field.data:
        try:
            ipaddress.ip_address(field.data.strip())
        except ValueError as error:
            raise ValidationError(_("That is not an IP address.")) from error


class InvalidateForm(FlaskForm):
    """Which signatures to invalidate: an email domain, an IP address, a time range (UTC)."""

    domain = StringField(
        _l("Email domain"),
        validators=[
            Optional(),
            Length(max=253),
            Regexp(DOMAIN_RE, message=_l("A domain like example.com.")),
        ],
    )
    ip = StringField(_l("IP address"), validators=[Optional(), Length(max=45), valid_ip])
    since = DateTimeLocalField(_l("Signed from (UTC)"), validators=[Optional(), in_range])
    until = DateTimeLocalField(_l("Signed before (UTC)"), validators=[Optional(), in_range])

    def validate(self, extra_validators=None) -> bool:
        """At least one criterion."""
        if not super().validate(extra_validators):
            return False
        if not (self.domain.data or self.ip.data or self.since.data or self.until.data):
            self.domain.errors.append(_("Give a domain, an IP address or a time range."))
            return False
        return True

    def criteria(self) -> dict:
        """The criteria as the service takes them."""
        aware = {k: getattr(self, k).data for k in ("since", "until")}
        return {
            "domain": (self.domain.data or "").strip(),
            "ip": (self.ip.data or "").strip(),
            **{k: v.replace(tzinfo=UTC) if v else None for k, v in aware.items()},
        }
