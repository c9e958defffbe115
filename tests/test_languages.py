"""Choosing the language: ?lang= on any page is remembered in a cookie, else the browser's
Accept-Language is followed, else English; the page says its language and its alternates."""

import re


def test_lang_in_the_address_picks_the_language_and_is_remembered(client):
    first = client.get("/?lang=ru")
    assert '<html lang="ru">' in first.get_data(as_text=True)
    assert "lang=ru" in first.headers["Set-Cookie"]
    assert {"Accept-Language", "Cookie"} <= set(first.vary)
    again = client.get("/past")
    assert '<html lang="ru">' in again.get_data(as_text=True)


def test_the_browser_language_is_followed_until_one_is_chosen(client):
    page = client.get("/", headers={"Accept-Language": "de-AT,de;q=0.9,en;q=0.5"})
    assert '<html lang="de">' in page.get_data(as_text=True)
    chosen = client.get("/?lang=sv", headers={"Accept-Language": "de"})
    assert '<html lang="sv">' in chosen.get_data(as_text=True)


def test_an_unknown_language_is_english_and_not_remembered(client):
    page = client.get("/?lang=xx", headers={"Accept-Language": "tlh"})
    assert '<html lang="en">' in page.get_data(as_text=True)
    assert "Set-Cookie" not in page.headers or "lang=" not in page.headers["Set-Cookie"]


def test_every_page_links_itself_in_each_language(client):
    page = client.get("/past?country=GB").get_data(as_text=True)
    alternates = re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', page)
    assert {code for code, _ in alternates} >= {"en", "ru", "de", "fr", "sv"}
    assert ("ru", "/past?country=GB&amp;lang=ru") in alternates
    assert 'hreflang="ru" lang="ru">Русский</a>' in page


def test_a_letter_in_russian_does_not_switch_the_readers_pages(client, lobby):
    client.get(f"/lobbies/{lobby}/letter.pdf?lang=ru")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
