"""Feed test helpers: read a feed back with ical.js under Node, check its lines, lobby forms."""

import json
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from organiser.extensions import db
from organiser.lobbies.models import Lobby

_JS_DIR = Path(__file__).parent / "js"


def _needs(what: str, reason: str):
    """Skip with the reason printed; in CI a missing tool is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} must run in CI: {reason}")
    print(f"\nSKIPPING {what}: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def read_ics():
    """A function: ICS bytes -> what ical.js (Thunderbird's parser) reads from them."""
    node = shutil.which("node")
    if node is None:
        _needs("ical.js feed tests", "node is not installed (apt-get install nodejs npm)")
    if not (_JS_DIR / "node_modules" / "ical.js").exists():
        _needs("ical.js feed tests", f"ical.js is not installed: cd {_JS_DIR} && npm ci")

    def read(body: bytes) -> dict:
        done = subprocess.run(
            [node, str(_JS_DIR / "read_feed.mjs")], input=body, capture_output=True, check=False
        )
        assert done.returncode == 0, done.stderr.decode()
        return json.loads(done.stdout)

    return read


def _assert_wire_format(body: bytes) -> None:
    """CRLF line ends only, no line over 75 octets, no UTF-8 character split across a fold."""
    assert body.endswith(b"\r\n")
    lines = body[:-2].split(b"\r\n")
    for line in lines:
        assert b"\r" not in line and b"\n" not in line, line
        assert len(line) <= 75, (len(line), line)
        line.decode("utf-8")  # raises on a split character


def _all_lobbies(app) -> list[Lobby]:
    """Every lobby, with what the feed shows of it loaded."""
    with app.app_context():
        lobbies = db.session.scalars(select(Lobby).order_by(Lobby.id)).all()
        for lobby in lobbies:
            _ = (lobby.campaign.name, lobby.target, list(lobby.demands))
        db.session.expunge_all()
        return lobbies


@pytest.fixture(name="assert_wire_format")
def assert_wire_format_fixture():
    """A function (ICS bytes): asserts CRLF line ends only, no line over 75 octets, no UTF-8
    character split across a fold."""
    return _assert_wire_format


@pytest.fixture(name="all_lobbies")
def all_lobbies_fixture(app):
    """A function (): every lobby, detached, with what the feed shows of it loaded."""
    return lambda: _all_lobbies(app)


@pytest.fixture(name="lobby_form")
def feeds_lobby_form(lobby_form):
    """The organisers' lobby form, filled (Berlin, 16 December 2031, 13:00 to 14:30), with two
    plain demands."""
    demands = "Release all political prisoners!\nDrop the charges"
    return lambda **changes: lobby_form(**{"demands": demands, **changes})


@pytest.fixture
def store_times(app, find_lobby):
    """A function (slug, starts_at, ends_at): writes the lobby's instants straight into its
    row, as a hand edit or older code would."""

    def store(slug: str, starts_at: datetime, ends_at: datetime) -> None:
        with app.app_context():
            lobby = find_lobby(slug)
            lobby.starts_at, lobby.ends_at = starts_at, ends_at
            db.session.commit()

    return store
