"""The columns of a lobbies file, the same for import and export, and their limits: the lobby
form's (organiser/lobbies/lobby_form.py), read from its fields so the two cannot drift apart."""

from flask_babel import lazy_gettext as _l
from wtforms.validators import Length

from organiser.lobbies.lobby_form import LobbyForm

# In the order the export writes them.
COLUMNS = (
    "city",
    "country",
    "venue",
    "address",
    "postcode",
    "date",
    "start",
    "end",
    "zone",
    "target",
    "title",
    "demands",
    "directions",
    "latitude",
    "longitude",
    "description",
)
REQUIRED = ("city", "country", "venue", "address", "date", "start", "end")
# What people call a column in their own sheets, to the column it is.
ALIASES = {
    "time zone": "zone",
    "timezone": "zone",
    "start time": "start",
    "end time": "end",
    "postal code": "postcode",
    "zip": "postcode",
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
}
# A required cell left empty: what the row's problem says (else "Please give the <column>.").
MISSING = {
    "start": _l("Please give the start time."),
    "end": _l("Please give the end time."),
}

MAX_FILE_BYTES = 1_000_000  # within the app's MAX_CONTENT_LENGTH (1 MiB) with the form around it
MAX_ROWS = 2_000


def form_limit(name: str) -> int:
    """The longest text the lobby form takes in this field."""
    validators = getattr(LobbyForm, name).kwargs.get("validators", [])
    return next(v.max for v in validators if isinstance(v, Length))


def limits() -> dict[str, int]:
    """Each text column's longest cell, as the lobby form has it."""
    names = {"zone": "timezone"}
    text_columns = (
        "city",
        "venue",
        "address",
        "postcode",
        "zone",
        "title",
        "demands",
        "directions",
        "description",
    )
    return {column: form_limit(names.get(column, column)) for column in text_columns} | {
        "target": 200,  # a target's name (Target.name)
        "country": 100,  # a code or an English name
        "date": 30,
        "start": 30,
        "end": 30,
        "latitude": 30,
        "longitude": 30,
    }


def column_name(heading: str) -> str:
    """The column a header cell names (case, spaces, _ and - do not matter)."""
    name = " ".join(heading.replace("_", " ").replace("-", " ").lower().split())
    return ALIASES.get(name, name)
