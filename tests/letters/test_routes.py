"""The letter routes: download per language, the cache, the forms, the delivery record."""

import io
import re

import pypdf
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from organiser.extensions import db
from organiser.letters import rendering
from organiser.letters.models import Letter, LetterPdf


def pdf_text(response) -> str:
    """All the text of a PDF response, spaces normalised."""
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    return re.sub(r"[ \u00a0\u202f]+", " ", "\n".join(p.extract_text() for p in reader.pages))


def test_download_picks_the_language_and_falls_back_to_the_first(
    app, client, campaign, lobby, add_letter, russian_letter
):
    add_letter(campaign)
    add_letter(campaign, **russian_letter)
    english = pdf_text(client.get(f"/lobbies/{lobby}/letter.pdf"))
    assert "Release the political prisoners" in english
    assert "Release all political prisoners!" in english  # the lobby's demand
    assert "Ambassador" in english and "33 Thurloe Square" in english
    russian = client.get(f"/lobbies/{lobby}/letter.pdf?lang=ru")
    assert "Освободите политзаключённых" in pdf_text(russian)
    assert 'filename="letter-' in russian.headers["Content-Disposition"]
    unknown = client.get(f"/lobbies/{lobby}/letter.pdf?lang=xx<script>")
    assert "Release the political prisoners" in pdf_text(unknown)


def test_no_letter_or_no_lobby_is_404(app, client, campaign, lobby, add_letter):
    assert client.get(f"/lobbies/{lobby}/letter.pdf").status_code == 404
    add_letter(campaign)
    assert client.get("/lobbies/no-such-lobby/letter.pdf").status_code == 404


def test_second_download_is_served_from_the_cache_and_an_edit_renders_anew(
    app, client, campaign, lobby, organiser, add_letter
):
    letter_id = add_letter(campaign)
    before = rendering.render_count
    first = client.get(f"/lobbies/{lobby}/letter.pdf")
    second = client.get(f"/lobbies/{lobby}/letter.pdf")
    assert rendering.render_count == before + 1
    assert first.data == second.data
    assert (
        client.get(
            f"/lobbies/{lobby}/letter.pdf", headers={"If-None-Match": second.headers["ETag"]}
        ).status_code
        == 304
    )

    client.login(organiser.email)
    edited = client.submit(
        f"/organise/letters/{letter_id}/edit",
        {
            "language": "en",
            "subject": "Free Aron Atabek now",
            "body": "A new text.",
            "signatories": "Campaign Kazakhstan",
            "include_annex": "y",
        },
    )
    assert edited.status_code == 302
    third = client.get(f"/lobbies/{lobby}/letter.pdf")
    assert rendering.render_count == before + 2
    assert "Free Aron Atabek now" in pdf_text(third)
    with app.app_context():  # the old version is dropped, one cached PDF per lobby and language
        assert db.session.scalar(db.select(db.func.count()).select_from(LetterPdf)) == 1


def test_a_new_signature_changes_the_cached_letter(
    app, client, campaign, lobby, add_letter, add_signatures
):
    add_letter(campaign)
    add_signatures(campaign, [("Ada Lovelace", "London")])
    first = pdf_text(client.get(f"/lobbies/{lobby}/letter.pdf"))
    assert "Ada Lovelace, London" in first
    assert "Sign the petition" in first  # the QR code leads to the petition
    add_signatures(campaign, [("Grace Hopper", "Arlington")])
    text = pdf_text(client.get(f"/lobbies/{lobby}/letter.pdf"))
    assert "Grace Hopper, Arlington" in text
    assert "signer0@example.org" not in text and "@" not in text.split("Annex")[-1]


def test_repeated_downloads_within_seconds_are_served_from_memory(
    app, client, campaign, lobby, add_letter, add_signatures
):
    app.config["LETTER_PDF_MEMORY_SECONDS"] = 60
    add_letter(campaign)
    first = client.get(f"/lobbies/{lobby}/letter.pdf")
    add_signatures(campaign, [("Late Signer", "Leeds")])
    assert client.get(f"/lobbies/{lobby}/letter.pdf").data == first.data  # memo, no query
    rendering.forget()
    assert "Late Signer, Leeds" in pdf_text(client.get(f"/lobbies/{lobby}/letter.pdf"))


