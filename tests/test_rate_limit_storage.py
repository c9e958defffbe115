"""Rate limits hold across gunicorn workers without Redis: by default they are kept in the
application's own database (SQLite, or PostgreSQL), which every worker shares."""

import time
from contextlib import ExitStack

from sqlalchemy import func, select

from organiser import create_app
from organiser.extensions import db
from organiser.rate_limits import RateLimitCounter
from tests.workers import Browser, one_worker_held, pids_serving, serving


def wrong_password(browser, organiser) -> int:
    """One login attempt with a wrong password: its status."""
    return browser.submit("/organise/login", {"email": organiser.email, "password": "wrong"})


def logged(log, after: int, line: str, times: int) -> set[str]:
    """The pids that logged `line` past the first `after` lines, once it is there `times`
    times (the access log is written just after the answer is sent)."""
    deadline = time.monotonic() + 10
    while sum(entry.endswith(line) for entry in log.read_text().splitlines()[after:]) < times:
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.02)
    return pids_serving(log, after, line)


def test_the_login_limit_holds_across_two_workers_without_redis(app, organiser, tmp_path):
    log = tmp_path / "access.log"
    # RATELIMIT_STORAGE_URI unset (empty): the default store. A held worker sends gunicorn
    # no heartbeat: on a busy machine ten attempts may take longer than its default 30 s.
    settings = {"RATELIMIT_STORAGE_URI": "", "GUNICORN_CMD_ARGS": "--timeout 120"}
    with serving(app, log, "/organise/login", **settings) as base:
        browser = Browser(base)
        seen = len(log.read_text().splitlines())
        with ExitStack() as first_held:
            # One worker is held: the other answers the ten allowed attempts...
            first_held.enter_context(one_worker_held(base, "/organise/login"))
            assert [wrong_password(browser, organiser) for _ in range(10)] == [200] * 10
            counted = logged(log, seen, "POST /organise/login 200", 10)
            # ...then it is held in turn and the first worker freed to answer the eleventh.
            with one_worker_held(base, "/organise/login"):
                first_held.close()
                seen = len(log.read_text().splitlines())
                assert wrong_password(browser, organiser) == 429
            refused = logged(log, seen, "POST /organise/login 429", 1)
        assert len(counted) == 1 and len(refused) == 1 and counted != refused, (
            counted,
            refused,
            log.read_text(),
        )
        assert wrong_password(browser, organiser) == 429  # and from either worker after


def test_the_default_store_is_the_database_and_counts_there(app, organiser, new_client):
    unset = {key: value for key, value in app.config.items() if key != "RATELIMIT_STORAGE_URI"}
    by_default = create_app(unset, instance_path=app.instance_path)
    assert by_default.config["RATELIMIT_STORAGE_URI"] == "database://"
    in_database = create_app(
        {**app.config, "RATELIMIT_STORAGE_URI": "database://"}, instance_path=app.instance_path
    )
    client = new_client(in_database)
    statuses = [client.login(organiser.email, "wrong").status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    with in_database.app_context():
        hits = db.session.scalar(select(func.sum(RateLimitCounter.hits)))
        expiry = db.session.scalar(select(func.max(RateLimitCounter.expires_at)))
    assert hits == 11
    assert time.time() < expiry <= time.time() + 60
