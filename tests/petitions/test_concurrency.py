"""Concurrency against a running server: one row per email, an exact count, no 5xx."""

from concurrent.futures import ThreadPoolExecutor
from urllib.request import build_opener

from sqlalchemy import insert, text

from organiser import jobs
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.petitions.models import Signature
from organiser.petitions.tokens import CONFIRM, make_token
from tests.petitions.conftest import HttpSigner, count, counted_rows, get_status, rows


def test_twenty_concurrent_signatures_with_one_email_give_one_row(app, live_server, petition, smtp):
    app.config["SIGN_RATE_LIMIT"] = "1000 per hour"
    signer = HttpSigner(live_server, petition.slug)
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda i: signer.post(email=" Same@Example.org"), range(20)))
    assert all(status == 302 for status in statuses), statuses
    assert len(rows(app, petition_id=petition.id)) == 1
    jobs.wait_idle()
    assert len(smtp.messages) == 1  # one confirmation, the rest are within the resend window


def test_500_concurrent_confirmations_keep_the_count_exact(app, live_server, petition):
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
        statuses = list(pool.map(lambda url: get_status(opener, url), links + links[::-1]))
    assert statuses.count(200) == 1000, {s: statuses.count(s) for s in set(statuses)}
    assert count(app, petition) == 500 == counted_rows(app, petition)


def test_database_failure_during_insert_gives_503_no_row_no_email(app, client, petition, smtp):
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
        assert rows(app) == []
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
