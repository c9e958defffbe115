"""A deleted lobby that calendars may know stays in the feeds as a cancelled event, with a
higher SEQUENCE, until its end has passed, so subscribed calendars drop it too."""

from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from sqlalchemy import select

from organiser.extensions import db
from organiser.lobbies.tombstones import DeletedLobby

FEEDS = ("/calendar.ics", "/calendar.ics?city=London&country=GB")


def events(body: bytes) -> dict[str, dict]:
    """Each VEVENT of a feed by UID: its status, sequence and summary."""
    found = {}
    for event in Calendar.from_ical(body).walk("VEVENT"):
        found[str(event["UID"])] = {
            "status": str(event["STATUS"]),
            "sequence": int(event["SEQUENCE"]),
            "summary": str(event["SUMMARY"]),
            "start": event.decoded("DTSTART"),
        }
    return found


def delete(client, url: str, data: dict | None = None):
    response = client.submit(url, data or {})
    assert response.status_code == 302, response.get_data(as_text=True)


def test_a_deleted_lobby_stays_in_the_feeds_cancelled_with_a_higher_sequence(
    app, client, campaign, lobby, find_lobby
):
    with app.app_context():
        uid, sequence = find_lobby(lobby).uid, find_lobby(lobby).sequence
        start = find_lobby(lobby).starts_at
    feeds = [*FEEDS, f"/campaigns/{campaign.slug}/calendar.ics"]
    etags = {}
    for url in feeds:
        response = client.get(url)
        assert events(response.data)[uid]["status"] == "CONFIRMED"
        etags[url] = response.headers["ETag"]
    client.login("ada@example.org")
    delete(client, f"/organise/lobbies/{lobby}/delete")
    for url in feeds:
        response = client.get(url, headers={"If-None-Match": etags[url]})
        assert response.status_code == 200, url  # never a 304 for the copy before the delete
        assert response.headers["ETag"] != etags[url]
        event = events(response.data)[uid]
        assert event["status"] == "CANCELLED", url
        assert event["sequence"] > sequence
        assert event["summary"] == "Cancelled: Emergency lobby"
        assert event["start"] == start
    assert uid not in events(client.get("/calendar.ics?city=Berlin").data)
    assert uid not in events(client.get("/calendar.ics?country=DE").data)


def test_a_cancelled_then_deleted_lobby_still_goes_up_a_sequence(app, client, lobby, find_lobby):
    client.login("ada@example.org")
    delete(client, f"/organise/lobbies/{lobby}/cancel", {"reason": "Moved"})
    with app.app_context():
        uid, sequence = find_lobby(lobby).uid, find_lobby(lobby).sequence
    assert events(client.get("/calendar.ics").data)[uid]["sequence"] == sequence
    delete(client, f"/organise/lobbies/{lobby}/delete")
    assert events(client.get("/calendar.ics").data)[uid]["sequence"] == sequence + 1


def test_a_deleted_campaigns_lobbies_stay_cancelled_in_the_whole_feed(
    app, client, campaign, make_lobby, find_lobby
):
    slugs = [make_lobby(campaign), make_lobby(campaign, title="Second", city="Berlin")]
    with app.app_context():
        uids = {find_lobby(slug).uid for slug in slugs}
    campaign_feed = f"/campaigns/{campaign.slug}/calendar.ics"
    assert client.get(campaign_feed).status_code == 200
    client.login("ada@example.org")
    delete(client, f"/organise/campaigns/{campaign.slug}/delete", {"name": "Campaign Kazakhstan"})
    feed = events(client.get("/calendar.ics").data)
    assert uids <= set(feed)
    assert {feed[uid]["status"] for uid in uids} == {"CANCELLED"}
    assert client.get(campaign_feed).status_code == 404
    assert client.get(f"/calendar.ics?campaign={campaign.slug}").status_code == 404
    with app.app_context():
        assert db.session.scalars(select(DeletedLobby.campaign_id)).all() == [None, None]


def test_a_lobby_already_over_leaves_nothing_behind(app, client, campaign, make_lobby, find_lobby):
    past = make_lobby(campaign, datetime.now(UTC).replace(tzinfo=None) - timedelta(days=3))
    with app.app_context():
        uid = find_lobby(past).uid
    assert uid in events(client.get("/calendar.ics").data)  # the feeds keep the past year
    client.login("ada@example.org")
    delete(client, f"/organise/lobbies/{past}/delete")
    assert uid not in events(client.get("/calendar.ics").data)
    with app.app_context():
        assert db.session.scalars(select(DeletedLobby)).all() == []


def test_a_deleted_lobby_leaves_the_feeds_once_its_end_has_passed(
    app, client, campaign, lobby, find_lobby
):
    with app.app_context():
        uid = find_lobby(lobby).uid
    client.login("ada@example.org")
    delete(client, f"/organise/lobbies/{lobby}/delete")
    assert events(client.get("/calendar.ics").data)[uid]["status"] == "CANCELLED"
    with app.app_context():  # as if the day had come and gone
        buried = db.session.scalar(select(DeletedLobby))
        buried.starts_at = datetime.now(UTC) - timedelta(days=2, hours=1)
        buried.ends_at = datetime.now(UTC) - timedelta(days=2)
        db.session.commit()
    another = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    assert client.get(another).status_code == 200
    # Any change raises the feeds' counter; the tombstone is past and no longer shown.
    delete(client, f"/organise/campaigns/{campaign.slug}/edit", _campaign_form())
    assert uid not in events(client.get("/calendar.ics").data)


def _campaign_form() -> dict:
    return {"name": "Campaign Kazakhstan!", "organisation_name": "Campaign Kazakhstan"}


def test_ical_js_reads_the_tombstone_at_the_venues_time(
    app, client, campaign, make_lobby, find_lobby, read_ics, assert_wire_format
):
    slug = make_lobby(campaign, datetime(2031, 12, 16, 13, 0), zone="Europe/Berlin", city="Berlin")
    with app.app_context():
        uid = find_lobby(slug).uid
    client.login("ada@example.org")
    delete(client, f"/organise/lobbies/{slug}/delete")
    body = client.get("/calendar.ics?city=Berlin").data
    assert_wire_format(body)
    read = read_ics(body)
    assert read["zones"] == ["Europe/Berlin"]
    (event,) = read["events"]
    assert (event["uid"], event["status"], event["sequence"]) == (uid, "CANCELLED", 1)
    assert event["summary"] == "Cancelled: Emergency lobby"
    assert event["dtstart"]["zone"] == "Europe/Berlin"
    assert event["dtstart"]["utc"] == "2031-12-16T12:00:00Z"
    assert event["categories"] == ["Campaign Kazakhstan"]
