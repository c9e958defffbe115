"""The coordinator's board: every target and lobby of the campaign, each lobby's state, when
it changed at the venue and who changed it; a form per lobby; owners only."""

import re

import pytest
from flask import template_rendered
from sqlalchemy import event, select

from organiser.board.models import LobbyStateChange
from organiser.extensions import db
from organiser.lobbies.localtime import clock_time


def card(page: str, slug: str) -> str:
    """The HTML of one lobby's card on the board."""
    match = re.search(rf'<article[^>]*id="lobby-{slug}".*?</article>', page, re.S)
    assert match, f"no card for {slug}"
    return match.group(0)


def test_the_board_shows_every_target_and_lobby_with_local_times(app, owner, day, find_lobby):
    page = owner.get(day.board).get_data(as_text=True)
    with app.app_context():
        berlin, london = find_lobby(day.berlin), find_lobby(day.london)
        berlin_start = clock_time(berlin.starts_at, berlin.timezone)
        london_start = clock_time(london.starts_at, london.timezone)
    assert "Embassy of Kazakhstan, Vienna" in page
    vienna = page[page.index("Embassy of Kazakhstan, Vienna") :]
    assert "No lobby yet" in vienna[: vienna.index("</li>")]
    berlin_card = card(page, day.berlin)
    assert "Berlin" in berlin_card and berlin_start in berlin_card  # e.g. 13:00 CET
    assert re.search(r"\d\d:\d\d (CET|CEST)", berlin_card)
    assert "Planned" in berlin_card
    assert london_start in card(page, day.london)
    assert "<table" not in page  # cards, not a wide table: 360 px


def test_a_state_set_on_the_board_shows_when_it_changed_and_by_whom(
    app, owner, day, find_lobby, state_changes
):
    done = owner.submit(
        f"/organise/lobbies/{day.berlin}/state",
        {"state": "delivered", "note": "Accepted by the Deputy Ambassador"},
        form_url=day.board,
    )
    assert done.status_code == 302
    assert done.headers["Location"].endswith(f"{day.board}#lobby-{day.berlin}")
    assert state_changes() == [
        (day.berlin, "delivered", "Accepted by the Deputy Ambassador", "Ada Organiser (organiser)")
    ]
    with app.app_context():
        change = db.session.scalar(select(LobbyStateChange))
        at = clock_time(change.changed_at, "Europe/Berlin")
    berlin_card = card(owner.get(day.board).get_data(as_text=True), day.berlin)
    assert "Letter delivered" in berlin_card
    assert f"delivered {at}" in berlin_card  # e.g. "delivered 13:05 CET", at the venue
    assert "Ada Organiser (organiser)" in berlin_card
    assert "Accepted by the Deputy Ambassador" in berlin_card


def test_the_audit_trail_lists_every_change_newest_first(owner, day, co_organiser, new_client):
    url = f"/organise/lobbies/{day.london}/state"
    owner.submit(url, {"state": "under_way", "note": "Twenty people"}, form_url=day.board)
    other = new_client()
    other.login(co_organiser.email)
    other.submit(url, {"state": "doors_locked", "note": "Nobody opens"}, form_url=day.board)
    london_card = card(owner.get(day.board).get_data(as_text=True), day.london)
    assert "Doors locked" in london_card
    trail = london_card[london_card.index("History") :]
    assert trail.index("Nobody opens") < trail.index("Twenty people")
    assert trail.index("Cy Coordinator (organiser)") < trail.index("Ada Organiser (organiser)")


def test_a_bad_state_or_a_long_note_is_refused_next_to_its_field(owner, day, state_changes):
    url = f"/organise/lobbies/{day.berlin}/state"
    bad = owner.submit(url, {"state": "partied", "note": ""}, form_url=day.board)
    assert bad.status_code == 200
    assert "Not a valid choice" in card(bad.get_data(as_text=True), day.berlin)
    long = owner.submit(url, {"state": "refused", "note": "x" * 501}, form_url=day.board)
    berlin_card = card(long.get_data(as_text=True), day.berlin)
    assert "Field cannot be longer than 500 characters." in berlin_card
    assert 'aria-invalid="true"' in berlin_card
    assert re.search(r'<details id="change-[^"]+" class="board-change" open>', berlin_card)
    assert state_changes() == []


def test_another_organiser_finds_no_board_and_cannot_set_a_state(
    client, day, other_organiser, state_changes
):
    client.login(other_organiser.email)
    assert client.get(day.board).status_code == 404
    assert client.get(day.board + "/live").status_code == 404
    sent = client.submit(
        f"/organise/lobbies/{day.berlin}/state", {"state": "cancelled"}, form_url="/organise/"
    )
    assert sent.status_code == 404
    assert client.get("/organise/campaigns/no-such-campaign/board").status_code == 404
    assert state_changes() == []


def test_a_state_sent_without_its_csrf_token_is_refused(owner, day, state_changes):
    sent = owner.post(f"/organise/lobbies/{day.berlin}/state", data={"state": "delivered"})
    assert sent.status_code == 400
    assert state_changes() == []


def test_anyone_logged_out_is_sent_to_the_login_page(client, day):
    answer = client.get(day.board)
    assert answer.status_code == 302 and "/organise/login" in answer.headers["Location"]


