"""On an SQLite file, the petitions' writers queue for the one write lock on an OS file lock.

Every write of the petitions (signing, confirming, withdrawing, the outbox sender's claims and
marks, the breakdowns' refresh, the organisers' changes and the commands) is made inside
writer_queue(), committed before the block ends:

    with writer_queue():
        signing.confirm(signature)
        db.session.commit()

Without it, concurrent writers wait in SQLite's busy handler, which sleeps 1, 2, 5, 10, 15,
20, 25... 100 ms between tries and gives up after the busy timeout (5 s, database.py): a
writer may be overtaken again and again by newcomers, and under a burst on a loaded machine
some give up, and their users get "database is locked" (503). Queued, each writer is woken the
moment the one before it is done, whatever the length of the queue. Elsewhere (PostgreSQL,
whose writers wait on row locks without a timeout) it does nothing.
"""

import fcntl
import os
from contextlib import contextmanager

from sqlalchemy import event

from organiser.extensions import db

# A writer at the head of the queue waits in SQLite only for a writer that did not queue (a
# lobby's edit, the rate limiter, a command in another process): a short wait, but one that
# may outlast 5 s on a loaded machine, and this writer has already waited its turn. Less than
# a gunicorn worker's timeout (30 s).
QUEUED_BUSY_TIMEOUT_MS = 20_000
_USUAL_BUSY_TIMEOUT = "organiser.usual_busy_timeout"


@contextmanager
def writer_queue():
    """Write through db.session in the block, on an SQLite file after the writers queued
    before (in every process), with a longer busy timeout; commit before the block ends.

    The session's connection is taken first: what runs while a writer holds the queue (here
    the pool's checkout and ping) is what every writer behind it waits for."""
    connection = db.session.connection()
    url = connection.engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        yield
        return
    descriptor = os.open(f"{url.database}.write-queue", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        _wait_longer(connection)
        yield
    finally:
        os.close(descriptor)  # and with it the lock


def _wait_longer(connection) -> None:
    """Raise the busy timeout of the connection (of an SQLite file) until it goes back to the
    pool (after the commit, which may flush); the pool's check-in restores it."""
    pooled = connection.connection
    if _USUAL_BUSY_TIMEOUT in pooled.info:
        return
    engine = connection.engine
    if not event.contains(engine, "checkin", _restore_busy_timeout):
        event.listen(engine, "checkin", _restore_busy_timeout)
    dbapi_connection = pooled.dbapi_connection
    (usual,) = dbapi_connection.execute("PRAGMA busy_timeout").fetchone()
    pooled.info[_USUAL_BUSY_TIMEOUT] = usual
    dbapi_connection.execute(f"PRAGMA busy_timeout={QUEUED_BUSY_TIMEOUT_MS:d}")


def _restore_busy_timeout(dbapi_connection, connection_record) -> None:
    """Pool check-in: a connection that waited longer for a queued writer waits as usual."""
    usual = connection_record.info.pop(_USUAL_BUSY_TIMEOUT, None) if connection_record else None
    if usual is not None and dbapi_connection is not None:
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(usual):d}")
