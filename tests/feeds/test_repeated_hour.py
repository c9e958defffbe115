"""The hour that happens twice when the clocks go back: the lobby form lets the start and the
end each say which occurrence they mean, editing keeps both, and calendar clients read each
lobby at its own instant (the second occurrence is not written like the first)."""

import re
from datetime import UTC, datetime

from organiser.extensions import db

NIGHT = {"country": "GB", "city": "London", "date": "2031-10-26", "timezone": "Europe/London"}


def checked(page: str, name: str) -> str | None:
    """The value of the checked radio button of that name, if any."""
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag and "checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    return None


def test_a_45_minute_lobby_across_the_repeated_hour(
    app, client, campaign, lobby_form, find_lobby, read_ics
):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    data = lobby_form(target_id=campaign.target_id, **NIGHT, start_time="01:30", end_time="01:15")

    asked = client.submit(url, data).get_data(as_text=True)
    assert "01:30 on 26 October 2031 happens twice in Europe/London" in asked
    assert "01:15 on 26 October 2031 happens twice in Europe/London" in asked
    assert asked.count("Choose which of the two you mean.") == 2
    assert 'name="start_occurrence"' in asked and 'name="end_occurrence"' in asked

    made = client.submit(url, {**data, "start_occurrence": "0", "end_occurrence": "1"})
    assert made.status_code == 302
    slug = made.headers["Location"].rsplit("/", 1)[-1]
    with app.app_context():
        lobby = find_lobby(slug)
        assert lobby.starts_at == datetime(2031, 10, 26, 0, 30, tzinfo=UTC)  # 01:30 BST
        assert lobby.ends_at == datetime(2031, 10, 26, 1, 15, tzinfo=UTC)  # 01:15 GMT
        sequence = lobby.sequence

    # Editing shows each choice as saved; saving it unchanged moves nothing.
    edit = f"/organise/lobbies/{slug}/edit"
    form = client.get(edit).get_data(as_text=True)
    assert checked(form, "start_occurrence") == "0"
    assert checked(form, "end_occurrence") == "1"
    saved = client.submit(edit, {**data, "start_occurrence": "0", "end_occurrence": "1"})
    assert saved.status_code == 302
    with app.app_context():
        lobby = find_lobby(slug)
        assert lobby.starts_at == datetime(2031, 10, 26, 0, 30, tzinfo=UTC)
        assert lobby.ends_at == datetime(2031, 10, 26, 1, 15, tzinfo=UTC)
        assert lobby.sequence == sequence
        db.session.rollback()

    # Each occurrence written in UTC, so no client can take one for the other.
    body = client.get(f"/lobbies/{slug}.ics").data
    assert b"DTSTART:20311026T003000Z\r\n" in body
    assert b"DTEND:20311026T011500Z\r\n" in body
    (event,) = read_ics(body)["events"]
    assert event["dtstart"]["utc"] == "2031-10-26T00:30:00Z"
    assert event["dtend"]["utc"] == "2031-10-26T01:15:00Z"


def test_the_second_occurrence_alone_is_kept_when_editing(
    app, client, campaign, lobby_form, find_lobby
):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    data = lobby_form(target_id=campaign.target_id, **NIGHT, start_time="01:15", end_time="03:00")
    made = client.submit(url, {**data, "start_occurrence": "1"})
    assert made.status_code == 302
    slug = made.headers["Location"].rsplit("/", 1)[-1]
    form = client.get(f"/organise/lobbies/{slug}/edit").get_data(as_text=True)
    assert checked(form, "start_occurrence") == "1"
    assert checked(form, "end_occurrence") is None  # 03:00 happens once
    with app.app_context():
        lobby = find_lobby(slug)
        assert lobby.starts_at == datetime(2031, 10, 26, 1, 15, tzinfo=UTC)
        assert lobby.ends_at == datetime(2031, 10, 26, 3, 0, tzinfo=UTC)
