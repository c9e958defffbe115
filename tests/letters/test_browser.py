"""In Chromium: an organiser writes the letter in two languages and previews it; a supporter
downloads both PDFs from the lobby page."""

import io
import re

import pypdf
from playwright.sync_api import expect


def pdf_text(path) -> str:
    """The text of a downloaded PDF."""
    with open(path, "rb") as f:
        data = f.read()
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def write_letter(page, language: str, subject: str, body: str, closing: str) -> None:
    """Fill the letter form on the organiser's campaign page and save it."""
    page.get_by_role("button", name="Write the letter").click()
    page.get_by_label("Language", exact=True).select_option(language)
    page.get_by_label("Subject").fill(subject)
    page.get_by_label("Opening").fill("Your Excellency," if language == "en" else "Exzellenz,")
    page.get_by_label("Letter", exact=True).fill(body)
    page.get_by_label("Closing").fill(closing)
    page.get_by_label("Signatories").fill("Campaign Kazakhstan\nAnna Petrova, coordinator")
    page.get_by_role("button", name="Save letter").click()


def test_organiser_writes_two_languages_and_a_supporter_downloads_both(
    live_server, browser, campaign, lobby, password
):
    journey(browser, live_server, campaign, lobby, password)


def journey(browser, live_server, campaign, lobby, password: str) -> None:
    """The organiser's part, then the supporter's, in one browser."""
    organiser = browser.new_context(locale="en-GB")
    page = organiser.new_page()
    page.goto(f"{live_server}/organise/login")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/organise/campaigns/{campaign.slug}")

    write_letter(page, "en", "Release the prisoners", "We write **today**.", "Yours sincerely,")
    expect(page.get_by_text("Letter in English saved.")).to_be_visible()
    write_letter(
        page, "de", "Freiheit für die Gefangenen", "Wir schreiben heute.", "Hochachtungsvoll"
    )
    expect(page.get_by_text("German: “Freiheit für die Gefangenen”")).to_be_visible()

    page.locator("#letters li", has_text="German").get_by_role("link", name="Preview").click()
    expect(page.get_by_text("Freiheit für die Gefangenen")).to_be_visible()
    expect(page.get_by_text("Ambassador")).to_be_visible()
    expect(page.locator("ol.demands li")).to_have_text(["1. Release all political prisoners!"])
    german_date = re.compile(
        r"^\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|"
        r"September|Oktober|November|Dezember) \d{4}$"
    )
    expect(page.locator(".date")).to_have_text(german_date)

    organiser.close()

    supporter = browser.new_context(locale="en-GB", accept_downloads=True)
    tab = supporter.new_page()
    tab.goto(f"{live_server}/lobbies/{lobby}")
    links = tab.locator(".letter-downloads a")
    expect(links).to_have_text(["Letter (English, PDF)", "Letter (German, PDF)"])
    texts = {}
    for name in ("Letter (English, PDF)", "Letter (German, PDF)"):
        with tab.expect_download() as download:
            tab.get_by_role("link", name=name).click(modifiers=["Alt"])  # Alt: save, not view
        texts[name] = pdf_text(download.value.path())
    supporter.close()
    assert "Release the prisoners" in texts["Letter (English, PDF)"]
    assert "Page 1 of 1" in texts["Letter (English, PDF)"]
    assert "Freiheit für die Gefangenen" in texts["Letter (German, PDF)"]
    assert "Seite 1 von 1" in texts["Letter (German, PDF)"]
