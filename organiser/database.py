"""Listening to this app's database: its engines' connections and db.session's sessions.

Features wire their SQLAlchemy listeners from their init_app through these two functions, never
on SQLAlchemy's global Session or Engine classes: a plain SQLAlchemy session or engine in the
same process hears nothing of them, and building another app (each test builds one) adds no
second listener.
"""

import sqlite3
from collections.abc import Callable

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.engine import Engine

from organiser.extensions import db

SESSION_LISTENERS = "organiser.session_listeners"

_relays: dict[str, Callable] = {}


def sqlite_pragmas(dbapi_connection, _record) -> None:
    """SQLite: write-ahead log, wait for locks instead of failing, enforce foreign keys."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def use_sqlite_pragmas(engine: Engine) -> None:
    """Give an engine of the app's database (such as one kept for a fast path) the app's
    SQLite settings; nothing on other databases."""
    if not event.contains(engine, "connect", sqlite_pragmas):
        event.listen(engine, "connect", sqlite_pragmas)


def init_app(app: Flask) -> None:
    """The app's engines open SQLite connections with the pragmas above."""
    with app.app_context():
        engines = list(db.engines.values())
    for engine in engines:
        use_sqlite_pragmas(engine)


def on_session_event(app: Flask, identifier: str, listener: Callable) -> None:
    """Call listener on this event (before_flush, after_commit, ...) of the sessions db.session
    opens while this app is current.

    db.session's sessionmaker serves every app of the process, so it gets one relay per event,
    added once; the relay calls the listeners the current app wired, each once.
    """
    wired = app.extensions.setdefault(SESSION_LISTENERS, {}).setdefault(identifier, [])
    if listener not in wired:
        wired.append(listener)
    relay = _relays.get(identifier) or _relays.setdefault(identifier, _make_relay(identifier))
    if not event.contains(db.session, identifier, relay):
        event.listen(db.session, identifier, relay)


def _make_relay(identifier: str) -> Callable:
    def relay(*args):
        for listener in current_app.extensions.get(SESSION_LISTENERS, {}).get(identifier, ()):
            listener(*args)

    relay.__name__ = relay.__qualname__ = f"relay_{identifier}"
    return relay
