"""The per-process shortcuts of the signing and reading paths never show a wrong state."""

import pytest
from sqlalchemy import text, update

from organiser.extensions import db
from organiser.petitions.models import Petition
from tests.conftest import BrowserLikeClient
from tests.petitions.conftest import SIGNER, Inbox, count, rows, shown_count


def close_elsewhere(app, petition) -> None:
    """Close the petition as another worker would: this process's cached facts are not told."""
    with app.app_context():
        db.session.execute(
            update(Petition).where(Petition.id == petition.id).values(status="closed")
        )
        db.session.commit()


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


def test_a_petition_closed_in_another_worker_refuses_signatures_at_once(app, client, petition):
    url = f"/petitions/{petition.slug}"
    token = client.token(url)
    first = client.post(url, data={**SIGNER, "email": "first@example.org", "csrf_token": token})
    assert first.status_code == 302  # this worker now holds the petition's facts as open
    close_elsewhere(app, petition)
    late = client.post(url, data={**SIGNER, "email": "late@example.org", "csrf_token": token})
    assert late.status_code == 409
    assert "This petition is not taking signatures." in late.get_data(as_text=True)
    assert [row.email for row in rows(app)] == ["first@example.org"]


def test_a_signature_not_confirmed_before_closing_is_not_counted(app, client, petition, smtp):
    client.submit(f"/petitions/{petition.slug}", SIGNER)
    client.submit(f"/petitions/{petition.slug}", {**SIGNER, "email": "early@example.org"})
    messages = smtp.wait_for(2)
    links = {message["To"]: Inbox.links(message) for message in messages}
    assert client.get(links["early@example.org"]["confirm"]).status_code == 200
    close_elsewhere(app, petition)

    late = client.get(links[SIGNER["email"].strip()]["confirm"])
    assert late.status_code == 409
    assert "closed before you confirmed" in late.get_data(as_text=True)
    assert count(app, petition) == 1  # the count handed in stays what it was at closing
    confirmed = {row.email: row.confirmed_at is not None for row in rows(app)}
    assert confirmed == {"early@example.org": True, SIGNER["email"].strip(): False}
    again = client.get(links["early@example.org"]["confirm"])  # confirmed before: still fine
    assert "already confirmed" in again.get_data(as_text=True)


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
