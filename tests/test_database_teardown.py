"""PostgreSQL going away in the middle of a request gives the application's 503 page, never a
500 from gunicorn or a dropped connection, whether the request still had a statement to run
when its connection died or had finished with the database (and only its transaction was
left to end)."""

import threading
import time
import urllib.error
import urllib.parse

import pytest
from sqlalchemy import create_engine, text

from organiser.accounts.models import Organiser
from organiser.extensions import db
from tests.workers import CSRF_RE, Browser, serving

NEW = "a new and longer passphrase"


@pytest.fixture
def postgresql(app):
    """The test's PostgreSQL database (backends to lock and terminate), or a skip on SQLite."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("postgresql"):
        pytest.skip("terminating a request's database connection needs PostgreSQL")
    engine = create_engine(url)
    yield engine
    engine.dispose()


def post_form(browser: Browser, path: str, data: dict) -> tuple[int, str]:
    """Post the form at path (with its CSRF token): the status and page, whatever they are."""
    status, _, page = browser.get(path)
    assert status == 200, (path, status)
    body = urllib.parse.urlencode({"csrf_token": CSRF_RE.search(page.decode()).group(1), **data})
    try:
        with browser.opener.open(browser.base + path, data=body.encode(), timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def backends(watcher, state: str) -> list[int]:
    """The pids of this database's backends in a state ('Lock': waiting for a lock)."""
    column = "wait_event_type" if state == "Lock" else "state"
    return watcher.scalars(
        text(
            f"SELECT pid FROM pg_stat_activity WHERE datname = current_database() "  # noqa: S608
            f"AND {column} = :state"
        ),
        {"state": state},
    ).all()


@pytest.mark.parametrize("right_password", [True, False], ids=["right", "wrong"])
def test_a_connection_ended_mid_request_gives_the_503_page(
    app, organiser, postgresql, tmp_path, right_password, password
):
    current = password if right_password else "not the password"
    settings = {"RATELIMIT_STORAGE_URI": "database://"}
    with serving(app, tmp_path / "access.log", "/organise/login", **settings) as base:
        browser = Browser(base)
        login = {"email": organiser.email, "password": password}
        assert browser.submit("/organise/login", login) == 302
        change = {"current_password": "wrong", "new_password": NEW, "new_password_again": NEW}
        assert post_form(browser, "/organise/password", change)[0] == 200  # counted once
        answers = []
        with postgresql.connect() as locker, postgresql.connect() as watcher:
            # pg_stat_activity is a snapshot per transaction: the watcher takes one per query.
            watcher = watcher.execution_options(isolation_level="AUTOCOMMIT")
            locker_pid = locker.scalar(text("SELECT pg_backend_pid()"))
            # The password page's rate-limit counter is locked: the next attempt, its organiser
            # loaded in an open transaction, waits for the counter on another connection...
            locker.execute(
                text("SELECT hits FROM rate_limit_counter WHERE key LIKE :key FOR UPDATE"),
                {"key": "%accounts.password%"},
            )
            change = {"current_password": current, "new_password": NEW, "new_password_again": NEW}
            request = threading.Thread(
                target=lambda: answers.append(post_form(browser, "/organise/password", change))
            )
            request.start()
            deadline = time.monotonic() + 30
            while not backends(watcher, "Lock"):
                assert request.is_alive() and time.monotonic() < deadline, answers
                time.sleep(0.05)
            # ...while the connection holding its transaction is ended, as a shutdown does.
            held = set(backends(watcher, "idle in transaction")) - {locker_pid}
            assert len(held) == 1, held
            assert watcher.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": held.pop()})
            locker.rollback()
            request.join(timeout=60)
        status, page = answers[0]
        assert status == 503, (status, page[-1500:])
        assert "cannot reach its database just now" in page
        # Nothing was saved (the session and the password are as they were), and the next
        # request is served as usual.
        assert browser.get("/organise/")[0] == 200
        assert Browser(base).submit("/organise/login", login) == 302


def test_ending_the_app_context_never_raises_when_the_connection_died(app, organiser, postgresql):
    with app.app_context():
        assert db.session.get(Organiser, organiser.id) is not None  # a transaction is open
        pid = db.session.scalar(text("SELECT pg_backend_pid()"))
        with postgresql.connect() as other:  # ended, and waited for (up to 10 s)
            assert other.scalar(text("SELECT pg_terminate_backend(:pid, 10000)"), {"pid": pid})
        # Leaving the context removes the session: its rollback fails, and is only logged.
    with app.app_context():
        assert db.session.get(Organiser, organiser.id) is not None  # the pool recovers
