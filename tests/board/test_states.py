"""A lobby's state through the day: each change recorded with its time and who made it."""

from datetime import timedelta

from organiser.board.states import STATES, current_states, record_state, trails
from organiser.db_types import utcnow
from organiser.extensions import db


def test_the_states_are_the_days_in_order():
    assert list(STATES.items()) == [
        ("planned", "Planned"),
        ("under_way", "Under way"),
        ("delivered", "Letter delivered"),
        ("refused", "Letter refused"),
        ("doors_locked", "Doors locked"),
        ("posted", "Posted instead"),
        ("postponed", "Postponed"),
        ("cancelled", "Cancelled"),
    ]


def test_each_change_is_recorded_with_its_time_and_who_made_it(app, day, find_lobby):
    with app.app_context():
        berlin, london = find_lobby(day.berlin), find_lobby(day.london)
        before = utcnow()
        record_state(berlin, "under_way", by="Ann (organiser)", note="Twelve of us")
        change = record_state(berlin, "delivered", by="Bo (host)", note="Deputy Ambassador")
        db.session.commit()
        assert change.id is not None
        assert before - timedelta(seconds=1) <= change.changed_at <= utcnow()
        latest = current_states([berlin.id, london.id])
        assert set(latest) == {berlin.id}  # no row: still planned
        assert (latest[berlin.id].state, latest[berlin.id].changed_by) == ("delivered", "Bo (host)")
        assert latest[berlin.id].note == "Deputy Ambassador"
        trail = trails([berlin.id, london.id])
        assert [(c.state, c.changed_by) for c in trail[berlin.id]] == [
            ("delivered", "Bo (host)"),
            ("under_way", "Ann (organiser)"),
        ]  # newest first
        assert trail.get(london.id, []) == []


def test_an_unknown_state_is_refused(app, day, find_lobby):
    with app.app_context():
        try:
            record_state(find_lobby(day.berlin), "partied", by="Ann (organiser)")
        except ValueError as error:
            assert "partied" in str(error)
        else:
            raise AssertionError("an unknown state was recorded")


def test_cancelled_calls_the_lobby_off_for_the_feeds_too(app, day, find_lobby):
    with app.app_context():
        berlin = find_lobby(day.berlin)
        sequence = berlin.sequence
        record_state(berlin, "cancelled", by="Ann (organiser)", note="Embassy closed today")
        db.session.commit()
        berlin = find_lobby(day.berlin)
        assert berlin.is_cancelled and berlin.sequence == sequence + 1
        assert berlin.cancellation_reason == "Embassy closed today"


def test_the_trail_is_bounded_per_lobby(app, day, find_lobby):
    with app.app_context():
        berlin = find_lobby(day.berlin)
        for number in range(30):
            record_state(berlin, "under_way", by="Ann (organiser)", note=f"update {number}")
        db.session.commit()
        trail = trails([berlin.id], per_lobby=20)[berlin.id]
        assert len(trail) == 20 and trail[0].note == "update 29"


def test_going_ahead_reinstates_a_cancelled_lobby_only_when_allowed(app, day, find_lobby):
    with app.app_context():
        berlin = find_lobby(day.berlin)
        record_state(berlin, "cancelled", by="Ann (organiser)", note="Embassy closed")
        record_state(berlin, "under_way", by="Bo (host)")  # a host cannot undo the organisers
        db.session.commit()
        assert find_lobby(day.berlin).is_cancelled
        record_state(find_lobby(day.berlin), "under_way", by="Ann (organiser)", may_reinstate=True)
        db.session.commit()
        assert not find_lobby(day.berlin).is_cancelled
