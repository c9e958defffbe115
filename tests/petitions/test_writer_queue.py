"""SQLite: every write of a burst (confirming, withdrawing, the outbox sender's claims and
marks) waits its turn for the one write lock, however long the turn takes, instead of giving
up with "database is locked" when SQLite's busy timeout runs out."""

from concurrent.futures import ThreadPoolExecutor, wait
from datetime import timedelta

import pytest
from sqlalchemy import update

from organiser.extensions import db
from organiser.petitions import emails, outbox, signing
from organiser.petitions.models import Petition
from organiser.petitions.tokens import CONFIRM, WITHDRAW, make_token
from organiser.petitions.writer_queue import writer_queue
from tests.workers import Browser


@pytest.fixture(autouse=True)
def sqlite_only(app):
    """The writer queue is SQLite's: PostgreSQL writers wait on row locks, with no timeout."""
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("the writer queue is for SQLite")


@pytest.fixture
def three_signers(app, petition):
    """Three unconfirmed signatures, their confirmation emails due in the outbox: their ids and
    their confirm and withdraw links."""
    with app.app_context():
        found = db.session.get(Petition, petition.id)
        signers = []
        for n in range(3):
            email = f"signer{n}@example.org"
            fields = {"name": f"Signer {n}", "email": email, "country": "GB"}
            signature_id = signing.sign(
                found, fields, "192.0.2.1", timedelta(minutes=10)
            ).signature_id
            confirm, withdraw = (
                make_token(use, signature_id, email) for use in (CONFIRM, WITHDRAW)
            )
            signers.append(
                dict(
                    id=signature_id,
                    confirm=f"/petitions/confirm/{confirm}",
                    withdraw=f"/petitions/withdraw/{withdraw}",
                )
            )
        db.session.commit()
    return signers


@pytest.fixture
def busy_timeout(app) -> float:
    """SQLite's busy timeout on the app's connections, in seconds."""
    with app.app_context():
        return db.session.connection().exec_driver_sql("PRAGMA busy_timeout").scalar() / 1000


@pytest.fixture
def burst(app, live_server, smtp, three_signers):
    """A function (): starts one confirmation, one withdrawal (over HTTP) and one send of the
    outbox (as the sender job does), all at once; the futures of the three results."""

    def send(signature_id):
        with app.app_context():
            return emails.deliver(signature_id)

    def start(pool):
        confirm, withdraw, mailed = three_signers
        browser = Browser(live_server)
        return [
            pool.submit(lambda: browser.get(confirm["confirm"])[0]),
            pool.submit(browser.submit, withdraw["withdraw"], {}),
            pool.submit(send, mailed["id"]),
        ]

    return start


def hold_write_lock(petition, seconds: float, pool, start) -> list:
    """Hold SQLite's write lock (in the current app context) while the burst starts, until
    every request has given up or `seconds` have passed; the futures of the burst."""
    db.session.execute(update(Petition).where(Petition.id == petition.id).values(goal=200))
    futures = start(pool)
    wait(futures, timeout=seconds)
    db.session.commit()
    return futures


def pooled_busy_timeouts(app) -> set[int]:
    """The busy timeouts (ms) of the connections waiting in the app's pool."""
    with app.app_context():
        pooled = [db.engine.raw_connection() for _ in range(db.engine.pool.checkedin())]
        try:
            return {
                c.driver_connection.execute("PRAGMA busy_timeout").fetchone()[0] for c in pooled
            }
        finally:
            for connection in pooled:
                connection.close()


def test_a_burst_waits_behind_a_writer_queue_longer_than_the_busy_timeout(
    app, petition, burst, busy_timeout, three_signers, count, rows, smtp
):
    with ThreadPoolExecutor(max_workers=3) as pool:
        with app.app_context(), writer_queue():
            futures = hold_write_lock(petition, busy_timeout + 1, pool, burst)
        confirmed, withdrawn, sent = (future.result(timeout=60) for future in futures)
    assert (confirmed, withdrawn, sent) == (200, 200, True)
    assert count(petition) == 1
    assert [row.id for row in rows()] == [three_signers[0]["id"], three_signers[2]["id"]]
    assert smtp.wait_for(1)[0]["To"] == "signer2@example.org"
    with app.app_context():
        assert outbox.state(three_signers[2]["id"]).sent_at is not None
    assert pooled_busy_timeouts(app) == {busy_timeout * 1000}  # the longer wait was theirs alone


def test_a_queued_writer_outwaits_a_writer_that_did_not_queue(
    app, petition, burst, busy_timeout, three_signers, count, rows, smtp
):
    """A writer elsewhere that takes SQLite's lock without queueing (a long organiser
    action, a command) holds up the queue, which waits rather than failing everyone."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        with app.app_context():
            futures = hold_write_lock(petition, busy_timeout + 1, pool, burst)
        confirmed, withdrawn, sent = (future.result(timeout=60) for future in futures)
    assert (confirmed, withdrawn, sent) == (200, 200, True)
    assert count(petition) == 1
    assert len(rows()) == 2
