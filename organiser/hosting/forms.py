"""The host's form (the organisers' lobby form, its time and zone rules included, without
what only organisers write), the organisers' switch, and the one-button forms."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import AnyOf, Length, Optional

from organiser.db_types import utcnow
from organiser.lobbies.lobby_form import LobbyForm
from organiser.petitions.forms import your_email, your_name


class HostForm(LobbyForm):
    """A local host's proposal: who they are, the place, the local time, the target, a pin.

    LobbyForm's fields and checks (zone from the country, zone against the country, times the
    clocks skip or repeat, the end after the start) with the organisers' own fields removed."""

    title = None
    directions = None
    demands = None
    description = None
    submission_key = None  # a repeated proposal is limited by rate, not by a one-time key

    host_name = your_name(
        _l("Shown to the campaign's organisers, and in the lobby's log on the day.")
    )
    host_email = your_email(
        _l("Only for the organisers and your private link. Never shown publicly.")
    )
    message = TextAreaField(
        _l("Anything the organisers should know"),
        validators=[Optional(), Length(max=1000)],
        description=_l("e.g. who is coming, what you have planned. Only the organisers read it."),
    )
    website = StringField(_l("Leave this empty"), validators=[Length(max=200)])  # the honeypot

    MODEL_FIELDS = (
        "venue",
        "address",
        "postcode",
        "city",
        "country",
        "latitude",
        "longitude",
        "timezone",
    )

    def validate(self, extra_validators=None) -> bool:
        """The lobby form's checks, then: the lobby is still to come."""
        if not super().validate(extra_validators):
            return False
        if self.starts_at <= utcnow():
            self.date.errors.append(_("That time has already passed: a lobby to host is to come."))
            return False
        return True

    def proposal_fields(self) -> dict:
        """The validated form as HostedLobby attributes (the email normalised)."""
        fields = {name: getattr(self, name).data for name in self.MODEL_FIELDS}
        for name in ("venue", "address", "postcode", "city"):
            fields[name] = (fields[name] or "").strip()
        return {
            **fields,
            "host_name": self.host_name.data,
            "host_email": self.host_email.address.email,
            "message": (self.message.data or "").strip(),
            "target_id": self.target_id.data or None,
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
        }


class HostingSwitchForm(FlaskForm):
    """Open or close the campaign to local hosts' proposals."""

    open = HiddenField(validators=[AnyOf(["0", "1"])])


class ButtonForm(FlaskForm):
    """A form that is only a button (confirm an email, reject a proposal): its CSRF token."""
