"""Counting signatures: the counter slots, adding to them, repairing them, and the one reader.

A petition's confirmed count lives in COUNT_SLOTS counter rows (models.SignatureCount): each
change adds to one slot chosen at random, so concurrent signers rarely wait on the same row,
and the count is the slots' sum. A signature counts once confirmed and not invalidated
(counted_signatures); recount() sets the slots from those rows.

Every count shown anywhere (the petition page, the confirmation page, the organisers' pages,
the letter's annex, `flask recount-signatures`) is read by confirmed_count(): from this
process's copy when it holds the count (count_copy.py keeps it right), else read with one
round trip on an autocommit connection of the count's own (no ping, no BEGIN and ROLLBACK, no
ORM session). It reads what is committed, so callers read after their commit.
"""

import random
import time
from functools import lru_cache

from sqlalchemy import Engine, bindparam, case, create_engine, event, func, select, update
from sqlalchemy.exc import DBAPIError

from organiser.caching import ProcessCache
from organiser.database import use_sqlite_pragmas
from organiser.extensions import db
from organiser.petitions.count_copy import count_copy
from organiser.petitions.models import Petition, Signature, SignatureCount

COUNT_SLOTS = 16

_slots = SignatureCount.__table__.c
COUNT_QUERY = select(func.coalesce(func.sum(_slots.count), 0)).where(
    _slots.petition_id == bindparam("petition_id")
)
_engines = ProcessCache("petition count engines", maxsize=8)


def counted_signatures(petition_id: int):
    """The condition for a signature that counts: confirmed and not invalidated."""
    return (
        (Signature.petition_id == petition_id)
        & Signature.confirmed_at.is_not(None)
        & Signature.invalidated_at.is_(None)
    )


def add_slots(petition_id: int) -> None:
    """Give a petition the counter slots it lacks, at zero (a new petition: all of them)."""
    have = set(
        db.session.scalars(
            select(SignatureCount.slot).where(SignatureCount.petition_id == petition_id)
        )
    )
    db.session.add_all(
        SignatureCount(petition_id=petition_id, slot=slot, count=0)
        for slot in range(COUNT_SLOTS)
        if slot not in have
    )
    db.session.flush()


def add_to_count(petition_id: int, delta: int) -> None:
    """Add delta to one counter slot chosen at random."""
    if delta:
        db.session.execute(
            update(SignatureCount)
            .where(
                SignatureCount.petition_id == petition_id,
                SignatureCount.slot == random.randrange(COUNT_SLOTS),  # noqa: S311 (spreading, not secrecy)
            )
            .values(count=SignatureCount.count + delta)
        )


def confirmed_count(petition_id: int) -> int:
    """The public count, as committed: this process's copy when it holds it, else read and
    kept."""
    copy = count_copy(count_engine())
    if copy is None:
        return read_count(petition_id)
    count, ticket = copy.get(petition_id)
    if count is None:
        read_at = time.monotonic()
        count = read_count(petition_id)
        copy.keep(petition_id, count, ticket, read_at)
    return count


def count_engine() -> Engine:
    """An engine on the app's database for the count alone: autocommit, so no BEGIN, ROLLBACK
    or ping around the one statement (a dropped connection is retried instead); one per app
    engine and process, disposed with the app's."""
    return _engines.get_or_make(db.engine, lambda: _make_engine(db.engine))


def _make_engine(app_engine: Engine) -> Engine:
    engine = create_engine(
        app_engine.url, isolation_level="AUTOCOMMIT", pool_pre_ping=False, pool_reset_on_return=None
    )
    event.listen(app_engine, "engine_disposed", lambda _: engine.dispose())
    use_sqlite_pragmas(engine)  # the app's SQLite settings (database.py)
    return engine


@lru_cache(maxsize=8)
def _compiled(dialect):
    return COUNT_QUERY.compile(dialect=dialect)


def _statement(engine: Engine, petition_id: int) -> tuple[str, tuple | dict]:
    """COUNT_QUERY compiled once for the engine's driver, with its parameters."""
    compiled = _compiled(engine.dialect)
    values = compiled.construct_params({"petition_id": petition_id})
    if compiled.positional:
        return str(compiled), tuple(values[name] for name in compiled.positiontup)
    return str(compiled), values


def read_count(petition_id: int) -> int:
    """The count read from the database with the driver directly (SQLAlchemy's statement and
    result machinery cost more than the query); for confirmed_count and tests."""
    engine = count_engine()
    statement, params = _statement(engine, petition_id)
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


def recount(petition_id: int) -> tuple[int, int]:
    """Count the confirmed rows and set the slots to match; returns (before, after).

    The slots are locked first (a no-op update), so signers confirming meanwhile wait and then
    add to the repaired count, and `before` (read as committed) cannot move under us; on
    SQLite that update takes the write lock.
    """
    db.session.execute(
        update(SignatureCount)
        .where(SignatureCount.petition_id == petition_id)
        .values(count=SignatureCount.count)
    )
    before = confirmed_count(petition_id)
    after = db.session.scalar(
        select(func.count()).select_from(Signature).where(counted_signatures(petition_id))
    )
    add_slots(petition_id)
    db.session.execute(
        update(SignatureCount)
        .where(SignatureCount.petition_id == petition_id)
        .values(count=case((SignatureCount.slot == 0, after), else_=0))
    )
    return before, after


def recount_all() -> list[tuple[str, int, int]]:
    """Recount every petition; returns (slug, before, after) for each."""
    petitions = db.session.execute(select(Petition.id, Petition.slug).order_by(Petition.id)).all()
    return [(slug, *recount(petition_id)) for petition_id, slug in petitions]
