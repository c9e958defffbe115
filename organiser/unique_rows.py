"""Rows whose uniqueness the database decides, on SQLite and PostgreSQL.

Checking that a value is free and then inserting it is a race between two requests; a unique
index is not. Each insert is tried inside a SAVEPOINT: when the index refuses it, only the
savepoint is rolled back and the transaction goes on (to the next slug, or to the row that won).
Services flush; the view commits.
"""

import secrets
from collections.abc import Callable, Iterator
from itertools import count
from typing import TypeVar

from slugify import slugify
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from organiser.extensions import db

SLUG_ATTEMPTS = 10  # numbered slugs tried (title, title-2, ...) before a random suffix
RANDOM_ATTEMPTS = 3
SLUG_LENGTH = 80  # of the part made from the title; the columns hold 120

Row = TypeVar("Row")


def begin_writing() -> None:
    """Open this transaction for writing now, if it is not open yet.

    SQLite's Python driver begins a transaction only at the first INSERT, UPDATE or DELETE, so
    a SAVEPOINT issued before one would itself open the transaction and its RELEASE would
    commit it. BEGIN IMMEDIATE also takes the write lock at once: concurrent writers queue for
    it (the busy timeout) instead of failing to upgrade a read. PostgreSQL needs nothing.
    """
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def attempt(write: Callable[[], None], conflict: Callable[[], bool]) -> bool:
    """Run write() (adds rows or executes an INSERT) and flush it, inside a SAVEPOINT; False if
    a unique index refused it and conflict() confirms the value is held (any other refusal is
    raised)."""
    begin_writing()
    try:
        with db.session.begin_nested():
            write()
    except IntegrityError:
        if conflict():
            return False
        raise
    return True


def inserted(build: Callable[[], Row], conflict: Callable[[], bool]) -> Row | None:
    """Add and flush what build() makes, inside a SAVEPOINT; None if a unique index refused it
    and conflict() confirms the value is held (any other refusal is raised)."""
    made: list[Row] = []

    def add() -> None:
        made.append(build())
        db.session.add(made[0])

    return made[0] if attempt(add, conflict) else None


def slug_base(text: str) -> str:
    """The slug a title gives before any suffix."""
    return slugify(text, max_length=SLUG_LENGTH, word_boundary=True) or "untitled"


def candidates(base: str, taken: set[str]) -> Iterator[str]:
    """Slugs to try in turn: base, base-2, ... (skipping those seen taken), then random ones."""
    numbered = (base if n == 1 else f"{base}-{n}" for n in count(1))
    free = (slug for slug in numbered if slug not in taken)
    for _ in range(SLUG_ATTEMPTS):
        yield next(free)
    for _ in range(RANDOM_ATTEMPTS):
        yield f"{base}-{secrets.token_hex(4)}"


def insert_with_slug(model, text: str, build: Callable[[str], Row]) -> Row:
    """Add build(slug) with the first slug made from text that the model's unique index
    accepts, so creators racing with the same title each get their own. The row is flushed."""
    begin_writing()
    base = slug_base(text)
    query = select(model.slug).where(model.slug.startswith(base, autoescape=True))
    taken = set(db.session.scalars(query))
    for slug in candidates(base, taken):
        held = select(model.id).where(model.slug == slug)
        made = inserted(lambda slug=slug: build(slug), lambda held=held: _exists(held))
        if made is not None:
            return made
    raise RuntimeError(f"no free slug for {base!r} after {SLUG_ATTEMPTS + RANDOM_ATTEMPTS} tries")


def _exists(query) -> bool:
    """Whether the query finds a row (in a fresh statement: a racer's commit is seen)."""
    return db.session.scalar(query) is not None
