"""One row of a lobbies file read into the lobby it will be, or the problems that stop it."""

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from organiser.bulk_lobbies import times
from organiser.bulk_lobbies.columns import MISSING, REQUIRED, limits
from organiser.bulk_lobbies.places import country_code
from organiser.bulk_lobbies.reading import Problem
from organiser.csv_cells import undefuse
from organiser.lobbies.lobby_form import MAX_DEMAND_LENGTH, MAX_DEMANDS, MAX_LOBBY_DAYS
from organiser.lobbies.localtime import LocalTimeError, zone_names
from organiser.lobbies.places import default_zone, local_country_name, zone_in_country, zones_of

DEMAND_BREAK = re.compile(r"\s*[\r\n]+\s*|\s+\|\s+")


@dataclass(frozen=True)
class TargetChoice:
    """A target of the campaign, as a row's target cell may name it."""

    id: int
    name: str
    city: str
    country: str


@dataclass
class Draft:
    """A row as the lobby it will be: create_lobby's fields, its demands, what is wrong."""

    line: int
    cells: dict[str, str]
    fields: dict = field(default_factory=dict)
    demands: list[str] = field(default_factory=list)
    target_name: str = ""
    problems: list[Problem] = field(default_factory=list)

    def problem(self, column: str, message: str) -> None:
        """Note what is wrong in this row's column."""
        self.problems.append(Problem(self.line, column, message))


def normal(name: str) -> str:
    """A name as matched: case and runs of spaces do not matter."""
    return " ".join(name.split()).casefold()


def read_row(line: int, raw: dict[str, str], campaign_name: str, targets: dict) -> Draft:
    """The lobby a row stands for; targets maps normal(name) to TargetChoices."""
    cells = {name: undefuse(value).strip() for name, value in raw.items()}
    draft = Draft(line, cells)
    longest = limits()
    for column, value in cells.items():
        if len(value) > longest[column]:
            draft.problem(
                column,
                _(
                    "At most %(max)s characters (this has %(length)s).",
                    max=format_decimal(longest[column]),
                    length=format_decimal(len(value)),
                ),
            )
            cells[column] = ""
    for column in REQUIRED:
        if not cells.get(column) and not any(p.column == column for p in draft.problems):
            missing = MISSING.get(column)
            message = str(missing) if missing else _("Please give the %(column)s.", column=column)
            draft.problem(column, message)
    text = {column: cells.get(column, "") for column in ("venue", "address", "postcode", "city")}
    draft.fields.update(text, directions=cells.get("directions", ""))
    draft.fields["description"] = cells.get("description", "")
    default_title = _("%(campaign)s in %(city)s", campaign=campaign_name, city=text["city"])
    draft.fields["title"] = cells.get("title") or default_title[:200]
    read_place(draft)
    read_times(draft)
    read_coordinates(draft)
    read_demands(draft)
    read_target(draft, targets)
    return draft


def read_place(draft: Draft) -> None:
    """The country's code, and the zone: the one given (which must be the country's) or the
    country's only one."""
    given, zone = draft.cells.get("country", ""), draft.cells.get("zone", "")
    country = country_code(given) if given else None
    if given and country is None:
        draft.problem(
            "country",
            _("“%(given)s” is not a country: give its code (GB) or English name.", given=given),
        )
    if zone and zone not in zone_names():
        draft.problem("zone", _("“%(zone)s” is not a time zone, e.g. Europe/London.", zone=zone))
        zone = ""
    elif zone and country and not zone_in_country(zone, country):
        zones = ", ".join(zones_of(country)[:6])
        name = local_country_name(country)
        draft.problem(
            "zone",
            _(
                "%(zone)s is not a time zone of %(country)s (its zones: %(zones)s).",
                zone=zone,
                country=name,
                zones=zones,
            ),
        )
        zone = ""
    elif not zone and country:
        zone = default_zone(country) or ""
        if not zone:
            name, zones = local_country_name(country), zones_of(country)
            draft.problem(
                "zone",
                _(
                    "%(country)s has several time zones: give one, e.g. %(zones)s.",
                    country=name,
                    zones=", ".join(zones[:3]),
                ),
            )
    draft.fields.update(country=country or "", timezone=zone)


