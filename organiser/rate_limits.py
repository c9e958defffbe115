"""Rate-limit counters in the application's own database, so that every worker (and every
gunicorn process) counts the same attempts without Redis: `RATELIMIT_STORAGE_URI=database://`,
the default. A `limits` storage for the fixed-window strategy: one row per limit and key,
raised with one atomic INSERT ... ON CONFLICT DO UPDATE on SQLite and PostgreSQL alike."""

import hashlib
import sqlite3
import time

import psycopg
from flask import Flask
from limits.storage import Storage
from sqlalchemy import Float, String, case, delete, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from organiser.extensions import db, limiter

CLEAN_EVERY_SECONDS = 60.0  # expired rows are deleted at most this often per process
KEY_LENGTH = 255


class RateLimitCounter(db.Model):
    """How many times a rate-limit key was hit in its current window, and when that ends."""

    key: Mapped[str] = mapped_column(String(KEY_LENGTH), primary_key=True)
    hits: Mapped[int]
    expires_at: Mapped[float] = mapped_column(Float, index=True)  # seconds since the epoch


def stored_key(key: str) -> str:
    """The key as stored: as it is, or shortened with its hash when it would not fit (keys
    hold parts of the URL, which anyone can make long)."""
    if len(key) <= KEY_LENGTH:
        return key
    return key[: KEY_LENGTH - 65] + "#" + hashlib.sha256(key.encode()).hexdigest()


class DatabaseStorage(Storage):
    """`database://`: the counters in this app's database, through its engine and pool (each
    call a short transaction of its own, committed at once, whatever the request does)."""

    STORAGE_SCHEME = ["database"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **_options):
        # Options meant for Redis (timeouts) may be configured beside it: they do not apply.
        super().__init__(uri, wrap_exceptions=wrap_exceptions)
        self.cleaned_at = time.monotonic()

    @property
    def base_exceptions(self) -> tuple[type[Exception], ...]:
        """Failures that mean the store cannot be reached (Flask-Limiter then falls back to
        each worker's memory, as with Redis)."""
        return (SQLAlchemyError, sqlite3.Error, psycopg.Error)

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count `amount` more hits on key; a window that has ended starts again."""
        now, table = time.time(), RateLimitCounter.__table__
        dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
        live = table.c.expires_at > now
        upsert = (
            dialect.insert(table)
            .values(key=stored_key(key), hits=amount, expires_at=now + expiry)
            .on_conflict_do_update(
                index_elements=[table.c.key],
                set_={
                    "hits": case((live, table.c.hits + amount), else_=amount),
                    "expires_at": case((live, table.c.expires_at), else_=now + expiry),
                },
            )
            .returning(table.c.hits)
        )
        with db.engine.begin() as connection:
            hits = connection.execute(upsert).scalar_one()
        self.clean_now_and_then(now)
        return hits

    def clean_now_and_then(self, now: float) -> None:
        """Delete windows that have ended, at most once per CLEAN_EVERY_SECONDS."""
        if time.monotonic() - self.cleaned_at < CLEAN_EVERY_SECONDS:
            return
        self.cleaned_at = time.monotonic()
        with db.engine.begin() as connection:
            connection.execute(delete(RateLimitCounter).where(RateLimitCounter.expires_at <= now))

    def get(self, key: str) -> int:
        """The hits on key in its current window (0 when it has ended)."""
        with db.engine.connect() as connection:
            hits = connection.scalar(
                select(RateLimitCounter.hits).where(
                    RateLimitCounter.key == stored_key(key),
                    RateLimitCounter.expires_at > time.time(),
                )
            )
        return hits or 0

    def get_expiry(self, key: str) -> float:
        """When key's current window ends (now, when there is none)."""
        with db.engine.connect() as connection:
            expires_at = connection.scalar(
                select(RateLimitCounter.expires_at).where(RateLimitCounter.key == stored_key(key))
            )
        return max(expires_at or 0.0, time.time())

    def check(self) -> bool:
        """Whether the database answers."""
        try:
            with db.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except self.base_exceptions:
            return False
        return True

    def reset(self) -> int | None:
        """Forget every counter."""
        with db.engine.begin() as connection:
            return connection.execute(delete(RateLimitCounter)).rowcount

    def clear(self, key: str) -> None:
        """Forget key's counter."""
        with db.engine.begin() as connection:
            connection.execute(
                delete(RateLimitCounter).where(RateLimitCounter.key == stored_key(key))
            )


def init_app(app: Flask) -> None:
    """Bind the limiter to this app; `database://` (DatabaseStorage) is one of its stores."""
    limiter.init_app(app)