def test_organiser_writes_a_letter_with_csrf_and_sees_errors(app, client, campaign, organiser):
    client.login(organiser.email)
    url = f"/organise/campaigns/{campaign.slug}/letters/new"
    assert client.post(url, data={"language": "en", "subject": "x", "body": "y"}).status_code == 400
    bad = client.submit(url, {"language": "en", "subject": "", "body": "b" * 20001})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 200
    assert "Please give the subject." in page
    assert "Field cannot be longer than 20000 characters." in page
    made = client.submit(url, {"language": "de", "subject": "Freiheit", "body": "Text."})
    assert made.status_code == 302
    again = client.submit(url, {"language": "de", "subject": "Noch einmal", "body": "Text."})
    assert "There is already a letter in this language" in again.get_data(as_text=True)
    campaign_page = client.get(f"/organise/campaigns/{campaign.slug}").get_data(as_text=True)
    assert "German: “Freiheit”" in campaign_page
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Letter)) == 1


def test_other_organisers_cannot_see_or_change_the_letter(
    app, client, campaign, lobby, other_organiser, add_letter
):
    letter_id = add_letter(campaign)
    client.login(other_organiser.email)
    assert client.get(f"/organise/letters/{letter_id}/edit").status_code == 404
    assert client.get(f"/organise/letters/{letter_id}/preview").status_code == 404
    assert client.get(f"/organise/campaigns/{campaign.slug}/letters/new").status_code == 404
    assert client.get(f"/organise/lobbies/{lobby}/delivery").status_code == 404
    anonymous = client.application.test_client()
    assert anonymous.get(f"/organise/letters/{letter_id}/edit").status_code == 302


def test_lobby_version_overrides_the_campaign_letter(
    app, client, campaign, lobby, organiser, add_letter, make_lobby
):
    add_letter(campaign)
    other = make_lobby(campaign, title="Lobby in Berlin", city="Berlin", country="DE")
    client.login(organiser.email)
    url = f"/organise/lobbies/{lobby}/letters/new?lang=en"
    form = client.get(url).get_data(as_text=True)
    assert "Release the political prisoners" in form  # prefilled from the campaign's letter
    saved = client.submit(
        url, {"language": "en", "subject": "London's own letter", "body": "Only London."}
    )
    assert saved.status_code == 302
    assert "London's own letter" in pdf_text(client.get(f"/lobbies/{lobby}/letter.pdf"))
    assert "London's own letter" not in pdf_text(client.get(f"/lobbies/{other}/letter.pdf"))


def test_preview_shows_the_letter_as_html(app, client, campaign, lobby, organiser, add_letter):
    letter_id = add_letter(campaign, body="<b>not bold</b> and **bold**")
    client.login(organiser.email)
    page = client.get(f"/organise/letters/{letter_id}/preview")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Release all political prisoners!" in html
    assert "&lt;b&gt;not bold&lt;/b&gt; and <strong>bold</strong>" in html
    assert "<style" not in html and "<script" not in html  # the CSP holds
    css = client.get("/letters/letter.css?lang=ru").get_data(as_text=True)
    assert '"Страница " counter(page)' in css


def test_delivery_is_recorded_and_shown_on_the_lobby_page(
    app, client, campaign, lobby, organiser, add_letter
):
    add_letter(campaign)
    client.login(organiser.email)
    url = f"/organise/lobbies/{lobby}/delivery"
    bad = client.submit(url, {"date": "2026-03-29", "time": "01:30", "received_by": "x" * 201})
    assert "Field cannot be longer than 200 characters." in bad.get_data(as_text=True)
    gap = client.submit(url, {"date": "2026-03-29", "time": "01:30"})
    assert "does not exist in Europe/London" in gap.get_data(as_text=True)
    done = client.submit(
        url,
        {
            "date": "2026-06-12",
            "time": "12:40",
            "received_by": "Deputy Ambassador",
            "notes": "Accepted at the door <b>with thanks</b>.",
        },
    )
    assert done.status_code == 302
    page = client.application.test_client().get(f"/lobbies/{lobby}").get_data(as_text=True)
    assert "Fri 12 June 2026, 12:40 BST" in page
    assert "received by Deputy Ambassador" in page
    assert "Accepted at the door &lt;b&gt;with thanks&lt;/b&gt;." in page
    assert f"/lobbies/{lobby}/letter.pdf?lang=en" in page


def test_two_campaign_letters_in_one_language_are_refused_by_the_database(
    app, campaign, add_letter
):
    add_letter(campaign)
    with app.app_context():
        db.session.add(
            Letter(campaign_id=campaign.id, language="en", subject="Racing save", body="x")
        )
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(Letter)) == 1
