"""The feeds over HTTP: headers, conditional requests, HEAD, filters, 404s, the cache."""

from email.utils import format_datetime, parsedate_to_datetime

import pytest
from sqlalchemy import event

from organiser.extensions import db
from organiser.feeds import cache, ical


@pytest.fixture
def places(app, campaign, make_lobby, make_organiser):
    """Lobbies in two campaigns and three countries; the second campaign's slug."""
    from organiser.accounts.models import Organiser
    from organiser.lobbies import services

    make_lobby(campaign, title="London lobby")
    make_lobby(campaign, title="Berlin lobby", city="Berlin", country="DE")
    other = make_organiser("cy@example.org", "Cy")
    with app.app_context():
        owner = db.session.get(Organiser, other.id)
        second = services.create_campaign(owner, name="Telia out", organisation_name="Telia out")
        db.session.commit()
        second = type(campaign)(id=second.id, slug=second.slug)
    make_lobby(second, title="Paris lobby", city="Paris", country="FR")
    make_lobby(second, title="Manchester lobby", city="Manchester")
    return second.slug


def titles(response) -> list[str]:
    assert response.status_code == 200
    text = response.data.replace(b"\r\n ", b"").decode()
    return sorted(line[8:] for line in text.split("\r\n") if line.startswith("SUMMARY:"))


