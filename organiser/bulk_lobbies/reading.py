"""Reading an uploaded file into lines of cells: the encoding, the separator, the header and
the limits, each refused with a message that says what to do instead."""

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from organiser.bulk_lobbies.columns import COLUMNS, MAX_ROWS, REQUIRED, column_name

SAVE_AS = _l(
    "In Excel, save it as “CSV UTF-8 (comma delimited)”; in LibreOffice, as CSV with the "
    "UTF-8 character set."
)
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SEPARATORS = (",", ";", "\t")


class FileRefused(ValueError):
    """A file that cannot be read as lobbies at all (the message says why)."""


@dataclass
class Problem:
    """What is wrong, on which line of the file and (if one) in which column."""

    line: int
    column: str
    message: str


@dataclass
class Table:
    """A file's lobby rows: each its line number and its cells by column."""

    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def decode(data: bytes) -> str:
    """The file's text: UTF-8 with or without a BOM; anything else refused."""
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        raise FileRefused(
            _(
                "This is not a CSV file: it looks like an Excel workbook. %(save_as)s",
                save_as=SAVE_AS,
            )
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or looks_utf16(data):
        raise FileRefused(
            _("This file is saved as UTF-16 (“Unicode text”). %(save_as)s", save_as=SAVE_AS)
        )
    if CONTROL_BYTES.search(data):
        raise FileRefused(
            _(
                "This is not a CSV file (it looks like a spreadsheet or another binary file). "
                "%(save_as)s",
                save_as=SAVE_AS,
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FileRefused(
            _(
                "Line %(line)d is not UTF-8: the file looks saved as Latin-1 or Windows-1252. "
                "%(save_as)s",
                line=line,
                save_as=SAVE_AS,
            )
        ) from error


def looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: text in which every other byte, and only those, is a NUL."""
    head = data[:200]
    evens, odds = head[0::2].count(0), head[1::2].count(0)
    return len(head) >= 4 and min(evens, odds) == 0 and max(evens, odds) > len(head) // 4


def separator(text: str) -> str:
    """The separator the header line uses most: `,`, or `;` (Excel in Europe), or tab."""
    header = text.split("\n", 1)[0]
    return max(SEPARATORS, key=header.count)


def records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record of the file with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text))
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger" in str(error):
                raise FileRefused(
                    _(
                        "Line %(line)d: a cell is longer than %(max)s characters.",
                        line=line,
                        max=format_decimal(csv.field_size_limit()),
                    )
                ) from error
            raise FileRefused(_("Line %(line)d: %(error)s.", line=line, error=error)) from error
        yield line, cells
        line = reader.line_num + 1


def read_table(text: str) -> Table:
    """The header checked, then every non-blank row as cells by column (at most MAX_ROWS)."""
    found = records(text)
    header_line, header = next(found, (1, []))
    columns = [column_name(heading) for heading in header]
    table = Table(columns)
    table.problems.extend(header_problems(header_line, header, columns))
    for line, cells in found:
        if not any(cell.strip() for cell in cells):
            continue
        if len(table.rows) == MAX_ROWS:
            raise FileRefused(
                _(
                    "The file has more than %(max)s lobbies: split it into smaller files.",
                    max=format_decimal(MAX_ROWS),
                )
            )
        if len(cells) > len(columns):
            table.problems.append(
                Problem(
                    line,
                    "",
                    _(
                        "%(cells)d cells, but the header names %(columns)d columns.",
                        cells=len(cells),
                        columns=len(columns),
                    ),
                )
            )
            continue
        by_column = list(zip(columns, cells, strict=False))
        if any(cell.strip() for name, cell in by_column if not name):
            table.problems.append(Problem(line, "", _("a value under a column with no name.")))
            continue
        table.rows.append((line, {name: cell for name, cell in by_column if name}))
    if not table.rows and not table.problems:
        raise FileRefused(_("The file has no lobbies: only its header."))
    return table


def header_problems(line: int, header: list[str], columns: list[str]) -> list[Problem]:
    """Unknown, repeated and missing columns of the header line."""
    problems = [
        Problem(
            line,
            "",
            _(
                "unknown column “%(heading)s”: the columns are %(columns)s.",
                heading=heading.strip(),
                columns=", ".join(COLUMNS),
            ),
        )
        for heading, name in zip(header, columns, strict=True)
        if name and name not in COLUMNS
    ]
    repeated = sorted({name for name in columns if name and columns.count(name) > 1})
    problems += [
        Problem(line, "", _("the column “%(name)s” is there twice.", name=name))
        for name in repeated
    ]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        problems.append(
            Problem(
                line,
                "",
                _(
                    "the first line must name the columns, at least %(required)s "
                    "(missing: %(missing)s).",
                    required=", ".join(REQUIRED),
                    missing=", ".join(missing),
                ),
            )
        )
    return problems
