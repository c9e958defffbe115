"""A supporter who reads Russian, in Chromium: chooses Russian once at the foot of the home page
and keeps it through the lobby page, the petition page and its form errors; the confirmation
email (through the real SMTP server) and the letter PDF (read back with pypdf) are Russian
too. An organiser whose browser asks for German works in German, form errors included."""

import io
from email.header import decode_header, make_header
from pathlib import Path

from babel.support import Translations
from playwright.sync_api import expect
from pypdf import PdfReader

from organiser.extensions import db
from organiser.letters import services as letters
from organiser.lobbies.models import Campaign
from organiser.petitions.services import create_petition
from tests.visited_pages import VisitedPages

CATALOGS = Path(__file__).resolve().parents[2] / "organiser" / "translations"


def words(language: str):
    """The catalog's translation of a msgid, as a reader of that language sees it."""
    return Translations.load(CATALOGS, [language]).gettext


def test_a_supporter_reads_russian_from_the_home_page_to_the_letter(
    app, live_server, page, campaign, lobby, smtp
):
    ru = words("ru")
    with app.app_context():
        found = db.session.get(Campaign, campaign.id)
        petition = create_petition(found, title="Free them", text="We ask.", goal=100)
        letters.save_letter(
            None,
            found,
            None,
            language="ru",
            subject="Свободу",
            body="Мы требуем.",
            opening="",
            closing="",
            signatories="Кампания",
        )
        db.session.commit()
        slug = petition.slug
    page.goto(live_server + "/")
    page.get_by_role("link", name="Русский").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", name=ru("Upcoming lobbies"))).to_be_visible()

    page.get_by_role("link", name=ru("Past lobbies")).first.click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.goto(f"{live_server}/lobbies/{lobby}")
    expect(page.locator("html")).to_have_attribute("lang", "ru")

    page.goto(f"{live_server}/petitions/{slug}")
    page.get_by_role("button", name=ru("Sign the petition")).click()
    expect(page.get_by_text(ru("Please give your name."))).to_be_visible()
    page.get_by_label(ru("Your name")).fill("Айгерим")
    page.get_by_label(ru("Your email")).fill("aigerim@example.org")
    page.get_by_label(ru("Your country")).select_option("KZ")
    page.get_by_label(ru("I agree to the privacy notice")).check()
    page.get_by_role("button", name=ru("Sign the petition")).click()
    message = smtp.wait_for(1)[0]
    subject = str(make_header(decode_header(message["Subject"]))).replace("\r\n", "")
    assert subject == ru("Please confirm your signature: %(title)s") % {"title": "Free them"}
    body = message.get_payload(decode=True).decode()
    for sentence in (
        "Only confirmed signatures count. If you did not sign, ignore this email and nothing "
        "is counted.",
        "To withdraw your signature at any time, open:",
    ):
        assert ru(sentence) in body and ru(sentence) != sentence

    page.goto(f"{live_server}/lobbies/{lobby}")
    expect(page.locator("html")).to_have_attribute("lang", "ru")  # still, after the form
    with page.expect_download() as download:
        page.locator('.letter-downloads a[hreflang="ru"]').click(modifiers=["Alt"])
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = pdf.pages[0].extract_text()
    assert "Страница 1 из 1" in text and "Наши требования" in text and "Мы требуем." in text


def test_an_organiser_whose_browser_asks_for_german_works_in_german(
    live_server, browser, campaign, organiser, password
):
    de = words("de")
    context = browser.new_context(locale="de-AT", viewport={"width": 360, "height": 800})
    tab = context.new_page()
    visited = VisitedPages(tab)
    tab.goto(f"{live_server}/organise/login")
    expect(tab.locator("html")).to_have_attribute("lang", "de")
    tab.get_by_label(de("Email")).fill(organiser.email)
    tab.get_by_label(de("Password")).fill(password)
    tab.get_by_role("button", name=de("Log in")).click()
    tab.goto(f"{live_server}/organise/campaigns/{campaign.slug}")
    tab.get_by_role("button", name=de("Schedule a lobby")).click()
    tab.get_by_role("button", name=de("Save lobby")).click()
    expect(tab.get_by_text(de("Please give the title."))).to_be_visible()
    assert de("Please give the title.") == "Bitte geben Sie den Titel an."
    problems = visited.problems(context)
    context.close()
    assert not problems, "\n".join(problems)
