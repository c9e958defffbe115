"""In Chromium: the subscribe page gives the right addresses for the chosen filters, and a
lobby's "Add to calendar" downloads its .ics."""

import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SITE = "https://organiser.test"


def test_subscribe_links_follow_the_chosen_filters(app, campaign, live_server, page, make_lobby):
    make_lobby(campaign, title="London lobby")
    make_lobby(campaign, title="Berlin lobby", city="Berlin", country="DE")
    page.goto(live_server + "/calendar")
    assert page.input_value("#feed-url") == f"{SITE}/calendar.ics"
    page.select_option("#campaign", campaign.slug)
    page.select_option("#country", "GB")
    page.select_option("#city", "London")
    page.click("text=Show the addresses")
    page.wait_for_url("**/calendar?*")
    query = f"campaign={campaign.slug}&country=GB&city=London"
    https = f"{SITE}/calendar.ics?{query}"
    assert page.input_value("#feed-url") == https
    assert (
        page.get_attribute("#feed-webcal", "href")
        == f"webcal://organiser.test/calendar.ics?{query}"
    )
    google = urlsplit(page.get_attribute("#feed-google", "href"))
    assert google.netloc == "calendar.google.com"
    assert parse_qs(google.query)["cid"] == [f"webcal://organiser.test/calendar.ics?{query}"]
    outlook = urlsplit(page.get_attribute("#feed-outlook", "href"))
    assert outlook.netloc == "outlook.live.com"
    assert parse_qs(outlook.query)["url"] == [https]
    assert page.is_visible("text=iPhone") and page.is_visible("text=Android")
    # The address serves just that: the London lobby.
    with urllib.request.urlopen(https.replace(SITE, live_server)) as response:
        body = response.read()
    assert b"SUMMARY:London lobby" in body and b"Berlin lobby" not in body
    # Nav link.
    page.click("nav >> text=Calendar")
    page.wait_for_url(live_server + "/calendar")


def test_a_lobby_ics_downloads(app, campaign, live_server, page, make_lobby):
    slug = make_lobby(campaign, title="Download me")
    page.goto(f"{live_server}/lobbies/{slug}")
    assert page.is_visible("text=Add to calendar")
    google = urlsplit(page.get_attribute("#lobby-google", "href"))
    assert parse_qs(google.query)["text"] == ["Download me"]
    assert parse_qs(urlsplit(page.get_attribute("#lobby-outlook", "href")).query)["subject"] == [
        "Download me"
    ]
    with page.expect_download() as info:
        page.click("#lobby-ics")
    download = info.value
    assert download.suggested_filename == f"{slug}.ics"
    body = Path(download.path()).read_bytes()
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"SUMMARY:Download me" in body and body.count(b"BEGIN:VEVENT") == 1
    # The campaign page links to its own feed.
    page.goto(f"{live_server}/campaigns/{campaign.slug}")
    href = page.get_attribute("#campaign-webcal", "href")
    assert href == f"webcal://organiser.test/campaigns/{campaign.slug}/calendar.ics"
