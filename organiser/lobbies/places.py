"""Countries and their time zones: IANA's tables (tzdata) for zones, CLDR (Babel) for names."""

from functools import cache
from importlib.resources import files

from babel import Locale


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
