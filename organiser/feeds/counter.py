"""Reading the feeds' change counter cheaply: each worker thread keeps one DBAPI connection
for it (autocommit, so every read sees the latest commit), outside the pool; a pool checkout
with its ping and reset costs more than the read itself. Any error falls back to the pool.

Thread-local, not a caching.ProcessCache: a connection belongs to one thread and goes with it
(a threaded server starts a thread per request), where a process-wide cache would keep the
connections of finished threads open until evicted."""

import os
import threading
import weakref

from sqlalchemy.engine import Engine

from organiser.extensions import db

QUERY = "SELECT token, version, changed_at FROM feed_state WHERE id = 1"
_local = threading.local()


def _connections() -> weakref.WeakKeyDictionary:
    if not hasattr(_local, "connections"):
        _local.connections = weakref.WeakKeyDictionary()
    return _local.connections


def _connect(engine: Engine):
    fairy = engine.raw_connection()
    fairy.detach()  # ours from now on; the pool forgets it
    connection = fairy.dbapi_connection
    connection.rollback()
    if engine.dialect.name == "sqlite":
        connection.isolation_level = None
    else:
        connection.autocommit = True
    return connection


def _read(connection):
    cursor = connection.cursor()
    try:
        cursor.execute(QUERY)
        return cursor.fetchone()
    finally:
        cursor.close()


def read_counter(engine: Engine):
    """The counter row (token, version, changed_at), or None before the first change."""
    connections = _connections()
    pid, connection = connections.get(engine, (None, None))
    try:
        if pid != os.getpid():  # new thread, new engine, or a forked worker
            connection = _connect(engine)
            connections[engine] = (os.getpid(), connection)
        return _read(connection)
    except Exception:
        connections.pop(engine, None)
        pooled = engine.raw_connection()
        try:
            return _read(pooled)
        finally:
            pooled.close()


def counter_version():
    """The counter as one value that changes with every change it counts (None before the
    first): what the campaign pages key their kept lists on (lobbies.day_list)."""
    row = read_counter(db.engine)
    return (row[0], row[1]) if row else None
