"""The report of the day: every city's report in the order each city read its clock, with
venue, target, what happened and photos; and its Atom feed, one entry per report."""

import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from organiser.board.states import record_state
from organiser.extensions import db
from organiser.lobbies.models import Lobby
from organiser.photos.models import Photo
from organiser.photos.services import store_photo
from organiser.reports.models import LobbyReport, ReportPhoto

ATOM = "{http://www.w3.org/2005/Atom}"
DAY = datetime(2026, 6, 12)  # a Friday, summer time in Europe, winter in Sydney


@pytest.fixture
def reported(app, campaign, make_lobby, find_lobby, phone_photo):
    """A function (city, zone, hour, country, **report): a lobby on DAY at that local hour,
    with a report by "Bo (host)"; its slug."""

    def report(city: str, zone: str, hour: int, country: str, photo=None, **fields) -> str:
        slug = make_lobby(
            campaign,
            DAY.replace(hour=hour),
            zone,
            title=f"Day of action: {city}",
            city=city,
            country=country,
            venue=f"Outside the embassy in {city}",
        )
        with app.app_context():
            made = LobbyReport(lobby=find_lobby(slug), author="Bo (host)", **fields)
            if photo:
                upload = FileStorage(io.BytesIO(phone_photo(600, 400)), filename="p.jpg")
                made.photos.append(
                    ReportPhoto(photo=store_photo(upload), caption=photo, consent=True)
                )
            db.session.add(made)
            db.session.commit()
        return slug

    return report


def test_cities_come_in_the_order_of_their_local_time(client, campaign, reported):
    # In UTC: Sydney 03:00, Berlin 10:00, London 10:00; on their own clocks: 11, 12, 13.
    reported("Berlin", "Europe/Berlin", 12, "DE", text="Handed to the Deputy Ambassador.")
    reported("Sydney", "Australia/Sydney", 13, "AU", text="Leaflets at the consulate.")
    reported(
        "London",
        "Europe/London",
        11,
        "GB",
        text="The embassy locked its doors.",
        response="Doors locked.",
        attendance=40,
        photo="Protesters at the gate",
    )
    response = client.get(f"/campaigns/{campaign.slug}/report")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    order = [page.index(f"<h3>{city}:") for city in ("London", "Berlin", "Sydney")]
    assert order == sorted(order)
    assert "Friday 12 June 2026" in page
    assert "Outside the embassy in London" in page and "Embassy of Kazakhstan" not in page
    assert "The embassy locked its doors." in page and "40 people came." in page
    assert "Protesters at the gate" in page and 'src="/photos/' in page
    assert "11:00 BST" in page and "12:00 CEST" in page and "13:00 AEST" in page


def test_each_city_shows_its_state_from_the_board(app, client, campaign, reported, find_lobby):
    slug = reported("London", "Europe/London", 11, "GB", text="We waited outside.")
    reported("Berlin", "Europe/Berlin", 12, "DE", text="Handed in.")
    with app.app_context():
        record_state(find_lobby(slug), "doors_locked", by="Bo (host)")
        db.session.commit()
    page = client.get(f"/campaigns/{campaign.slug}/report").get_data(as_text=True)
    london, berlin = page.split("<h3>London:")[1].split("<h3>Berlin:")
    assert "Doors locked" in london and "Doors locked" not in berlin


def test_the_page_names_the_lobbies_still_to_report(app, client, campaign, make_lobby, reported):
    reported("London", "Europe/London", 11, "GB", text="Done.")
    make_lobby(
        campaign,
        DAY.replace(hour=12),
        "Europe/Vienna",
        title="Vienna lobby",
        city="Vienna",
        country="AT",
    )
    page = client.get(f"/campaigns/{campaign.slug}/report").get_data(as_text=True)
    waiting = page.split("Still to report")[1]
    assert "Vienna lobby" in waiting and "London" not in waiting


def test_the_campaign_page_links_to_the_report_once_a_city_reported(client, campaign, reported):
    page = client.get(f"/campaigns/{campaign.slug}").get_data(as_text=True)
    assert f"/campaigns/{campaign.slug}/report" not in page
    reported("London", "Europe/London", 11, "GB", text="Done.")
    page = client.get(f"/campaigns/{campaign.slug}").get_data(as_text=True)
    assert f'href="/campaigns/{campaign.slug}/report"' in page
    assert f'href="/campaigns/{campaign.slug}/reports.atom"' in page


