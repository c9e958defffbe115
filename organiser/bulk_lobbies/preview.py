"""What the preview shows of each row: the lobby as it will be saved, in the venue's local
time with its zone's abbreviation, or the cells as written where they could not be read."""

from dataclasses import dataclass

from flask_babel import gettext as _

from organiser.bulk_lobbies.rows import Draft
from organiser.lobbies.localtime import clock_time, local_day, reader_language, wall_clock
from organiser.lobbies.places import local_country_name


@dataclass(frozen=True)
class Shown:
    """One row of the preview."""

    line: int
    title: str
    place: str
    when: str
    venue: str
    address: str
    target: str
    demands: list[str]
    problems: list


def when(draft: Draft) -> str:
    """Start and end on the venue's wall clock, or the cells as written."""
    fields, zone = draft.fields, draft.fields.get("timezone", "")
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    if starts and ends and not any(p.column in ("start", "end") for p in draft.problems):
        same_day = local_day(starts, zone) == local_day(ends, zone)
        language = reader_language()
        end = clock_time(ends, zone) if same_day else wall_clock(ends, zone, language)
        return _("%(start)s to %(end)s", start=wall_clock(starts, zone, language), end=end)
    cells = draft.cells
    return " ".join(cells.get(name, "") for name in ("date", "start", "end") if cells.get(name))


def shown(draft: Draft) -> Shown:
    """The preview's row for a draft."""
    fields = draft.fields
    country = fields.get("country")
    country = local_country_name(country) if country else draft.cells.get("country", "")
    place = f"{fields.get('city', '')}, {country}"
    return Shown(
        line=draft.line,
        title=fields.get("title", ""),
        place=place,
        when=when(draft),
        venue=fields.get("venue", ""),
        address=fields.get("address", ""),
        target=draft.target_name,
        demands=draft.demands,
        problems=draft.problems,
    )
