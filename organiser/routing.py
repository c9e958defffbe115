"""URL converters: an integer in a URL is an id that fits the database's integer columns."""

import builtins

from flask import Flask
from werkzeug.routing import IntegerConverter

LARGEST_ID = 2**31 - 1  # PostgreSQL's integer; SQLite's is larger, so this holds for both


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` that matches only up to LARGEST_ID: a larger number is a 404 like any
    other id that does not exist, not a database error."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002
        largest = LARGEST_ID if max is None else builtins.min(max, LARGEST_ID)
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=largest, signed=signed)


def register_converters(app: Flask) -> None:
    """Bound every `<int:...>` URL part; called before any blueprint adds its rules."""
    app.url_map.converters["int"] = BoundedIntegerConverter
