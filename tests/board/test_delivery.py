"""Delivery of the letter: never in the future at the venue's clock; recording it sets the
board's state to "delivered" with a note naming who received it."""

import re
from datetime import timedelta

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.letters.models import Delivery
from organiser.lobbies.localtime import venue_time

FUTURE = "This is later than the time at the venue now"


def field_errors(response, name: str) -> str:
    """The error text shown next to a form field."""
    match = re.search(
        rf'<small id="{name}-errors" class="field-errors">(.*?)</small>',
        response.get_data(as_text=True),
        re.S,
    )
    return match.group(1) if match else ""


def deliveries(app) -> int:
    with app.app_context():
        return db.session.query(Delivery).count()


def test_a_delivery_at_the_lobbys_future_time_is_refused(app, owner, day, state_changes):
    url = f"/organise/lobbies/{day.berlin}/delivery"
    form = owner.get(url).get_data(as_text=True)  # prefilled with the lobby's start, 30 days on
    date = re.search(r'name="date"[^>]*value="([^"]+)"', form).group(1)
    refused = owner.submit(url, {"date": date, "time": "13:00", "received_by": "The Consul"})
    assert refused.status_code == 200
    assert FUTURE in field_errors(refused, "date")
    assert deliveries(app) == 0 and state_changes() == []
    page = app.test_client().get(f"/lobbies/{day.berlin}").get_data(as_text=True)
    assert "received by The Consul" not in page


def test_a_delivery_later_today_at_the_venue_is_refused_next_to_its_time(
    app, owner, day, state_changes
):
    later = venue_time(utcnow() + timedelta(hours=2), "Europe/Berlin")
    url = f"/organise/lobbies/{day.berlin}/delivery"
    sent = {"date": f"{later:%Y-%m-%d}", "time": f"{later:%H:%M}", "received_by": "The Consul"}
    refused = owner.submit(url, sent)
    errors = field_errors(refused, "time") + field_errors(refused, "date")
    assert FUTURE in errors
    assert re.search(r"It is \d\d:\d\d CES?T there now", errors), errors  # the venue's clock
    assert deliveries(app) == 0 and state_changes() == []


def test_a_delivery_records_the_state_delivered_naming_who_received_it(
    app, owner, day, state_changes
):
    earlier = venue_time(utcnow() - timedelta(hours=1), "Europe/Berlin")
    url = f"/organise/lobbies/{day.berlin}/delivery"
    sent = {
        "date": f"{earlier:%Y-%m-%d}",
        "time": f"{earlier:%H:%M}",
        "received_by": "the Deputy Ambassador",
        "notes": "Accepted at the door",
    }
    assert owner.submit(url, sent).status_code == 302
    ((slug, state, note, by),) = state_changes()
    assert (slug, state, by) == (day.berlin, "delivered", "Ada Organiser (organiser)")
    assert "Received by the Deputy Ambassador" in note
    assert "Accepted at the door" in note
    board = owner.get(day.board).get_data(as_text=True)
    assert "Letter delivered" in board and "Received by the Deputy Ambassador" in board