def test_cancelled_on_the_board_reaches_the_campaigns_feed(app, owner, day, campaign):
    owner.submit(
        f"/organise/lobbies/{day.berlin}/state",
        {"state": "cancelled", "note": "Embassy closed"},
        form_url=day.board,
    )
    feed = app.test_client().get(f"/campaigns/{campaign.slug}/calendar.ics").get_data()
    assert b"STATUS:CANCELLED" in feed
    assert b"SUMMARY:Cancelled: Day of action: Berlin" in feed.replace(b"\r\n ", b"")
    lobby_page = app.test_client().get(f"/lobbies/{day.berlin}").get_data(as_text=True)
    assert "Embassy closed" in lobby_page
    assert "Cancelled" in card(owner.get(day.board).get_data(as_text=True), day.berlin)


def test_a_lobby_cancelled_on_its_own_page_shows_as_cancelled(owner, day):
    owner.submit(f"/organise/lobbies/{day.london}/cancel", {"reason": "Strike on the trains"})
    london_card = card(owner.get(day.board).get_data(as_text=True), day.london)
    assert "Cancelled" in london_card and "Planned" not in london_card.split("<form")[0]


def test_a_lobby_reinstated_after_the_board_cancelled_it_is_planned_again(owner, day):
    owner.submit(
        f"/organise/lobbies/{day.london}/state", {"state": "cancelled"}, form_url=day.board
    )
    owner.submit(f"/organise/lobbies/{day.london}/reinstate", {}, form_url=f"/lobbies/{day.london}")
    london_card = card(owner.get(day.board).get_data(as_text=True), day.london)
    assert "Planned" in london_card.split("<form")[0]


def test_the_organisers_campaign_page_links_to_the_board(owner, day, campaign):
    page = owner.get(f"/organise/campaigns/{campaign.slug}").get_data(as_text=True)
    assert f'href="{day.board}"' in page


@pytest.fixture
def board_work(app):
    """The SQL statements run and templates rendered during the requests of the test."""
    seen = {"queries": [], "templates": []}

    def executed(_connection, _cursor, statement, *_args):
        seen["queries"].append(statement)

    def rendered(_app, template, context):
        seen["templates"].append(template.name)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", executed)
    template_rendered.connect(rendered, app)
    yield seen
    template_rendered.disconnect(rendered, app)
    event.remove(engine, "before_cursor_execute", executed)


def test_the_polled_board_answers_304_while_nothing_changed(owner, day, board_work):
    live = day.board + "/live"
    first = owner.get(live)
    assert first.status_code == 200 and first.headers["ETag"]
    assert "no-cache" in first.headers["Cache-Control"]
    assert "Day of action: Berlin" in first.get_data(as_text=True)
    board_work["queries"].clear()
    board_work["templates"].clear()
    same = owner.get(live, headers={"If-None-Match": first.headers["ETag"]})
    assert same.status_code == 304 and same.get_data() == b""
    assert board_work["templates"] == []  # nothing rendered, a few cheap queries
    assert len(board_work["queries"]) <= 5, board_work["queries"]
    owner.submit(f"/organise/lobbies/{day.berlin}/state", {"state": "under_way"}, day.board)
    changed = owner.get(live, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and changed.headers["ETag"] != first.headers["ETag"]
    assert "Under way" in card(changed.get_data(as_text=True), day.berlin)


def test_the_etag_changes_when_a_lobby_or_target_changes(owner, day, campaign):
    live = day.board + "/live"
    tag = owner.get(live).headers["ETag"]
    owner.submit(f"/organise/lobbies/{day.london}/cancel", {"reason": "Rain"})
    cancelled = owner.get(live, headers={"If-None-Match": tag})
    assert cancelled.status_code == 200
    tag = cancelled.headers["ETag"]
    owner.submit(
        f"/organise/campaigns/{campaign.slug}/targets/new",
        {"kind": "embassy", "name": "Embassy in Graz", "city": "Graz", "country": "AT"},
    )
    added = owner.get(live, headers={"If-None-Match": tag})
    assert added.status_code == 200 and "Embassy in Graz" in added.get_data(as_text=True)


def test_the_board_templates_query_nothing(owner, day, queries_while_rendering):
    owner.submit(f"/organise/lobbies/{day.berlin}/state", {"state": "refused"}, day.board)
    queries_while_rendering.rendered.clear()
    assert owner.get(day.board).status_code == 200
    assert owner.get(day.board + "/live").status_code == 200
    assert queries_while_rendering.rendered == ["board/board.html", "board/_board.html"]
    assert queries_while_rendering.queries == []


def test_under_way_on_the_board_puts_a_cancelled_lobby_back_on(app, owner, day, find_lobby):
    url = f"/organise/lobbies/{day.london}/state"
    owner.submit(url, {"state": "cancelled", "note": "Rain"}, form_url=day.board)
    owner.submit(url, {"state": "under_way", "note": "Sun again"}, form_url=day.board)
    with app.app_context():
        assert not find_lobby(day.london).is_cancelled
    london_card = card(owner.get(day.board).get_data(as_text=True), day.london)
    assert "Under way" in london_card.split("<form")[0]
