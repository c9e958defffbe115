"""Countries and their time zones: IANA's tables (tzdata) for zones, CLDR (Babel) for names.

countries() and country_name() are English (data: feeds, CSV files, matching typed names);
local_countries() and local_country_name() are in the reader's language, for pages.
"""

import unicodedata
from functools import cache
from importlib.resources import files

from babel import Locale, UnknownLocaleError

from organiser.lobbies.localtime import reader_language

# Letters Swedish sorts after z, in this order (other languages file Ö under O).
AFTER_Z = {"sv": {"å": "{", "ä": "|", "ö": "}"}}  # characters after z in code order


def _rows(name: str) -> list[list[str]]:
    text = files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def countries() -> dict[str, str]:
    """ISO 3166 code to English name, sorted by name."""
    territories = Locale("en").territories
    names = {row[0]: territories.get(row[0], row[1]) for row in _rows("iso3166.tab")}
    return dict(sorted(names.items(), key=lambda item: item[1]))


@cache
def zones_by_country() -> dict[str, list[str]]:
    """ISO code to that country's zones, the most populous region first (zone.tab's order)."""
    zones: dict[str, list[str]] = {}
    for row in _rows("zone.tab"):
        zones.setdefault(row[0], []).append(row[2])
    return zones


def country_name(code: str) -> str:
    """The English name of a country code, or the code itself if unknown."""
    return countries().get(code, code)


def sort_key(name: str, language: str) -> str:
    """A name's place in an alphabetical list in that language (accents aside, except the
    letters a language files after z); English lists keep their plain order."""
    if language == "en":
        return name
    after_z = AFTER_Z.get(language, {})
    text = "".join(after_z.get(letter, letter) for letter in name.casefold())
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(letter for letter in decomposed if not unicodedata.combining(letter))


@cache
def _local_countries(language: str) -> dict[str, str]:
    try:
        territories = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        territories = {}
    names = {code: territories.get(code, name) for code, name in countries().items()}
    if language == "en":
        return names  # countries()'s own order
    return dict(sorted(names.items(), key=lambda item: (sort_key(item[1], language), item[1])))


def local_countries(language: str | None = None) -> dict[str, str]:
    """ISO code to the country's name in the reader's language (English where CLDR has no
    name), sorted by that name."""
    return _local_countries(language or reader_language())


def local_country_name(code: str, language: str | None = None) -> str:
    """A country's name in the reader's language, else English, else the code itself."""
    return local_countries(language).get(code, code)


@cache
def default_zone(code: str) -> str | None:
    """The zone a lobby in this country most likely uses, when there is no doubt about it."""
    zones = zones_by_country().get(code, [])
    if len(zones) == 1:
        return zones[0]
    mainland = [row for row in _rows("zone.tab") if row[0] == code and len(row) > 3]
    for row in mainland:
        if row[3].lower().startswith(("most", "mainland")) or "(mainland)" in row[3].lower():
            return row[2]
    return None


@cache
def _links() -> dict[str, str]:
    """Each old or alternative zone name (a link in tzdata.zi) to the zone it names."""
    text = files("tzdata.zoneinfo").joinpath("tzdata.zi").read_text(encoding="utf-8")
    return {parts[2]: parts[1] for parts in map(str.split, text.splitlines()) if parts[:1] == ["L"]}


def _canonical(zone: str) -> str:
    links = _links()
    for _ in range(8):  # links point at zones, but follow a chain should one appear
        if zone not in links:
            break
        zone = links[zone]
    return zone


@cache
def _country_clocks() -> dict[str, frozenset[str]]:
    """ISO code to every zone its clocks follow: zone.tab's names and zone1970.tab's shared
    zones (Europe/Zurich is Liechtenstein's too), each as the zone its name links to."""
    clocks: dict[str, set[str]] = {}
    for code, names in zones_by_country().items():
        clocks.setdefault(code, set()).update(_canonical(name) for name in names)
    for row in _rows("zone1970.tab"):
        for code in row[0].split(","):
            clocks.setdefault(code, set()).add(_canonical(row[2]))
    return {code: frozenset(zones) for code, zones in clocks.items()}


def zones_of(country: str) -> list[str]:
    """The country's own zone names (zone.tab), the most populous region first; [] if unknown."""
    return list(zones_by_country().get(country, []))


def zone_in_country(zone: str, country: str) -> bool:
    """Whether clocks in this country follow this zone (an old name of one counts too)."""
    return _canonical(zone) in _country_clocks().get(country, frozenset())
