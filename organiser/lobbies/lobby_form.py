"""The lobby form: place, the time at the venue turned into instants, demands; the zone checked
against the country, half a pin refused, a chosen target filling a blank place. Hosts' proposals
use it too (hosting/forms.py)."""

from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FloatField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from organiser.dates import in_range
from organiser.lobbies.forms import postcode_city_country, required
from organiser.lobbies.localtime import (
    AmbiguousLocalTime,
    LocalTimeError,
    occurrence,
    to_utc,
    zone_names,
)
from organiser.lobbies.places import (
    default_zone,
    local_country_name,
    zone_in_country,
)
from organiser.submissions import SubmittedOnce

MAX_DEMANDS = 30
MAX_DEMAND_LENGTH = 500
# A lobby is a few hours outside a building; a vigil or a week of action still fits in a week.
# Anything longer is a mistyped end date, which calendars would show as a bar across weeks.
MAX_LOBBY_DAYS = 7
OCCURRENCES = [
    SelectChoice("0", _l("The first time, before the clocks go back")),
    SelectChoice("1", _l("The second time, after the clocks go back")),
]


def given(message: str):
    """A required date or time: a value that does not parse keeps its own message."""
    return [InputRequired(message=message)]


class LobbyForm(SubmittedOnce, FlaskForm):
    """A lobby, its time at the venue and its demands."""

    title = StringField(
        _l("Title"), validators=[*required(_l("Please give the title.")), Length(max=200)]
    )
    target_id = SelectField(_l("Target"), coerce=int, validators=[Optional()])
    venue = StringField(
        _l("Venue"),
        validators=[*required(_l("Please give the venue.")), Length(max=200)],
        description=_l("e.g. Outside the Kazakhstan embassy"),
    )
    address = TextAreaField(
        _l("Address"), validators=[*required(_l("Please give the address.")), Length(max=500)]
    )
    postcode, city, country = postcode_city_country()
    directions = TextAreaField(
        _l("Directions"),
        validators=[Optional(), Length(max=500)],
        description=_l("e.g. nearest tube South Kensington"),
    )
    latitude = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(-90, 90)])
    longitude = FloatField(_l("Longitude"), validators=[Optional(), NumberRange(-180, 180)])
    timezone = StringField(
        _l("Time zone"),
        validators=[Length(max=64)],
        description=_l("Leave blank to use the country's, e.g. Europe/London."),
    )
    date = DateField(_l("Date"), validators=[*given(_l("Please give the date.")), in_range])
    start_time = TimeField(
        _l("Starts at (local time)"), validators=given(_l("Please give the start time."))
    )
    end_time = TimeField(
        _l("Ends at (local time)"), validators=given(_l("Please give the end time."))
    )
    end_date = DateField(
        _l("End date"),
        validators=[Optional(), in_range],
        description=_l("Only if it ends on another day."),
    )
    start_occurrence = RadioField(
        _l("The start time happens twice (the clocks go back): which one?"),
        choices=OCCURRENCES,
        validators=[Optional()],
    )
    end_occurrence = RadioField(
        _l("The end time happens twice (the clocks go back): which one?"),
        choices=OCCURRENCES,
        validators=[Optional()],
    )
    demands = TextAreaField(
        _l("Demands"),
        validators=[Optional(), Length(max=MAX_DEMANDS * (MAX_DEMAND_LENGTH + 2))],
        description=_l("One per line, in order."),
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    # Carries the zone the organiser confirmed (a checkbox shown only when the zone is not one
    # of the country's), so a confirmation never stands for a zone changed since.
    zone_confirmed = StringField(
        _l("Confirm the time zone"), validators=[Optional(), Length(max=64)]
    )

    starts_at: datetime | None = None
    ends_at: datetime | None = None
    zone_mismatch = False  # set by validate: the page shows the confirmation checkbox
    # Each target's id to its place (address, postcode, city, country): the view sets it.
    target_places: dict[int, dict[str, str]] = {}

    MODEL_FIELDS = (
        "title",
        "venue",
        "address",
        "postcode",
        "city",
        "country",
        "directions",
        "latitude",
        "longitude",
        "timezone",
        "description",
    )

    def lobby_fields(self) -> dict:
        """The validated form as Lobby attributes."""
        fields = {name: getattr(self, name).data for name in self.MODEL_FIELDS}
        for name in ("title", "venue", "address", "postcode", "city", "directions", "description"):
            fields[name] = (fields[name] or "").strip()
        fields.update(
            target_id=self.target_id.data or None, starts_at=self.starts_at, ends_at=self.ends_at
        )
        return fields

    def load(self, lobby) -> None:
        """Fill the form from a lobby, in its local time (for editing and duplicating)."""
        self.process(obj=lobby)
        self.target_id.data = lobby.target_id or 0
        self.date.data, self.start_time.data = lobby.local_start.date(), lobby.local_start.time()
        self.end_time.data = lobby.local_end.time()
        if lobby.local_end.date() != lobby.local_start.date():
            self.end_date.data = lobby.local_end.date()
        for field, local in (
            (self.start_occurrence, lobby.local_start),
            (self.end_occurrence, lobby.local_end),
        ):
            which = occurrence(local)
            field.data = None if which is None else str(which)
        self.demands.data = "\n".join(demand.text for demand in lobby.demands)

    # What a duplicate leaves behind: its place is another city's, and the zone follows the
    # country chosen for the copy (the template says so).
    NOT_DUPLICATED = (
        "address",
        "postcode",
        "city",
        "country",
        "directions",
        "latitude",
        "longitude",
        "timezone",
    )

    def load_duplicate(self, lobby) -> None:
        """Fill the form from a lobby for a copy in another city: the target, title, venue,
        demands, description, date and times; not its place, directions or zone."""
        self.load(lobby)
        for name in self.NOT_DUPLICATED:
            getattr(self, name).data = None if name in ("latitude", "longitude") else ""

    def demand_lines(self) -> list[str]:
        """The demands, one per non-empty line, with list markers removed."""
        lines = (
            line.strip().lstrip("-*•").strip() for line in (self.demands.data or "").splitlines()
        )
        return [line for line in lines if line]

    def validate_demands(self, field):
        """Not too many demands, none too long."""
        lines = self.demand_lines()
        if len(lines) > MAX_DEMANDS:
            raise ValidationError(_("At most %(num)d demands.", num=MAX_DEMANDS))
        if any(len(line) > MAX_DEMAND_LENGTH for line in lines):
            raise ValidationError(
                _("Each demand must be at most %(num)d characters.", num=MAX_DEMAND_LENGTH)
            )

    def validate_timezone(self, field):
        """A known IANA zone, or one the country implies."""
        field.data = (field.data or "").strip()
        if field.data:
            if field.data not in zone_names():
                raise ValidationError(
                    _("“%(zone)s” is not a time zone, e.g. Europe/London.", zone=field.data)
                )
        elif self.country.data:
            field.data = default_zone(self.country.data) or ""
            if not field.data:
                raise ValidationError(
                    _(
                        "%(country)s has several time zones: choose one.",
                        country=local_country_name(self.country.data),
                    )
                )

    PLACE_FIELDS = ("address", "postcode", "city", "country")

    def fill_place_from_target(self) -> None:
        """A chosen target's place, when the organiser left every place field blank."""
        place = self.target_places.get(self.target_id.data or 0)
        given = [(getattr(self, name).data or "").strip() for name in self.PLACE_FIELDS]
        if place and not any(given):
            for name in self.PLACE_FIELDS:
                getattr(self, name).data = place[name]

    def validate(self, extra_validators=None) -> bool:
        """Field checks, the zone against the country's, then the local times turned into
        instants in the lobby's zone."""
        self.fill_place_from_target()
        valid = super().validate(extra_validators)
        valid = self._pin_is_whole() and valid
        valid = self._zone_fits_country() and valid
        return valid and self._resolve_times()

    def _pin_is_whole(self) -> bool:
        """A map pin has both coordinates or none (half a pin puts no marker anywhere)."""
        latitude, longitude = self.latitude, self.longitude
        if latitude.errors or longitude.errors:
            return True  # each already says what is wrong with it
        if (latitude.data is None) != (longitude.data is None):
            longitude.errors.append(_("Give both latitude and longitude, or neither."))
            return False
        return True

    def _zone_fits_country(self) -> bool:
        """A zone none of the country's clocks follow (Asia/Tokyo in France) only once the
        organiser confirms that very zone."""
        zone, country = self.timezone.data, self.country.data
        if self.timezone.errors or self.country.errors or not zone or not country:
            return True
        if zone_in_country(zone, country) or self.zone_confirmed.data == zone:
            return True
        self.zone_mismatch = True
        name = local_country_name(country)
        self.zone_confirmed.label.text = _(
            "Yes, this lobby uses %(zone)s although it is in %(country)s",
            zone=zone,
            country=name,
        )
        self.zone_confirmed.errors = [
            _(
                "%(zone)s is not a time zone of %(country)s: correct it, or confirm it.",
                zone=zone,
                country=name,
            )
        ]
        return False

    def _resolve_times(self) -> bool:
        """Each of start and end to an instant, each with its own choice of a repeated time;
        the end after the start, and at most MAX_LOBBY_DAYS after it."""
        start = datetime.combine(self.date.data, self.start_time.data)
        end = datetime.combine(self.end_date.data or self.date.data, self.end_time.data)
        self.starts_at = self._instant(start, self.start_time, self.start_occurrence)
        self.ends_at = self._instant(end, self.end_time, self.end_occurrence)
        if self.starts_at is None or self.ends_at is None:
            return False
        if self.ends_at <= self.starts_at:
            self.end_time.errors.append(_("The end must be after the start."))
            return False
        if end - start > timedelta(days=MAX_LOBBY_DAYS):  # on the venue's wall clock
            self.end_date.errors.append(
                _("A lobby lasts at most %(num)d days: check the end date.", num=MAX_LOBBY_DAYS)
            )
            return False
        return True

    def _instant(self, local: datetime, field, choice) -> datetime | None:
        """The instant of a local time, or None with the error next to its field."""
        fold = int(choice.data) if choice.data in ("0", "1") else None
        try:
            return to_utc(local, self.timezone.data, fold)
        except LocalTimeError as error:
            field.errors.append(str(error))
            if isinstance(error, AmbiguousLocalTime):
                choice.errors.append(_("Choose which of the two you mean."))
            return None
