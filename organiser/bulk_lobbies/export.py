"""The campaign's lobbies in the import's own shape: CSV (every cell defused, see
organiser/csv_cells.py) and an .xlsx workbook (every cell a string, never a formula). Local
wall times as the venue reads them; a repeated time carries its offset, so the file imports
back as the same instants."""

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from organiser.bulk_lobbies.columns import COLUMNS
from organiser.bulk_lobbies.times import clock, written
from organiser.csv_cells import defuse, to_csv
from organiser.extensions import db
from organiser.lobbies.localtime import occurrence
from organiser.lobbies.models import Campaign, Lobby

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def campaign_lobbies(campaign: Campaign) -> list[Lobby]:
    """The campaign's lobbies, soonest first, with their demands and targets loaded."""
    return db.session.scalars(
        select(Lobby)
        .where(Lobby.campaign_id == campaign.id)
        .options(selectinload(Lobby.demands), selectinload(Lobby.target))
        .order_by(Lobby.starts_at, Lobby.id)
    ).all()


def wall_time(local, zone: str) -> str:
    """A local time as the import reads it: with its offset only when it happens twice."""
    which = occurrence(local)
    return clock(local) if which is None else written(local.replace(tzinfo=None), zone, which)


def cells(lobby: Lobby) -> dict[str, str]:
    """One lobby's cells by column (plain text, not yet defused)."""
    start, end = lobby.local_start, lobby.local_end
    ends = wall_time(end, lobby.timezone)
    if end.date() != start.date():
        ends = f"{end:%Y-%m-%d} {ends}"
    return {
        "city": lobby.city,
        "country": lobby.country,
        "venue": lobby.venue,
        "address": lobby.address,
        "postcode": lobby.postcode,
        "date": f"{start:%Y-%m-%d}",
        "start": wall_time(start, lobby.timezone),
        "end": ends,
        "zone": lobby.timezone,
        "target": lobby.target.name if lobby.target else "",
        "title": lobby.title,
        "demands": "\n".join(demand.text for demand in lobby.demands),
        "directions": lobby.directions,
        "latitude": "" if lobby.latitude is None else repr(lobby.latitude),
        "longitude": "" if lobby.longitude is None else repr(lobby.longitude),
        "description": lobby.description,
    }


def rows(lobbies: Iterable[Lobby]) -> Iterable[list[str]]:
    """The header, then each lobby's cells in column order."""
    yield list(COLUMNS)
    for lobby in lobbies:
        by_column = cells(lobby)
        yield [by_column[column] for column in COLUMNS]


def lobbies_csv(campaign: Campaign) -> bytes:
    """The campaign's lobbies as CSV bytes, every cell defused."""
    return to_csv([defuse(cell) for cell in row] for row in rows(campaign_lobbies(campaign)))


def lobbies_xlsx(campaign: Campaign) -> bytes:
    """The campaign's lobbies as an .xlsx workbook, every cell a string."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Lobbies")
    for row in rows(campaign_lobbies(campaign)):
        sheet.append([text_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def text_cell(sheet, value: str) -> WriteOnlyCell:
    """A string cell, even for text that starts with = (openpyxl would make it a formula);
    characters a workbook cannot hold (control characters) left out."""
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell
