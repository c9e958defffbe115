"""Feeds per language: ?lang= picks the feed's fixed words; the events keep their identity.

A feed without ?lang= stays English whatever the request's Accept-Language or cookie says
(calendar apps poll without them). Words added for the feeds are read from the catalogs
(force_locale), so these tests hold before and after the catalogs are merged.
"""

from urllib.parse import unquote

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from organiser import i18n


@pytest.fixture(autouse=True)
def russian_offered(monkeypatch):
    """Russian among the languages offered (whatever the catalogs' state)."""
    monkeypatch.setitem(i18n.LANGUAGES, "ru", "Русский")


def russian(app, message: str, **values) -> str:
    with app.test_request_context(), force_locale("ru"):
        return _(message, **values)


def test_russian_feed_has_russian_words_and_the_same_events(
    app, client, campaign, read_ics, assert_wire_format, make_lobby
):
    make_lobby(campaign, title="Emergency lobby")
    make_lobby(campaign, title="Called off", status="cancelled", cancellation_reason="Rain.")
    english = read_ics(client.get("/calendar.ics").data)
    response = client.get("/calendar.ics?lang=ru")
    assert response.status_code == 200
    assert_wire_format(response.data)
    calendar = read_ics(response.data)

    assert calendar["calname"] == russian(app, "All lobbies")
    by_uid = {event["uid"]: event for event in calendar["events"]}
    for event in english["events"]:
        same = by_uid[event["uid"]]
        assert same["sequence"] == event["sequence"]
        assert same["dtstart"] == event["dtstart"]
    assert set(by_uid) == {event["uid"] for event in english["events"]}
    summaries = sorted(event["summary"] for event in calendar["events"])
    assert summaries == ["Emergency lobby", "Отменён: Called off"]
    cancelled = next(e for e in calendar["events"] if e["status"] == "CANCELLED")
    assert "Этот пикет отменён. Rain." in cancelled["description"]
    assert russian(app, "Demands:") + "\n1. " in cancelled["description"]
    assert "Великобритания" in cancelled["location"]
    english_cancelled = next(e for e in english["events"] if e["status"] == "CANCELLED")
    assert english_cancelled["summary"] == "Cancelled: Called off"
    assert "This lobby is cancelled. Rain." in english_cancelled["description"]
    assert "United Kingdom" in english_cancelled["location"]


def test_a_feed_without_lang_stays_english_whatever_the_browser_says(client, campaign, make_lobby):
    make_lobby(campaign, status="cancelled")
    plain = client.get("/calendar.ics").data
    client.set_cookie(i18n.COOKIE, "ru")
    asked = client.get("/calendar.ics", headers={"Accept-Language": "ru"})
    assert asked.headers["ETag"] == client.get("/calendar.ics").headers["ETag"]
    assert b"X-WR-CALNAME:All lobbies" in plain
    assert b"Cancelled: " in asked.data and "Отменён".encode() not in asked.data
    assert b"X-WR-CALNAME:All lobbies" in asked.data
    unknown = client.get("/calendar.ics?lang=xx")
    assert unknown.status_code == 200
    assert unknown.headers["ETag"] == asked.headers["ETag"]
    assert b"X-WR-CALNAME:All lobbies" in unknown.data


@pytest.mark.parametrize(
    "url",
    ["/calendar.ics", "/campaigns/{campaign}/calendar.ics", "/lobbies/{lobby}.ics"],
)
def test_each_language_has_its_own_etag_and_304(client, campaign, make_lobby, url):
    slug = make_lobby(campaign, status="cancelled")
    url = url.format(campaign=campaign.slug, lobby=slug)
    english = client.get(url)
    ru = client.get(url + "?lang=ru")
    assert "Отменён".encode() in ru.data and "Отменён".encode() not in english.data
    assert english.headers["ETag"] != ru.headers["ETag"]
    for address, first in ((url, english), (url + "?lang=ru", ru)):
        again = client.get(address, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304
    crossed = client.get(url + "?lang=ru", headers={"If-None-Match": english.headers["ETag"]})
    assert crossed.status_code == 200


def test_a_change_reaches_the_russian_feed(app, client, campaign, organiser, make_lobby):
    slug = make_lobby(campaign, title="Before")
    assert b"Before" in client.get("/calendar.ics?lang=ru").data
    client.login(organiser.email)
    cancel = f"/organise/lobbies/{slug}/cancel"
    assert client.submit(cancel, {"reason": "Police ban."}).status_code == 302
    after = client.get("/calendar.ics?lang=ru").data.decode()
    assert "SUMMARY:Отменён: Before" in after


def test_subscribe_page_and_lobby_page_offer_the_readers_language(client, campaign, make_lobby):
    slug = make_lobby(campaign)
    english = client.get("/calendar?lang=en").get_data(as_text=True)
    assert "lang=" not in unquote(english.split('id="feed-url"')[1].split(">")[0])
    page = client.get("/calendar?lang=ru").get_data(as_text=True)
    for anchor in ("feed-url", "feed-webcal", "feed-google", "feed-outlook", "feed-office"):
        tag = page.split(f'id="{anchor}"')[1].split(">")[0]
        assert "calendar.ics?lang=ru" in unquote(unquote(tag)), anchor
    lobby_page = client.get(f"/lobbies/{slug}?lang=ru").get_data(as_text=True)
    assert f"/lobbies/{slug}.ics?lang=ru" in lobby_page
    assert f'/lobbies/{slug}.ics"' in client.get(f"/lobbies/{slug}?lang=en").get_data(as_text=True)


def test_campaign_page_follows_the_campaign_in_the_readers_language(client, campaign):
    feed = f"/campaigns/{campaign.slug}/calendar.ics"
    russian = unquote(client.get(f"/campaigns/{campaign.slug}?lang=ru").get_data(as_text=True))
    assert f"{feed}?lang=ru" in russian
    english = unquote(client.get(f"/campaigns/{campaign.slug}?lang=en").get_data(as_text=True))
    assert feed in english and f"{feed}?lang=" not in english
