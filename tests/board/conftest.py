"""Board fixtures: a campaign's day (a Berlin and a London lobby, a Vienna embassy with no
lobby yet), an organiser logged in, a second organiser of the same campaign."""

import io
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from PIL import Image
from sqlalchemy import select

from organiser.accounts.models import Organiser
from organiser.board.models import LobbyStateChange
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.lobbies import services
from organiser.lobbies.localtime import venue_time
from organiser.lobbies.models import Campaign


@pytest.fixture
def day(app, campaign, make_lobby):
    """The day of action: slugs of a Berlin and a London lobby 30 days ahead at 13:00 and 12:00
    local time, and the id of an embassy in Vienna that no lobby covers yet."""
    noon = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0, tzinfo=None)
    local = noon + timedelta(days=30)
    with app.app_context():
        found = db.session.get(Campaign, campaign.id)
        berlin_target = services.create_target(
            found, kind="embassy", name="Embassy of Kazakhstan, Berlin", city="Berlin", country="DE"
        )
        vienna = services.create_target(
            found, kind="embassy", name="Embassy of Kazakhstan, Vienna", city="Vienna", country="AT"
        )
        db.session.commit()
        berlin_target_id, vienna_id = berlin_target.id, vienna.id
    berlin = make_lobby(
        campaign,
        local + timedelta(hours=1),
        zone="Europe/Berlin",
        title="Day of action: Berlin",
        city="Berlin",
        country="DE",
        target_id=berlin_target_id,
    )
    london = make_lobby(
        campaign, local, title="Day of action: London", target_id=campaign.target_id
    )
    board = f"/organise/campaigns/{campaign.slug}/board"
    return SimpleNamespace(berlin=berlin, london=london, vienna_id=vienna_id, board=board)


@pytest.fixture
def co_organiser(app, campaign, make_organiser):
    """A second organiser who owns the campaign too (Cy): id and email."""
    made = make_organiser("cy@example.org", "Cy Coordinator")
    with app.app_context():
        owned = db.session.get(Campaign, campaign.id)
        services.add_owner(owned, db.session.get(Organiser, made.id))
        db.session.commit()
    return made


@pytest.fixture
def owner(client, organiser):
    """The client, logged in as the campaign's organiser (Ada)."""
    client.login(organiser.email)
    return client


@pytest.fixture
def state_changes(app):
    """A function (): every recorded state change as (lobby slug, state, note, by), oldest
    first."""

    def changes() -> list[tuple]:
        with app.app_context():
            rows = db.session.scalars(select(LobbyStateChange).order_by(LobbyStateChange.id))
            return [(row.lobby.slug, row.state, row.note, row.changed_by) for row in rows]

    return changes


@pytest.fixture
def log_in(live_server, password):
    """A function (page, email): logs the browser tab in through the login form."""

    def log_in_as(page, email: str) -> None:
        page.goto(f"{live_server}/organise/login")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.get_by_role("heading", name="Your campaigns").wait_for()

    return log_in_as


@pytest.fixture
def stamped_copy_jpeg() -> bytes:
    """A phone's JPEG of the stamped copy: 2000 x 1500 pixels, EXIF with a GPS position."""
    image = Image.new("RGB", (2000, 1500), (240, 240, 230))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 29.0, 44.0), 3: "E", 4: (13.0, 17.0, 18.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=80)
    return out.getvalue()


@pytest.fixture
def past_delivery():
    """A function (zone, **changes): the delivery form's fields for a time an hour ago at the
    venue, received by the Deputy Ambassador."""

    def fields(zone: str, **changes) -> dict:
        earlier = venue_time(utcnow() - timedelta(hours=1), zone)
        sent = {
            "date": f"{earlier:%Y-%m-%d}",
            "time": f"{earlier:%H:%M}",
            "received_by": "the Deputy Ambassador",
            "notes": "Accepted at the door",
        }
        return {**sent, **changes}

    return fields
