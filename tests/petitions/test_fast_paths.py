"""The per-process shortcuts of the signing and reading paths never show a wrong state."""

import pytest
from sqlalchemy import text

from organiser.extensions import db
from tests.conftest import BrowserLikeClient
from tests.petitions.conftest import SIGNER, shown_count


def test_a_closed_petition_refuses_signatures_at_once(app, client, organiser, petition):
    signer = BrowserLikeClient(app.test_client())
    url = f"/petitions/{petition.slug}"
    token = signer.token(url)  # the form was loaded while the petition was open
    assert signer.post(url, data={**SIGNER, "csrf_token": token}).status_code == 302

    client.login(organiser.email)
    edit_url = f"/organise/petitions/{petition.slug}/edit"
    form = {"title": "Closed now", "text": "x", "target_id": "0", "goal": "10"}
    assert client.submit(edit_url, {**form, "status": "closed"}).status_code == 302

    late = signer.post(url, data={**SIGNER, "email": "late@example.org", "csrf_token": token})
    assert late.status_code == 409
    assert "This petition is not taking signatures." in late.get_data(as_text=True)
    page = signer.get(url).get_data(as_text=True)
    assert "not taking signatures" in page
    assert 'id="sign"' not in page


def test_the_page_count_survives_dropped_database_connections(app, client, petition):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        print("\nSKIPPING: dropping server connections needs PostgreSQL (TEST_DATABASE_URL)")
        pytest.skip("needs PostgreSQL: SQLite has no server connections to drop")
    url = f"/petitions/{petition.slug}"
    assert shown_count(client.get(url).get_data(as_text=True)) == 0
    with app.app_context():
        db.session.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
        db.session.commit()
    page = client.get(url)
    assert page.status_code == 200
    assert shown_count(page.get_data(as_text=True)) == 0
