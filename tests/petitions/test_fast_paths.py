"""The per-process shortcuts of the signing and reading paths never show a wrong state."""

import sqlite3
import time

import psycopg
import pytest
from sqlalchemy import text, update

from organiser.extensions import db
from organiser.petitions import count_copy
from organiser.petitions.models import Petition


def close_elsewhere(app, petition) -> None:
    """Close the petition as another worker would: this process's cached facts are not told."""
    with app.app_context():
        db.session.execute(
            update(Petition).where(Petition.id == petition.id).values(status="closed")
        )
        db.session.commit()


def test_a_closed_petition_refuses_signatures_at_once(
    app, client, organiser, petition, new_client, sign_form
):
    signer = new_client()
    url = f"/petitions/{petition.slug}"
    token = signer.token(url)  # the form was loaded while the petition was open
    assert signer.post(url, data={**sign_form, "csrf_token": token}).status_code == 302

    client.login(organiser.email)
    edit_url = f"/organise/petitions/{petition.slug}/edit"
    form = {"title": "Closed now", "text": "x", "target_id": "0", "goal": "10"}
    assert client.submit(edit_url, {**form, "status": "closed"}).status_code == 302

    late = signer.post(url, data={**sign_form, "email": "late@example.org", "csrf_token": token})
    assert late.status_code == 409
    assert "and is not taking signatures: its count is final." in late.get_data(as_text=True)
    page = signer.get(url).get_data(as_text=True)
    assert "not taking signatures" in page
    assert 'id="sign"' not in page


def test_a_petition_closed_in_another_worker_refuses_signatures_at_once(
    app, client, petition, rows, sign_form
):
    url = f"/petitions/{petition.slug}"
    token = client.token(url)
    first = client.post(url, data={**sign_form, "email": "first@example.org", "csrf_token": token})
    assert first.status_code == 302  # this worker now holds the petition's facts as open
    close_elsewhere(app, petition)
    late = client.post(url, data={**sign_form, "email": "late@example.org", "csrf_token": token})
    assert late.status_code == 409
    assert "is not taking signatures: its count is final." in late.get_data(as_text=True)
    assert [row.email for row in rows()] == ["first@example.org"]


def test_a_signature_not_confirmed_before_closing_is_not_counted(
    app, client, petition, smtp, count, rows, sign_form
):
    client.submit(f"/petitions/{petition.slug}", sign_form)
    client.submit(f"/petitions/{petition.slug}", {**sign_form, "email": "early@example.org"})
    messages = smtp.wait_for(2)
    links = {message["To"]: smtp.links(message) for message in messages}
    assert client.get(links["early@example.org"]["confirm"]).status_code == 200
    close_elsewhere(app, petition)

    late = client.get(links["Aigerim@example.org"]["confirm"])
    assert late.status_code == 409
    assert "closed before you confirmed" in late.get_data(as_text=True)
    assert count(petition) == 1  # the count handed in stays what it was at closing
    confirmed = {row.email: row.confirmed_at is not None for row in rows()}
    assert confirmed == {"early@example.org": True, "Aigerim@example.org": False}
    again = client.get(links["early@example.org"]["confirm"])  # confirmed before: still fine
    assert "already confirmed" in again.get_data(as_text=True)


def needs_postgresql(app, what: str) -> None:
    """Skips, saying why, on SQLite."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        print(f"\nSKIPPING: {what} needs PostgreSQL (set TEST_DATABASE_URL)")
        pytest.skip(f"{what} needs PostgreSQL")


def set_count_elsewhere(app, petition, count: int, notify: bool = True) -> None:
    """Change the count from another connection, as another process or a repair by hand would;
    with notify False (PostgreSQL), the trigger that tells the processes is off for the change."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"))
        with connection:
            connection.execute(
                "UPDATE signature_count SET count = CASE slot WHEN 0 THEN ? ELSE 0 END "
                "WHERE petition_id = ?",
                (count, petition.id),
            )
        connection.close()
        return
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1)) as connection:
        if not notify:
            connection.execute("ALTER TABLE signature_count DISABLE TRIGGER signature_count_notify")
        connection.execute(
            "UPDATE signature_count SET count = CASE slot WHEN 0 THEN %s ELSE 0 END "
            "WHERE petition_id = %s",
            (count, petition.id),
        )
        if not notify:
            connection.execute("ALTER TABLE signature_count ENABLE TRIGGER signature_count_notify")


def views_until(client, url: str, shown_count, stop, seconds: float = 30.0) -> list[tuple]:
    """Views of the page as (time it began, time it ended, count shown) until `stop(began,
    count)` holds; fails after `seconds` (a deadline for a loaded machine, not a measurement)."""
    views, deadline = [], time.monotonic() + seconds
    while True:
        began = time.monotonic()
        count = shown_count(client.get(url).get_data(as_text=True))
        views.append((began, time.monotonic(), count))
        if stop(began, count):
            return views
        assert began < deadline, views[-5:]
        time.sleep(0.01)


def test_pages_show_a_count_changed_by_another_process_at_once(
    app, client, petition, shown_count, monkeypatch
):
    monkeypatch.setattr(count_copy, "KEEP_SECONDS", 600.0)  # only being told shows the change
    url = f"/petitions/{petition.slug}"
    assert shown_count(client.get(url).get_data(as_text=True)) == 0  # this process keeps 0
    set_count_elsewhere(app, petition, 41)
    views_until(client, url, shown_count, lambda _began, count: count == 41)


def test_the_kept_count_is_the_page_count_and_is_never_older_than_two_seconds(
    app, client, petition, shown_count
):
    needs_postgresql(app, "a change nobody is told of (a trigger switched off)")
    url = f"/petitions/{petition.slug}"
    before_read = time.monotonic()
    assert shown_count(client.get(url).get_data(as_text=True)) == 0  # the copy is read now...
    read = time.monotonic()  # ...between these two instants
    set_count_elsewhere(app, petition, 7, notify=False)  # nobody is told
    keep = count_copy.KEEP_SECONDS
    views = views_until(client, url, shown_count, lambda began, _count: began >= read + keep)
    assert views[-1][2] == 7, "a copy outlived its bound"
    for _began, ended, count in views:
        if ended < before_read + keep:  # within the bound: the copy answered
            assert count == 0, views
    counts = [count for _, _, count in views]
    assert counts == sorted(counts), counts  # once read again, never the old copy


def test_the_page_count_survives_dropped_database_connections(app, client, petition, shown_count):
    needs_postgresql(app, "dropping server connections")
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
    set_count_elsewhere(app, petition, 3)  # the listener is gone with the rest: read
    assert shown_count(client.get(url).get_data(as_text=True)) == 3
