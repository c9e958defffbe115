"""Fixtures: an app on a fresh database per test (SQLite, or TEST_DATABASE_URL), a client
that posts forms the way a browser does (CSRF token taken from the page), organisers."""

import os
import re
from datetime import UTC, datetime, timedelta

import pytest

from organiser import create_app
from organiser.accounts.services import create_organiser
from organiser.config import database_url
from organiser.extensions import db
from organiser.lobbies import services
from organiser.lobbies.localtime import to_utc

PASSWORD = "correct horse battery staple"
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def test_database_url(tmp_path) -> str:
    """PostgreSQL when TEST_DATABASE_URL is set, else an SQLite file of this test's own."""
    return database_url(os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path}/test.db")


@pytest.fixture
def app(tmp_path):
    """The application on an empty schema."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test secret key",
            "SQLALCHEMY_DATABASE_URI": test_database_url(tmp_path),
            "SITE_URL": "https://organiser.test",
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


class BrowserLikeClient:
    """Wraps Flask's test client: forms are loaded first and posted with their CSRF token."""

    def __init__(self, client):
        self.client = client

    def __getattr__(self, name):
        return getattr(self.client, name)

    def token(self, url: str) -> str:
        """The CSRF token in the form at url."""
        page = self.client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        match = CSRF_RE.search(page.get_data(as_text=True))
        assert match, f"no CSRF token in the form at {url}"
        return match.group(1)

    def submit(self, url: str, data: dict, form_url: str | None = None, **kwargs):
        """Load the form (at form_url, default url), then post data with its token."""
        token = self.token(form_url or url)
        return self.client.post(url, data={"csrf_token": token, **data}, **kwargs)

    def login(self, email: str, password: str = PASSWORD):
        """Log in through the login form."""
        return self.submit("/organise/login", {"email": email, "password": password})


@pytest.fixture
def client(app):
    """A browser-like client."""
    return BrowserLikeClient(app.test_client())


@pytest.fixture
def runner(app):
    """Runs flask commands."""
    return app.test_cli_runner()


@pytest.fixture
def organiser(app):
    """An organiser account with the PASSWORD."""
    made = create_organiser("ada@example.org", "Ada Organiser", PASSWORD)
    db.session.commit()
    return made


@pytest.fixture
def other_organiser(app):
    """A second organiser, who owns nothing of the first's."""
    made = create_organiser("bo@example.org", "Bo Other", PASSWORD)
    db.session.commit()
    return made


@pytest.fixture
def campaign(organiser):
    """A campaign owned by the organiser, with an embassy target."""
    made = services.create_campaign(
        organiser, name="Campaign Kazakhstan", organisation_name="Campaign Kazakhstan"
    )
    services.create_target(
        made,
        kind="embassy",
        name="Embassy of Kazakhstan",
        represented_country="KZ",
        head_title="Ambassador",
        address="33 Thurloe Square",
        postcode="SW7 2SD",
        city="London",
        country="GB",
    )
    db.session.commit()
    return made


def make_lobby(campaign, when: datetime | None = None, zone: str = "Europe/London", **fields):
    """A lobby in the campaign at a local wall time (default: 30 days ahead, noon)."""
    local = when or datetime.now(UTC).replace(
        hour=12, minute=0, second=0, microsecond=0, tzinfo=None
    ) + timedelta(days=30)
    defaults = dict(
        title="Emergency lobby",
        venue="Outside the embassy",
        address="33 Thurloe Square",
        postcode="SW7 2SD",
        city="London",
        country="GB",
        timezone=zone,
        starts_at=to_utc(local, zone),
        ends_at=to_utc(local + timedelta(hours=1), zone),
    )
    demands = fields.pop("demands", ["Release all political prisoners!"])
    lobby = services.create_lobby(campaign, demands, **{**defaults, **fields})
    db.session.commit()
    return lobby


@pytest.fixture
def lobby(campaign):
    """An upcoming lobby in London."""
    return make_lobby(campaign)
