"""Concurrency against a running server: one row per email, an exact count, no 5xx."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.request import build_opener

from sqlalchemy import insert, text

from organiser import jobs
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.petitions import signing
from organiser.petitions.models import Petition, Signature
from organiser.petitions.tokens import CONFIRM, make_token
from tests.workers import Browser, one_worker_held, pids_serving, serving


def test_twenty_concurrent_signatures_with_one_email_give_one_row(
    app, live_server, petition, smtp, http_signer, rows
):
    app.config["SIGN_RATE_LIMIT"] = "1000 per hour"
    signer = http_signer(live_server, petition.slug)
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda i: signer.post(email=" Same@Example.org"), range(20)))
    assert all(status == 302 for status in statuses), statuses
    assert len(rows(petition_id=petition.id)) == 1
    jobs.wait_idle()
    assert len(smtp.messages) == 1  # one confirmation, the rest are within the resend window


def test_500_concurrent_confirmations_keep_the_count_exact(
    app, live_server, petition, count, counted_rows, http_status
):
    now = utcnow()
    with app.app_context():
        db.session.execute(
            insert(Signature),
            [
                dict(
                    petition_id=petition.id,
                    name=f"Signer {i}",
                    email=f"s{i}@example.org",
                    email_key=f"s{i}@example.org",
                    city="Berlin",
                    country="DE",
                    show_name=False,
                    name_in_letter=False,
                    source="online",
                    created_at=now,
                )
                for i in range(500)
            ],
        )
        db.session.commit()
        links = [
            f"{live_server}/petitions/confirm/{make_token(CONFIRM, s.id, s.email_key)}"
            for s in db.session.scalars(db.select(Signature))
        ]
    opener = build_opener()
    # Every link opened twice, all at once: each signature counts once.
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda url: http_status(opener, url), links + links[::-1]))
    assert statuses.count(200) == 1000, {s: statuses.count(s) for s in set(statuses)}
    assert count(petition) == 500 == counted_rows(petition)


def test_database_failure_during_insert_gives_503_no_row_no_email(
    app, client, petition, smtp, rows
):
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(
                text(
                    "CREATE OR REPLACE FUNCTION fail_signature() RETURNS trigger AS $$ "
                    "BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql"
                )
            )
            db.session.execute(
                text(
                    "CREATE TRIGGER fail_signature BEFORE INSERT ON signature "
                    "FOR EACH ROW EXECUTE FUNCTION fail_signature()"
                )
            )
        else:
            db.session.execute(
                text(
                    "CREATE TRIGGER fail_signature BEFORE INSERT ON signature "
                    "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
                )
            )
        db.session.commit()
    try:
        response = client.submit(
            f"/petitions/{petition.slug}",
            {"name": "A", "email": "a@example.org", "country": "GB", "consent": "y"},
        )
        assert response.status_code == 503
        assert "Nothing was saved and no email was sent" in response.get_data(as_text=True)
        jobs.wait_idle()
        assert smtp.messages == []
        assert rows() == []
    finally:
        with app.app_context():
            db.session.execute(
                text("DROP TRIGGER fail_signature ON signature")
                if db.engine.dialect.name == "postgresql"
                else text("DROP TRIGGER fail_signature")
            )
            if db.engine.dialect.name == "postgresql":
                db.session.execute(text("DROP FUNCTION fail_signature()"))
            db.session.commit()


def test_a_confirmation_in_one_worker_shows_in_every_worker(app, petition, tmp_path, shown_count):
    """On PostgreSQL each worker keeps the count it read (count_copy.py); both must show the
    confirmation the other worker made."""
    with app.app_context():
        result = signing.sign(
            db.session.get(Petition, petition.id),
            {"name": "A", "email": "a@example.org", "country": "GB"},
            "192.0.2.1",
            timedelta(minutes=10),
        )
        db.session.commit()
        token = make_token(CONFIRM, result.signature_id, "a@example.org")
    page, log = f"/petitions/{petition.slug}", tmp_path / "access.log"
    with serving(app, log, page) as base:
        browser = Browser(base)
        with one_worker_held(base, page) as held:  # each worker reads the count, 0, and keeps it
            assert shown_count(browser.get(page)[2].decode()) == 0
        assert shown_count(held[0].decode()) == 0

        status, _, body = browser.get(f"/petitions/confirm/{token}")
        assert status == 200 and b"your signature is confirmed" in body

        seen = len(log.read_text().splitlines())
        with one_worker_held(base, page) as held:
            status, _, body = browser.get(page)
        assert shown_count(body.decode()) == 1 == shown_count(held[0].decode())
        assert len(pids_serving(log, seen, f"GET {page} 200")) == 2, "both workers answered"
