"""A signature keeps the language it was made in: its confirmation email goes out in it, whether
sent right after signing, later by the outbox's sweep (no request, no page), or on signing again
from a page in another language (real SMTP; the text compared with the catalogs)."""

from email.header import decode_header, make_header
from pathlib import Path

from babel.support import Translations

from organiser.extensions import db
from organiser.petitions.emails import deliver_due
from organiser.petitions.models import Petition

CATALOGS = Path(__file__).parents[2] / "organiser" / "translations"
PLEASE_CONFIRM = "Please confirm your signature: %(title)s"
WITHDRAW = "To withdraw your signature at any time, open:"


def in_language(language: str, msgid: str, **values) -> str:
    """The catalog's translation of msgid, filled in."""
    text = Translations.load(str(CATALOGS), [language]).gettext(msgid)
    return text % values if values else text


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"]))).replace("\r\n", "")


def body(message) -> str:
    return message.get_payload(decode=True).decode()


def title(app, petition) -> str:
    with app.app_context():
        return db.session.get(Petition, petition.id).title


def test_signed_in_russian_the_sweep_writes_russian(
    app, client, petition, smtp, sign_form, unreachable_redis_url, rows
):
    app.config["JOBS_REDIS_URL"] = unreachable_redis_url  # no job: the mail waits in the outbox
    url = f"/petitions/{petition.slug}?lang=ru"
    assert client.submit(url, sign_form).status_code == 503
    assert [row.language for row in rows()] == ["ru"]
    app.config["JOBS_REDIS_URL"] = None

    with app.app_context():  # the sweep of `flask jobs-worker`: no request, no page
        assert deliver_due() == 1
    message = smtp.wait_for(1)[0]
    expected = in_language("ru", PLEASE_CONFIRM, title=title(app, petition))
    assert subject(message) == expected
    assert expected != PLEASE_CONFIRM % {"title": title(app, petition)}
    assert in_language("ru", WITHDRAW) in body(message)
    assert WITHDRAW not in body(message)


def test_signing_again_from_an_english_page_writes_the_signatures_language(
    app, client, new_client, petition, smtp, sign_form
):
    assert client.submit(f"/petitions/{petition.slug}?lang=ru", sign_form).status_code == 302
    smtp.wait_for(1)
    app.config["CONFIRM_RESEND_MINUTES"] = 0
    english = new_client()
    assert english.submit(f"/petitions/{petition.slug}", sign_form).status_code == 302
    second = smtp.wait_for(2)[1]
    assert subject(second) == in_language("ru", PLEASE_CONFIRM, title=title(app, petition))


def test_english_signers_are_written_in_english(app, client, petition, smtp, sign_form, rows):
    assert client.submit(f"/petitions/{petition.slug}", sign_form).status_code == 302
    message = smtp.wait_for(1)[0]
    assert subject(message) == PLEASE_CONFIRM % {"title": title(app, petition)}
    assert WITHDRAW in body(message)
    assert [row.language for row in rows()] == ["en"]


def test_paper_signatures_record_the_organisers_page_language(client, organiser, petition, rows):
    client.login(organiser.email)
    page = f"/organise/petitions/{petition.slug}"
    client.get(f"{page}?lang=de")  # the organiser works in German
    paper = {"name": "Dana Paper", "city": "Almaty", "country": "KZ"}
    assert client.submit(f"{page}/paper", paper, page).status_code == 302
    assert [row.language for row in rows()] == ["de"]
