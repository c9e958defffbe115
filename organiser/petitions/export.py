"""CSV export of a petition's signatures, for its organisers (pure: rows -> bytes). Every
cell is defused (organiser/csv_cells.py): no spreadsheet runs it as a formula."""

from collections.abc import Iterable

from sqlalchemy import select

from organiser.csv_cells import defuse, to_csv
from organiser.extensions import db
from organiser.petitions.models import Signature

HEADER = [
    "name",
    "email",
    "city",
    "country",
    "source",
    "named in letter",
    "shown publicly",
    "signed at (UTC)",
    "confirmed at (UTC)",
    "status",
]


def _status(signature: Signature) -> str:
    if signature.invalidated_at is not None:
        return "invalidated"
    return "confirmed" if signature.confirmed_at is not None else "unconfirmed"


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else ""


def signature_rows(signatures: Iterable[Signature]) -> Iterable[list[str]]:
    """The CSV rows (header first), every cell defused."""
    yield HEADER
    for s in signatures:
        yield [
            defuse(cell)
            for cell in (
                s.name,
                s.email or "",
                s.city,
                s.country,
                s.source,
                "yes" if s.name_in_letter else "no",
                "yes" if s.show_name else "no",
                _when(s.created_at),
                _when(s.confirmed_at),
                _status(s),
            )
        ]


def petition_csv(petition_id: int) -> bytes:
    """All of a petition's signatures as CSV bytes."""
    signatures = db.session.scalars(
        select(Signature).where(Signature.petition_id == petition_id).order_by(Signature.id)
    )
    return to_csv(signature_rows(signatures))