def test_the_feed_has_one_entry_per_report_in_local_order(app, client, campaign, reported):
    reported("Berlin", "Europe/Berlin", 12, "DE", text="Handed to the <Deputy> Ambassador.")
    reported("London", "Europe/London", 11, "GB", text="Doors locked.", photo="At the gate")
    response = client.get(f"/campaigns/{campaign.slug}/reports.atom")
    assert response.status_code == 200
    assert response.content_type == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Reports: Campaign Kazakhstan"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "London: Day of action: London",
        "Berlin: Day of action: Berlin",
    ]
    london, berlin = entries
    assert london.find(f"{ATOM}link").get("href").startswith("https://organiser.test/lobbies/")
    assert london.findtext(f"{ATOM}author/{ATOM}name") == "Bo (host)"
    content = london.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert 'src="https://organiser.test/photos/' in content.text
    assert "Handed to the &lt;Deputy&gt; Ambassador." in berlin.find(f"{ATOM}content").text
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert (
        self_link[0].get("href") == f"https://organiser.test/campaigns/{campaign.slug}/reports.atom"
    )


def test_the_feed_answers_304_until_a_report_changes(app, client, campaign, reported, find_lobby):
    slug = reported("London", "Europe/London", 11, "GB", text="Doors locked.")
    url = f"/campaigns/{campaign.slug}/reports.atom"
    etag = client.get(url).headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    with app.app_context():
        find_lobby(slug).title = "Renamed lobby"
        db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and b"Renamed lobby" in changed.data
    reported("Berlin", "Europe/Berlin", 12, "DE", text="Another city.")
    assert client.get(url, headers={"If-None-Match": changed.headers["ETag"]}).status_code == 200


def test_an_empty_feed_still_parses(client, campaign):
    feed = ET.fromstring(client.get(f"/campaigns/{campaign.slug}/reports.atom").data)
    assert feed.findall(f"{ATOM}entry") == []


@pytest.mark.parametrize("path", ["/campaigns/nope/report", "/campaigns/nope/reports.atom"])
def test_unknown_campaigns_are_404(client, path):
    assert client.get(path).status_code == 404


def test_a_deleted_lobby_takes_its_report_and_photos_links_with_it(
    app, client, campaign, reported, find_lobby
):
    slug = reported("London", "Europe/London", 11, "GB", text="Doors locked.", photo="Gate")
    with app.app_context():
        db.session.delete(find_lobby(slug))
        db.session.commit()
        assert db.session.query(LobbyReport).count() == 0
        assert db.session.query(ReportPhoto).count() == 0
        assert db.session.query(Lobby).count() == 0


def test_prune_photos_deletes_only_old_photos_nothing_refers_to(
    app, runner, campaign, reported, find_lobby, phone_photo
):
    kept_slug = reported("Berlin", "Europe/Berlin", 12, "DE", text="Kept.", photo="Kept")
    gone_slug = reported("London", "Europe/London", 11, "GB", text="Deleted.", photo="Gone")
    with app.app_context():
        fresh = store_photo(FileStorage(io.BytesIO(phone_photo(300, 200)), filename="f.jpg"))
        fresh.created_at = datetime.now(UTC)
        for photo in db.session.scalars(select(Photo).where(Photo.id != fresh.id)):
            photo.created_at = datetime.now(UTC) - timedelta(days=2)
        db.session.delete(find_lobby(gone_slug))
        db.session.commit()
        kept = db.session.scalar(select(ReportPhoto.photo_id))
        fresh_id = fresh.id
    result = runner.invoke(args=["prune-photos"])
    assert result.exit_code == 0 and "1 unused photo deleted." in result.output
    with app.app_context():
        assert set(db.session.scalars(select(Photo.id))) == {kept, fresh_id}
        assert find_lobby(kept_slug) is not None


def test_the_organisers_campaign_page_counts_reports_and_links_the_page(
    client, auth, organiser, campaign, reported
):
    reported("London", "Europe/London", 11, "GB", text="Done.")
    auth.login(organiser.email)
    page = client.get(f"/organise/campaigns/{campaign.slug}").get_data(as_text=True)
    section = page.split('id="reports-heading"')[1].split("</section>")[0]
    assert "1 lobby has a report." in section
    assert f'href="/campaigns/{campaign.slug}/report"' in section
