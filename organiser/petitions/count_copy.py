"""Each process's copy of petition counts on PostgreSQL, kept right by LISTEN/NOTIFY.

A page view used to read the count from the database every time: a round trip that cost more
than the rest of the page. Now:

- A trigger on signature_count (models.COUNT_NOTIFY_DDL) sends NOTIFY petition_count with the
  petition's id in the transaction that changes its count, whatever the path (confirm,
  withdraw, invalidate, recount, a repair by hand); PostgreSQL delivers it at commit.
- Each process LISTENs on one connection of its own. Before answering from its copy it polls
  that socket (a system call, no round trip) and forgets the counts it hears about; those are
  read afresh. So a count is as fresh as a direct read, short of the moment a notification
  takes to cross loopback.
- Any commit in this process forgets the whole copy (a reader in the same process sees its own
  writes at once); so does a lost listener, which is reopened at most every RETRY_SECONDS,
  reading from the database meanwhile. A count is never kept longer than KEEP_SECONDS, a bound
  should notifications silently stop (a proxy that drops LISTEN, such as PgBouncer in
  transaction mode).
"""

import logging
import os
import select
import threading
import time

import psycopg
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

CHANNEL = "petition_count"
KEEP_SECONDS = 2.0
RETRY_SECONDS = 5.0

log = logging.getLogger(__name__)


class CountCopy:
    """Counts by petition id, valid until a notification, a local commit or KEEP_SECONDS."""

    def __init__(self, conninfo: str):
        self.conninfo = conninfo
        self.lock = threading.Lock()
        self.counts: dict[int, tuple[int, float]] = {}
        self.heard = 0  # raised by anything that may have changed a count; see keep()
        self.listener: psycopg.Connection | None = None
        self.poller = select.poll()
        self.retry_at = 0.0

    def get(self, petition_id: int) -> tuple[int | None, int]:
        """(count, ticket): the kept count, or None to read it; pass the ticket to keep()."""
        with self.lock:
            listening = self._hear()
            hit = self.counts.get(petition_id)
            if not listening:
                return None, -1
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
            self.counts.clear()
            self.heard += 1

    def _hear(self) -> bool:
        """Take in the notifications that have arrived; False while there is no listener."""
        if self.listener is None and not self._listen():
            return False
        try:
            if not self.poller.poll(0):
                return True
            for notice in self.listener.notifies(timeout=0):
                self.counts.pop(int(notice.payload), None)
                self.heard += 1
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
        self.counts.clear()  # nothing heard while nobody listened
        self.heard += 1
        return True

    def _drop(self) -> None:
        listener, self.listener = self.listener, None
        self.counts.clear()
        self.heard += 1
        self.retry_at = time.monotonic() + RETRY_SECONDS
        listener.close()  # psycopg's close does not raise, even on a broken connection

    def close(self) -> None:
        with self.lock:
            if self.listener is not None:
                self.listener.close()
                self.listener = None


_copies: dict[tuple[int, str], CountCopy] = {}
_copies_lock = threading.Lock()


def count_copy(engine: Engine) -> CountCopy | None:
    """This process's copy for the engine's PostgreSQL database; None on other databases."""
    if engine.dialect.name != "postgresql":
        return None
    key = (os.getpid(), str(engine.url))
    copy = _copies.get(key)
    if copy is None:
        with _copies_lock:
            copy = _copies.get(key)
            if copy is None:
                conninfo = engine.url.set(drivername="postgresql").render_as_string(
                    hide_password=False
                )
                copy = _copies[key] = CountCopy(conninfo)
                event.listen(engine, "engine_disposed", lambda _: _close(key))
    return copy


def _close(key: tuple[int, str]) -> None:
    copy = _copies.pop(key, None)
    if copy is not None:
        copy.close()


@event.listens_for(Session, "after_commit")
def _forget_after_commit(_session) -> None:
    """A commit in this process may have changed counts: this process reads them afresh."""
    pid = os.getpid()
    for (owner, _), copy in list(_copies.items()):
        if owner == pid:
            copy.forget()
