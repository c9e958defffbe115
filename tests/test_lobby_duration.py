"""A lobby lasts at most a week, counted on the venue's wall clock: an end date typed a month
or a century late is refused next to the end date, and nothing is stored or changed."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from organiser.extensions import db
from organiser.lobbies.models import Lobby

TOO_LONG = "A lobby lasts at most 7 days: check the end date."


def field_errors(response, field: str) -> str:
    """The error text shown next to one field (empty when there is none)."""
    page = response.get_data(as_text=True)
    marker = f'id="{field}-errors" class="field-errors">'
    if marker not in page:
        return ""
    return page.split(marker, 1)[1].split("</small>", 1)[0]


def lobby_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Lobby))


@pytest.mark.parametrize(
    "changes",
    [
        {"date": "1990-01-01", "end_date": "2099-12-31"},
        {"date": "2031-12-16", "end_date": "2032-01-16"},
        {"date": "2031-12-16", "end_date": "2031-12-23", "end_time": "13:01"},
        # a week of wall-clock time across the clocks going back is a week and an hour
        {"date": "2031-10-20", "end_date": "2031-10-27", "end_time": "13:01"}
        | {"country": "GB", "city": "London"},
    ],
)
def test_a_lobby_longer_than_a_week_is_refused_next_to_its_end_date(
    app, client, campaign, lobby_form, changes
):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    response = client.submit(url, lobby_form(campaign.target_id, **changes))
    assert response.status_code == 200
    assert TOO_LONG in field_errors(response, "end_date")
    assert lobby_count(app) == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"date": "2031-12-16", "end_date": "2031-12-23", "end_time": "13:00"},
        {"date": "2031-10-20", "end_date": "2031-10-27", "end_time": "13:00"}
        | {"country": "GB", "city": "London"},
    ],
)
def test_a_week_long_lobby_is_accepted(app, client, campaign, lobby_form, changes):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    response = client.submit(url, lobby_form(campaign.target_id, **changes))
    assert response.status_code == 302
    slug = response.headers["Location"].rsplit("/", 1)[-1]
    page = client.get(f"/lobbies/{slug}").get_data(as_text=True)
    assert "to 13:00" in page and f"on {changes['end_date'][-2:]}" in page


def test_moving_a_lobbys_end_a_month_later_is_refused(
    app, client, campaign, make_lobby, find_lobby, lobby_form
):
    slug = make_lobby(campaign, datetime(2031, 12, 16, 12))
    client.login("ada@example.org")
    url = f"/organise/lobbies/{slug}/edit"
    changes = {"country": "GB", "city": "London", "date": "2031-12-16", "start_time": "12:00"}
    response = client.submit(url, lobby_form(campaign.target_id, **changes, end_date="2032-01-16"))
    assert response.status_code == 200
    assert TOO_LONG in field_errors(response, "end_date")
    with app.app_context():
        assert find_lobby(slug).ends_at == datetime(2031, 12, 16, 13, tzinfo=UTC)
