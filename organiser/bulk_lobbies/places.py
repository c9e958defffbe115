"""Countries as a file names them: an ISO code or an English name. (Which zones belong to a
country is the lobby form's check, organiser/lobbies/places.py, used as it is.)"""

from functools import cache

from organiser.lobbies import places

# Names people write that are not CLDR's English name for the country.
OTHER_NAMES = {
    "uk": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "usa": "US",
    "united states of america": "US",
    "czech republic": "CZ",
    "holland": "NL",
    "the netherlands": "NL",
}


@cache
def codes_by_name() -> dict[str, str]:
    """Casefolded English name (or other common name) to ISO code."""
    names = {name.casefold(): code for code, name in places.countries().items()}
    return names | OTHER_NAMES


def country_code(text: str) -> str | None:
    """The ISO code of a country given by code (gb, GB) or English name; None if none."""
    if len(text) == 2 and text.upper() in places.countries():
        return text.upper()
    return codes_by_name().get(" ".join(text.split()).casefold())
