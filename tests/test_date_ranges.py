"""Every date an organiser types is held to the range the application accepts, with a clear
message next to the field: far-off dates (year 9999, year 1), in zones far from UTC, never give
a 500 and never reach the database."""

import pytest
from sqlalchemy import func, select

from organiser.extensions import db
from organiser.letters.models import Delivery
from organiser.lobbies.models import Lobby
from organiser.petitions.models import Petition

RANGE = "Choose a date between 1 January 1990 and 31 December 2099."


def field_errors(response, field: str) -> str:
    """The error text shown next to one field (empty when there is none)."""
    page = response.get_data(as_text=True)
    marker = f'id="{field}-errors" class="field-errors">'
    if marker not in page:
        return ""
    return page.split(marker, 1)[1].split("</small>", 1)[0]


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": "9999-12-31", "start_time": "23:00", "end_time": "23:30"}, "date"),
        (
            {"date": "9999-12-31", "start_time": "22:00", "end_time": "23:30"}
            | {"timezone": "Etc/GMT+12"},
            "date",
        ),
        ({"date": "9999-12-31", "timezone": "Pacific/Kiritimati"}, "date"),
        ({"date": "0001-01-01", "start_time": "00:00", "timezone": "Pacific/Kiritimati"}, "date"),
        ({"date": "0001-01-01", "timezone": "Etc/GMT+12"}, "date"),
        ({"date": "1989-12-31"}, "date"),
        ({"date": "2100-01-01"}, "date"),
        ({"date": "2099-12-31", "end_date": "9999-12-31", "timezone": "Etc/GMT-14"}, "end_date"),
        ({"date": "2031-12-16", "end_date": "2100-01-01"}, "end_date"),
    ],
)
def test_a_lobby_outside_the_range_is_refused_next_to_its_date(
    app, client, campaign, lobby_form, changes, field
):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    response = client.submit(url, lobby_form(campaign.target_id, **changes))
    assert response.status_code == 200
    assert RANGE in field_errors(response, field)
    assert count(app, Lobby) == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"date": "1990-01-01", "start_time": "00:00", "end_time": "00:30"}
        | {"timezone": "Pacific/Kiritimati"},
        {"date": "2099-12-31", "start_time": "23:00", "end_time": "23:59"}
        | {"timezone": "Etc/GMT+12"},
    ],
)
def test_the_first_and_last_days_of_the_range_are_accepted_in_any_zone(
    app, client, campaign, lobby_form, changes
):
    # The campaign's lobby is in London: a far zone is taken once the organiser confirms it.
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    response = client.submit(
        url, lobby_form(campaign.target_id, **changes, zone_confirmed=changes["timezone"])
    )
    assert response.status_code == 302
    slug = response.headers["Location"].rsplit("/", 1)[-1]
    assert client.get(f"/lobbies/{slug}").status_code == 200
    assert client.get(f"/lobbies/{slug}.ics").status_code == 200
    assert client.get("/calendar.ics").status_code == 200


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"closes_on": "9999-12-31"}, "closes_on"),
        ({"opens_on": "9999-12-31"}, "opens_on"),
        ({"opens_on": "0001-01-01"}, "opens_on"),
        ({"opens_on": "0001-01-01", "closes_on": "0001-01-01"}, "closes_on"),
        ({"closes_on": "2100-01-01"}, "closes_on"),
    ],
)
def test_a_petition_outside_the_range_is_refused_next_to_its_date(
    app, client, campaign, dates, field
):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/petitions/new"
    form = {"title": "Free them", "text": "We ask.", "target_id": "0", "goal": "100"}
    response = client.submit(url, {**form, "status": "open", **dates})
    assert response.status_code == 200
    assert RANGE in field_errors(response, field)
    assert count(app, Petition) == 0


@pytest.mark.parametrize("field", ["since", "until"])
@pytest.mark.parametrize("value", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_a_signature_time_range_outside_the_range_is_refused(app, client, campaign, field, value):
    client.login("ada@example.org")
    form = {"title": "Free them", "text": "We ask.", "target_id": "0", "goal": "100"}
    made = client.submit(
        f"/organise/campaigns/{campaign.slug}/petitions/new", {**form, "status": "open"}
    )
    assert made.status_code == 302
    page = "/organise/petitions/free-them"
    response = client.submit("/organise/petitions/free-them/invalidate", {field: value}, page)
    assert response.status_code == 422
    assert RANGE in field_errors(response, field)


@pytest.mark.parametrize(
    ("zone", "date"),
    [
        ("Pacific/Kiritimati", "9999-12-31"),
        ("Pacific/Kiritimati", "0001-01-01"),
        ("Etc/GMT+12", "9999-12-31"),
        ("Europe/London", "2100-01-01"),
    ],
)
def test_a_delivery_outside_the_range_is_refused_next_to_its_date(
    app, client, campaign, make_lobby, zone, date
):
    slug = make_lobby(campaign, zone=zone)
    client.login("ada@example.org")
    url = f"/organise/lobbies/{slug}/delivery"
    response = client.submit(url, {"date": date, "time": "23:30", "received_by": "The guard"})
    assert response.status_code == 200
    assert RANGE in field_errors(response, "date")
    assert count(app, Delivery) == 0
