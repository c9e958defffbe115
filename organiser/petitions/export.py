"""CSV export of a petition's signatures, for its organisers (pure: rows -> bytes).

No cell may reach a spreadsheet as a formula, however the program splits the file: Excel and
LibreOffice in European locales split on `;`, others on tab or `|`, and a program that ignores
quotes splits inside a quoted cell and at a line break in it. So a formula character gets a `'`
before it at the start of a cell and after every separator or line break (and any spaces and
quotes after it), wherever a split could start a new cell. Quoting every cell would not do:
a parser splitting on another delimiter does not honour it.
"""

import csv
import io
import re
from collections.abc import Iterable

from sqlalchemy import select

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
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A formula character where a cell could begin: after a separator or a line break, past
# spaces and quotes.
FORMULA_AFTER_SEPARATOR = re.compile(r"([,;\t|\r\n][\s\"']*)(?=[=+\-@])")


def defuse(value) -> str:
    """A cell no spreadsheet will run, however it splits it (see the module's docstring)."""
    text = "" if value is None else str(value)
    if text.lstrip(" \"'").startswith(FORMULA_STARTS):
        text = "'" + text
    return FORMULA_AFTER_SEPARATOR.sub(r"\1'", text)


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


def to_csv(rows: Iterable[list[str]]) -> bytes:
    """UTF-8 with a BOM (so Excel reads accents), RFC 4180 quoting and CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows(rows)
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def petition_csv(petition_id: int) -> bytes:
    """All of a petition's signatures as CSV bytes."""
    signatures = db.session.scalars(
        select(Signature).where(Signature.petition_id == petition_id).order_by(Signature.id)
    )
    return to_csv(signature_rows(signatures))
