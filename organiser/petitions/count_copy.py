"""Each process's copy of petition counts, kept right by the database telling it of changes
(counting.py's private machinery: read counts with counting.confirmed_count).

A page view used to read the count from the database every time: a round trip that cost more
than the rest of the page on PostgreSQL. Now each process keeps the counts it has read and,
before answering from that copy, learns cheaply what may have changed since:

- PostgreSQL: a trigger on signature_count (models.COUNT_NOTIFY_DDL) sends NOTIFY
  petition_count with the petition's id in the transaction that changes its count, whatever
  the path (confirm, withdraw, invalidate, recount, a repair by hand); PostgreSQL delivers it
  at commit. Each process LISTENs on one connection of its own and polls that socket (a system
  call, no round trip); the counts it hears about are read afresh.
- SQLite: `PRAGMA data_version` on a connection of the copy's own changes whenever any other
  connection, in any process, has committed; then every count is read afresh.

So a count is as fresh as a direct read, short of the moment a notification takes to cross
loopback. Any commit in this process forgets the whole copy too (a reader in the same process
sees its own writes at once); a lost listener sends readers to the database, and is reopened
at most every RETRY_SECONDS. A count is never kept longer than KEEP_SECONDS, a bound should
notifications silently stop (a proxy that drops LISTEN, such as PgBouncer in transaction mode).
"""

import logging
import select
import sqlite3
import threading
import time
from abc import ABC, abstractmethod

import psycopg
from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from organiser.caching import ProcessCache
from organiser.database import on_session_event

CHANNEL = "petition_count"
KEEP_SECONDS = 2.0
RETRY_SECONDS = 5.0

log = logging.getLogger(__name__)
_copies = ProcessCache("petition count copies", maxsize=8)  # by count engine (counting.py)


class CountCopy(ABC):
    """Counts by petition id, valid until the database says otherwise, a local commit or
    KEEP_SECONDS. Subclasses say how the database tells of changes (_hear)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts: dict[int, tuple[int, float]] = {}
        self.heard = 0  # raised by anything that may have changed a count; see keep()

    def get(self, petition_id: int) -> tuple[int | None, int]:
        """(count, ticket): the kept count, or None to read it; pass the ticket to keep()."""
        with self.lock:
            if not self._hear():
                return None, -1
            hit = self.counts.get(petition_id)
            if hit is not None and time.monotonic() - hit[1] < KEEP_SECONDS:
                return hit[0], self.heard
            return None, self.heard

    def keep(self, petition_id: int, count: int, ticket: int, read_at: float) -> None:
        """Keep a count read from the database, unless anything was heard since get() gave
        the ticket: then the read may predate a change whose notice is already consumed."""
        with self.lock:
            if ticket == self.heard:
                self.counts[petition_id] = (count, read_at)

    def forget(self) -> None:
        """Forget every count (after a commit in this process)."""
        with self.lock:
            self._forget()

    def _forget(self, petition_id: int | None = None) -> None:
        if petition_id is None:
            self.counts.clear()
        else:
            self.counts.pop(petition_id, None)
        self.heard += 1

    @abstractmethod
    def _hear(self) -> bool:
        """Take in what the database says has changed; False if it cannot say just now."""

    @abstractmethod
    def close(self) -> None:
        """Let go of the copy's connection."""


class ListeningCopy(CountCopy):
    """PostgreSQL: LISTEN petition_count on a connection of its own."""

    def __init__(self, conninfo: str):
        super().__init__()
        self.conninfo = conninfo
        self.listener: psycopg.Connection | None = None
        self.poller = select.poll()
        self.retry_at = 0.0

    def _hear(self) -> bool:
        if self.listener is None and not self._listen():
            return False
        try:
            if self.poller.poll(0):
                for notice in self.listener.notifies(timeout=0):
                    self._forget(int(notice.payload))
            return True
        except (psycopg.Error, OSError, ValueError):
            log.warning("petition count listener lost; reading counts from the database")
            self._drop()
            return False

    def _listen(self) -> bool:
        if time.monotonic() < self.retry_at:
            return False
        try:
            listener = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5)
            listener.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as error:
            log.warning("cannot listen for petition counts (%s); reading them each time", error)
            self.retry_at = time.monotonic() + RETRY_SECONDS
            return False
        self.listener = listener
        self.poller = select.poll()
        self.poller.register(listener.fileno(), select.POLLIN)
        self._forget()  # nothing was heard while nobody listened
        return True

    def _drop(self) -> None:
        listener, self.listener = self.listener, None
        self._forget()
        self.retry_at = time.monotonic() + RETRY_SECONDS
        listener.close()  # psycopg's close does not raise, even on a broken connection

    def close(self) -> None:
        with self.lock:
            if self.listener is not None:
                self.listener.close()
                self.listener = None


class VersionCopy(CountCopy):
    """SQLite: PRAGMA data_version on a connection of its own (checked out for good)."""

    def __init__(self, engine: Engine):
        super().__init__()
        self.connection = engine.raw_connection()
        self.version: int | None = None

    def _hear(self) -> bool:
        try:
            (version,) = self.connection.driver_connection.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error:
            log.warning("cannot read SQLite's data_version; reading counts each time")
            self._forget()
            return False
        if version != self.version:
            self.version = version
            self._forget()
        return True

    def close(self) -> None:
        with self.lock:
            self.connection.close()


def count_copy(engine: Engine) -> CountCopy | None:
    """This process's copy for the engine's database (PostgreSQL, or an SQLite file), or None
    where none can be kept (an SQLite database in memory)."""
    return _copies.get_or_make(engine, lambda: _make(engine))


def _make(engine: Engine) -> CountCopy | None:
    url = engine.url
    if url.get_backend_name() == "postgresql":
        made = ListeningCopy(url.set(drivername="postgresql").render_as_string(hide_password=False))
    elif url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        made = VersionCopy(engine)
    else:
        return None
    event.listen(engine, "engine_disposed", lambda _: _close(engine, made))
    return made


def _close(engine: Engine, copy: CountCopy) -> None:
    if _copies.get(engine) is copy:
        _copies.pop(engine)
    copy.close()


def init_app(app: Flask) -> None:
    """Every commit of this app's sessions makes this process read counts afresh."""
    on_session_event(app, "after_commit", _forget_after_commit)


def _forget_after_commit(_session) -> None:
    """A commit in this process may have changed counts: this process reads them afresh."""
    for copy in _copies.values():
        if copy is not None:
            copy.forget()