def test_headers(app, client, campaign, make_lobby):
    slug = make_lobby(campaign)
    for url in (
        "/calendar.ics",
        f"/campaigns/{campaign.slug}/calendar.ics",
        f"/lobbies/{slug}.ics",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        etag = response.headers["ETag"]
        assert etag.startswith('"') and not etag.startswith("W/")
        assert parsedate_to_datetime(response.headers["Last-Modified"])
        assert response.headers["Cache-Control"] == "public, max-age=300"
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.data.startswith(b"BEGIN:VCALENDAR\r\n")


def test_conditional_requests_and_head(app, client, campaign, make_lobby):
    make_lobby(campaign)
    first = client.get("/calendar.ics")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = client.get("/calendar.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == "public, max-age=300"
    assert client.get("/calendar.ics", headers={"If-None-Match": f"W/{etag}"}).status_code == 304
    assert client.get("/calendar.ics", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/calendar.ics", headers={"If-Modified-Since": modified}).status_code == 304
    earlier = format_datetime(parsedate_to_datetime(modified).replace(year=2020), usegmt=True)
    assert client.get("/calendar.ics", headers={"If-Modified-Since": earlier}).status_code == 200
    # If-None-Match wins over If-Modified-Since.
    both = {"If-None-Match": '"other"', "If-Modified-Since": modified}
    assert client.get("/calendar.ics", headers=both).status_code == 200
    head = client.head("/calendar.ics")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == etag
    assert int(head.headers["Content-Length"]) == len(first.data)
    assert client.head("/calendar.ics", headers={"If-None-Match": etag}).status_code == 304


def test_304_is_answered_before_any_feed_is_built_or_read(app, client, campaign, make_lobby):
    slug = make_lobby(campaign)
    urls = ["/calendar.ics", f"/campaigns/{campaign.slug}/calendar.ics", f"/lobbies/{slug}.ics"]
    etags = {url: client.get(url).headers["ETag"] for url in urls}
    statements = []
    with app.app_context():
        engine = db.engine

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        for url in urls:
            response = client.get(url, headers={"If-None-Match": etags[url]})
            assert response.status_code == 304
    finally:
        event.remove(engine, "before_cursor_execute", record)
    # The counter is read on a bare DBAPI cursor; nothing else is asked of the database.
    assert statements == []


def test_filters(app, client, campaign, places):
    assert titles(client.get("/calendar.ics")) == [
        "Berlin lobby",
        "London lobby",
        "Manchester lobby",
        "Paris lobby",
    ]
    c = campaign.slug
    assert titles(client.get(f"/calendar.ics?campaign={c}")) == ["Berlin lobby", "London lobby"]
    assert titles(client.get("/calendar.ics?country=GB")) == ["London lobby", "Manchester lobby"]
    assert titles(client.get("/calendar.ics?country=gb&city=london")) == ["London lobby"]
    assert titles(client.get(f"/calendar.ics?campaign={places}&country=GB")) == ["Manchester lobby"]
    assert titles(client.get(f"/campaigns/{places}/calendar.ics")) == [
        "Manchester lobby",
        "Paris lobby",
    ]
    assert titles(client.get(f"/campaigns/{places}/calendar.ics?country=FR")) == ["Paris lobby"]
    empty = client.get(f"/calendar.ics?campaign={c}&city=Paris")
    assert titles(empty) == []
    assert empty.data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert empty.data.endswith(b"END:VCALENDAR\r\n")
    assert b"X-WR-CALNAME:Lobbies: Campaign Kazakhstan\\, Paris" in empty.data


def test_unknown_campaign_country_and_lobby_404(client, campaign):
    for url in (
        "/calendar.ics?campaign=no-such-campaign",
        "/campaigns/no-such-campaign/calendar.ics",
        "/lobbies/no-such-lobby.ics",
        "/calendar.ics?country=XX",
        "/calendar.ics?country=GBR",
        "/calendar.ics?city=" + "x" * 101,
    ):
        assert client.get(url).status_code == 404, url


def test_an_empty_feed_is_a_valid_calendar(client, read_ics):
    response = client.get("/calendar.ics")
    assert response.status_code == 200
    calendar = read_ics(response.data)
    assert calendar["events"] == [] and calendar["calname"] == "All lobbies"
    assert "METHOD" in response.data.decode()


def test_the_feed_changes_when_a_lobby_changes_through_the_form(
    app, client, campaign, organiser, lobby_form, make_lobby
):
    slug = make_lobby(campaign)
    first = client.get("/calendar.ics")
    client.login(organiser.email)
    edit = f"/organise/lobbies/{slug}/edit"
    assert client.submit(edit, lobby_form(title="Changed title")).status_code == 302
    second = client.get("/calendar.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert second.headers["ETag"] != first.headers["ETag"]
    assert titles(second) == ["Changed title"]
    single = client.get(f"/lobbies/{slug}.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert single.status_code == 200 and b"SUMMARY:Changed title" in single.data


def test_built_once_per_change_and_one_edit_rebuilds_one_event(
    app, client, campaign, organiser, monkeypatch, lobby_form, make_lobby
):
    slugs = [make_lobby(campaign, title=f"Lobby {n}") for n in range(5)]
    built = []
    real = ical.event_bytes
    monkeypatch.setattr(ical, "event_bytes", lambda *a, **k: built.append(1) or real(*a, **k))
    body = client.get("/calendar.ics").data
    assert len(built) == 5
    assert client.get("/calendar.ics").data == body and len(built) == 5
    cache.feeds.clear()  # another worker: nothing in its memory, every VEVENT in the database
    assert client.get("/calendar.ics").data == body and len(built) == 5
    client.login(organiser.email)
    edit = f"/organise/lobbies/{slugs[2]}/edit"
    assert client.submit(edit, lobby_form(title="Lobby 2 moved")).status_code == 302
    built.clear()
    changed = client.get("/calendar.ics").data
    assert len(built) == 1
    assert titles(client.get("/calendar.ics")) == [
        "Lobby 0",
        "Lobby 1",
        "Lobby 2 moved",
        "Lobby 3",
        "Lobby 4",
    ]
    assert changed.count(b"BEGIN:VEVENT") == 5


def test_bulk_updates_and_deletes_also_change_the_feed(app, client, campaign, make_lobby):
    from sqlalchemy import delete, update

    from organiser.lobbies.models import Lobby

    make_lobby(campaign, title="Before")
    gone = make_lobby(campaign, title="To be deleted")
    first = client.get("/calendar.ics")
    with app.app_context():
        db.session.execute(update(Lobby).where(Lobby.title == "Before").values(title="After"))
        db.session.execute(delete(Lobby).where(Lobby.slug == gone))
        db.session.commit()
    second = client.get("/calendar.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert titles(second) == ["After"]
