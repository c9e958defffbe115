"""CSV cells that no spreadsheet runs as a formula, and the files they go in; shared by every
export (signatures, lobbies) and read back by the lobbies' import.

No cell may reach a spreadsheet as a formula, however the program splits the file: Excel and
LibreOffice in European locales split on `;`, others on tab or `|`, and a program that ignores
quotes splits inside a quoted cell and at a line break in it. So a formula character gets a `'`
before it at the start of a cell and after every separator or line break (and any spaces and
quotes after it), wherever a split could start a new cell. Quoting every cell would not do:
a parser splitting on another delimiter does not honour it.

`undefuse` takes exactly those quotes away again, so a file exported here imports as the same
text; a cell that was never defused (no quote before its formula characters) is left as it is.
"""

import csv
import io
import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A formula character where a cell could begin: after a separator or a line break, past
# spaces and quotes.
FORMULA_AFTER_SEPARATOR = re.compile(r"([,;\t|\r\n][\s\"']*)(?=[=+\-@])")
# The quote defuse put there: right before the formula character.
QUOTE_AFTER_SEPARATOR = re.compile(r"([,;\t|\r\n][\s\"']*)'(?=[=+\-@])")


def defuse(value) -> str:
    """A cell no spreadsheet will run, however it splits it (see the module's docstring)."""
    text = "" if value is None else str(value)
    if text.lstrip(" \"'").startswith(FORMULA_STARTS):
        text = "'" + text
    return FORMULA_AFTER_SEPARATOR.sub(r"\1'", text)


def undefuse(text: str) -> str:
    """The text a defused cell was made from (undefuse(defuse(t)) == t for every t)."""
    text = QUOTE_AFTER_SEPARATOR.sub(r"\1", text)
    if text.startswith("'") and text[1:].lstrip(" \"'").startswith(FORMULA_STARTS):
        text = text[1:]
    return text


def to_csv(rows: Iterable[list[str]]) -> bytes:
    """UTF-8 with a BOM (so Excel reads accents), RFC 4180 quoting and CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows(rows)
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
