"""Column types shared by the models."""

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)


class InUTC(ColumnElement):
    """A timestamp column as read: on PostgreSQL, as UTC wall time (`timezone('UTC', x)`).

    PostgreSQL writes a timestamptz out in the session's time zone, and psycopg cannot load one
    that comes out past year 9999 there (the last hours of 9999 UTC, in any zone east of UTC):
    read in UTC, every value the column can hold loads.
    """

    inherit_cache = True

    def __init__(self, column):
        self.column = column
        self.type = column.type


@compiles(InUTC)
def _in_utc(element, compiler, **kw) -> str:
    return compiler.process(element.column, **kw)


@compiles(InUTC, "postgresql")
def _in_utc_postgresql(element, compiler, **kw) -> str:
    return f"timezone('UTC', {compiler.process(element.column, **kw)})"


class UTCDateTime(TypeDecorator):
    """An aware UTC instant on every database (SQLite keeps no offset, so it is added back;
    PostgreSQL hands it over in UTC, whatever the session's time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def column_expression(self, column):
        """Read in UTC (see InUTC)."""
        return InUTC(column)

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware instant is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def render_migration_item(type_, obj, _autogen_context):
    """Alembic: write UTCDateTime as a plain timestamp with time zone, so migrations stand alone."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