def read_times(draft: Draft) -> None:
    """Start and end as instants in the lobby's zone, the end after the start and within
    MAX_LOBBY_DAYS of it on the venue's wall clock."""
    cells, zone = draft.cells, draft.fields["timezone"]
    try:
        day = times.read_date(cells["date"]) if cells.get("date") else None
    except times.CellError as error:
        draft.problem("date", str(error))
        day = None
    start = end = None
    if day and cells.get("start"):
        try:
            at, start_offset = times.read_time(cells["start"])
            start = datetime.combine(day, at)
        except times.CellError as error:
            draft.problem("start", str(error))
    if day and cells.get("end"):
        try:
            end, end_offset = times.read_end(cells["end"], day)
        except times.CellError as error:
            draft.problem("end", str(error))
    if start is None or end is None or not zone:
        return
    if end - start > timedelta(days=MAX_LOBBY_DAYS):
        draft.problem(
            "end",
            ngettext(
                "A lobby lasts at most %(num)d day: check the end date.",
                "A lobby lasts at most %(num)d days: check the end date.",
                MAX_LOBBY_DAYS,
            ),
        )
        return
    for column, local, offset in (("start", start, start_offset), ("end", end, end_offset)):
        try:
            draft.fields[f"{column}s_at"] = times.instant(local, zone, offset)
        except LocalTimeError as error:
            draft.problem(column, str(error))
    starts, ends = draft.fields.get("starts_at"), draft.fields.get("ends_at")
    if starts and ends and ends <= starts:
        draft.problem(
            "end",
            _(
                "The end must be after the start. For a lobby past midnight, give the end's "
                "date too, e.g. 2031-12-17 01:00."
            ),
        )


def read_coordinates(draft: Draft) -> None:
    """Latitude and longitude: both or neither, each a number in its range."""
    found = {}
    for column, bound in (("latitude", 90), ("longitude", 180)):
        text = draft.cells.get(column, "")
        if not text:
            continue
        number = text.replace(",", ".") if "." not in text else text  # 51,5 in Europe
        try:
            value = float(number)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            draft.problem(column, _("“%(text)s” is not a number.", text=text))
        elif not -bound <= value <= bound:
            draft.problem(column, _("Between -%(bound)d and %(bound)d.", bound=bound))
        else:
            found[column] = value
    given = [c for c in ("latitude", "longitude") if draft.cells.get(c)]
    if len(given) == 1:
        other = "longitude" if given[0] == "latitude" else "latitude"
        draft.problem(other, _("Give both latitude and longitude, or neither."))
    draft.fields.update(latitude=found.get("latitude"), longitude=found.get("longitude"))


def read_demands(draft: Draft) -> None:
    """Demands separated by " | " or line breaks, list markers removed (as the form does)."""
    parts = (
        part.strip().lstrip("-*•").strip()
        for part in DEMAND_BREAK.split(draft.cells.get("demands", ""))
    )
    draft.demands = [part for part in parts if part]
    if len(draft.demands) > MAX_DEMANDS:
        draft.problem("demands", _("At most %(num)d demands.", num=MAX_DEMANDS))
    elif any(len(demand) > MAX_DEMAND_LENGTH for demand in draft.demands):
        draft.problem(
            "demands",
            _("Each demand must be at most %(num)d characters.", num=MAX_DEMAND_LENGTH),
        )


def read_target(draft: Draft, targets: dict) -> None:
    """The campaign's target of that name; of several, the one in the lobby's city."""
    name = draft.target_name = draft.cells.get("target", "")
    draft.fields["target_id"] = None
    if not name:
        return
    found = targets.get(normal(name), [])
    if len(found) > 1:
        city = normal(draft.fields["city"])
        found = [t for t in found if normal(t.city) == city] or found
    if not found:
        draft.problem(
            "target",
            _(
                "No target of this campaign is called “%(name)s”: add it first, or check the "
                "spelling.",
                name=name,
            ),
        )
    elif len(found) > 1:
        cities = ", ".join(sorted(t.city for t in found))
        draft.problem(
            "target",
            _(
                "%(num)d targets are called “%(name)s” (%(cities)s): give them different names.",
                num=len(found),
                name=name,
                cities=cities,
            ),
        )
    else:
        draft.fields["target_id"] = found[0].id
        draft.target_name = found[0].name
