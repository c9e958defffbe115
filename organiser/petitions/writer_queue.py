"""On an SQLite file, signers queue for the one write lock on an OS file lock."""

import fcntl
import os
from contextlib import contextmanager

from organiser.extensions import db


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
