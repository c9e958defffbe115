"""The signature annex: named signers who agreed, the rest counted; large ones in the background."""

import io

import pypdf

from organiser import jobs
from organiser.letters import rendering


def text_of(data: bytes) -> str:
    """All the text of a PDF."""
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_large_annex_renders_in_the_background_and_the_page_shows_progress(
    app, client, campaign, lobby, monkeypatch, add_letter, add_signatures
):
    monkeypatch.setattr(rendering, "INLINE_ROWS", 2)
    add_letter(campaign)
    add_signatures(campaign, [(f"Named Person {i}", "Leeds") for i in range(5)], others=3)
    waiting = client.get(f"/lobbies/{lobby}/letter.pdf")
    page = waiting.get_data(as_text=True)
    assert waiting.status_code == 202
    assert "Preparing the letter" in page and '<meta http-equiv="refresh" content="3">' in page
    assert "5 named signatures" in page
    assert jobs.wait_idle(timeout=30)
    ready = client.get(f"/lobbies/{lobby}/letter.pdf")
    assert ready.status_code == 200 and ready.mimetype == "application/pdf"
    text = text_of(ready.data)
    assert "Named Person 0, Leeds" in text and "Named Person 4, Leeds" in text
    assert "and 3 others" in text and "8 signatures" in text
    assert "Hidden Signer" not in text and "Secret City" not in text
    assert "@example.org" not in text and b"example.org" not in ready.data


def test_unconfirmed_and_invalidated_signatures_are_left_out(
    app, client, campaign, lobby, add_letter, add_signatures
):
    from organiser.db_types import utcnow

    add_letter(campaign)
    add_signatures(campaign, [("Withdrawn Person", "York")], invalidated_at=utcnow())
    add_signatures(campaign, [("Unconfirmed Person", "Hull")], confirmed_at=None)
    text = text_of(client.get(f"/lobbies/{lobby}/letter.pdf").data)
    assert "Withdrawn Person" not in text and "Unconfirmed Person" not in text
    assert "Annex" not in text


def test_a_render_that_could_not_be_queued_is_queued_again(
    app, client, campaign, lobby, monkeypatch, add_letter, add_signatures, unreachable_redis_url
):
    from datetime import timedelta

    from organiser.db_types import utcnow
    from organiser.extensions import db
    from organiser.letters.models import LetterPdf

    monkeypatch.setattr(rendering, "INLINE_ROWS", 2)
    app.config["JOBS_REDIS_URL"] = unreachable_redis_url  # the job queue is down
    add_letter(campaign)
    add_signatures(campaign, [(f"Named Person {i}", "Leeds") for i in range(3)])
    waiting = client.get(f"/lobbies/{lobby}/letter.pdf")
    assert waiting.status_code == 202 and "Preparing the letter" in waiting.get_data(True)
    with app.app_context():
        db.session.scalar(db.select(LetterPdf)).created_at = utcnow() - timedelta(hours=1)
        db.session.commit()
    app.config["JOBS_REDIS_URL"] = None  # back (in-process here)
    assert client.get(f"/lobbies/{lobby}/letter.pdf").status_code == 202
    assert jobs.wait_idle(timeout=30)
    assert client.get(f"/lobbies/{lobby}/letter.pdf").status_code == 200
