"""Per-process shortcuts for the two hot public paths (signing, reading a petition's page).

- A petition's few public facts by slug, kept for PETITION_CACHE_SECONDS per process (dropped
  at once in the process that edits it), so a signing POST does not load the ORM object.
- On SQLite, signers queue for the one write lock on an OS file lock (see writer_queue).
- The exact count: from this process's copy, which the database keeps right (count_copy.py);
  whenever the copy cannot answer, read through a pool of autocommit connections: one round
  trip (no ping on checkout, no BEGIN and ROLLBACK around it, no ORM session).
"""

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from flask import abort, current_app
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import DBAPIError

from organiser.extensions import db
from organiser.petitions.count_copy import count_copy
from organiser.petitions.models import Petition
from organiser.petitions.services import COUNT_QUERY

PETITION_CACHE_SECONDS = 5

_lock = threading.Lock()


@dataclass(frozen=True)
class PetitionRef:
    """What the signing path needs of a petition."""

    id: int
    slug: str
    title: str
    goal: int
    status: str
    opens_at: datetime | None
    closes_at: datetime | None

    is_open = Petition.is_open


def _refs() -> dict[str, tuple[float, PetitionRef]]:
    return current_app.extensions.setdefault("petition_refs", {})


def petition_ref(slug: str) -> PetitionRef:
    """The petition at this slug (cached a few seconds per process), or 404."""
    now = time.monotonic()
    hit = _refs().get(slug)
    if hit is not None and now - hit[0] < PETITION_CACHE_SECONDS:
        return hit[1]
    columns = [getattr(Petition, name) for name in PetitionRef.__dataclass_fields__]
    row = db.session.execute(select(*columns).where(Petition.slug == slug)).first()
    if row is None:
        abort(404)
    ref = PetitionRef(*row)
    with _lock:
        _refs()[slug] = (now, ref)
    return ref


def forget(slug: str) -> None:
    """Drop this process's cached facts and page of a petition (after an organiser's edit)."""
    with _lock:
        _refs().pop(slug, None)
        current_app.extensions.get("petition_pages", {}).pop(slug, None)


def count_engine() -> Engine:
    """An engine on the app's database for the count alone: autocommit, so no BEGIN, ROLLBACK
    or ping around the one statement (a dropped connection is retried instead); one per
    process, closed with the app's."""
    made = current_app.extensions.get("petition_count_engine")
    if made is None or made[0] != os.getpid():
        with _lock:
            made = current_app.extensions.get("petition_count_engine")
            if made is None or made[0] != os.getpid():
                engine = create_engine(
                    db.engine.url,
                    isolation_level="AUTOCOMMIT",
                    pool_pre_ping=False,
                    pool_reset_on_return=None,
                )
                event.listen(db.engine, "engine_disposed", lambda _: engine.dispose())
                made = current_app.extensions["petition_count_engine"] = (os.getpid(), engine)
    return made[1]


def count_statement(engine: Engine, petition_id: int) -> tuple[str, tuple | dict]:
    """services.COUNT_QUERY compiled once for the engine's driver, with its parameters."""
    compiled = _compiled.get(engine.dialect.name)
    if compiled is None:
        compiled = _compiled[engine.dialect.name] = COUNT_QUERY.compile(dialect=engine.dialect)
    values = compiled.construct_params({"petition_id": petition_id})
    if compiled.positional:
        return str(compiled), tuple(values[name] for name in compiled.positiontup)
    return str(compiled), values


_compiled: dict = {}


def exact_count(petition_id: int) -> int:
    """The confirmed count (the sum of the counter slots, as services.confirmed_count): from
    this process's copy when it holds it, else read and kept."""
    copy = count_copy(count_engine())
    if copy is None:
        return read_count(petition_id)
    count, ticket = copy.get(petition_id)
    if count is None:
        read_at = time.monotonic()
        count = read_count(petition_id)
        copy.keep(petition_id, count, ticket, read_at)
    return count


def read_count(petition_id: int) -> int:
    """The count read with the driver directly: SQLAlchemy's statement and result machinery
    cost more than the query."""
    engine = count_engine()
    statement, params = count_statement(engine, petition_id)
    for attempt in (1, 2):
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(statement, params)
            (value,) = cursor.fetchone()
            cursor.close()
            return int(value)
        except engine.dialect.loaded_dbapi.Error as error:
            connection.invalidate()  # perhaps dropped by the server: once more, afresh
            if attempt == 2:
                raise DBAPIError.instance(
                    statement, params, error, engine.dialect.loaded_dbapi.Error
                ) from error
        finally:
            connection.close()
    raise AssertionError("not reached")


@contextmanager
def writer_queue():
    """On an SQLite file, hold an OS file lock for a write transaction (the signing insert and
    its commit), so concurrent signers in all processes queue for SQLite's single write lock
    and each is woken the moment it is free. Without it they wait in SQLite's busy handler,
    which sleeps 1, 2, 5, 10, 15, 20, 25... ms between tries: idle cores and a slow tail.
    Elsewhere (PostgreSQL) it does nothing."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        yield
        return
    descriptor = os.open(f"{url.database}.write-queue", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # and with it the lock
