"""Fixtures: an app on a fresh database per test (SQLite, or TEST_DATABASE_URL), a client
that posts forms the way a browser does (CSRF token taken from the page), organisers.

No app context stays pushed while the client makes requests (Flask would reuse it, and with it
`g` and the database session, across requests): fixtures set data up in a context of their own
and hand back plain values; tests open `with app.app_context():` to look at the database.
"""

import ast
import io
import os
import socket
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
from aiosmtpd.controller import Controller
from flask import before_render_template, template_rendered
from PIL import Image
from sqlalchemy import event, select
from werkzeug.serving import make_server

from organiser import create_app, jobs
from organiser.accounts.models import Organiser
from organiser.accounts.services import create_organiser
from organiser.config import database_url
from organiser.extensions import db
from organiser.lobbies import services
from organiser.lobbies.localtime import to_utc
from organiser.lobbies.models import Campaign, Lobby
from tests.mail_server import Inbox, free_port
from tests.visited_pages import VisitedPages
from tests.workers import CSRF_RE

pytest_plugins = ["tests.clean_tree"]  # the suite leaves the checkout as it found it

_PASSWORD = "correct horse battery staple"


def _unreachable_redis_url() -> str:
    """A Redis address on loopback where nothing listens (a queue that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def _database_url_for_tests(tmp_path) -> str:
    """PostgreSQL when TEST_DATABASE_URL is set, else an SQLite file of this test's own."""
    return database_url(os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path}/test.db")


@pytest.fixture
def app(tmp_path):
    """The application on an empty schema, its instance folder (mail written without a server,
    the demo login) in the test's tmp_path, never the checkout's instance/."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test secret key",
            "SQLALCHEMY_DATABASE_URI": _database_url_for_tests(tmp_path),
            "SITE_URL": "https://organiser.test",
            "RATELIMIT_STORAGE_URI": "memory://",
        },
        instance_path=str(tmp_path / "instance"),
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


class _BrowserLikeClient:
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

    def login(self, email: str, password: str = _PASSWORD):
        """Log in through the login form."""
        return self.submit("/organise/login", {"email": email, "password": password})


@pytest.fixture
def client(app):
    """A browser-like client."""
    return _BrowserLikeClient(app.test_client())


@pytest.fixture
def runner(app):
    """Runs flask commands."""
    return app.test_cli_runner()


def _make_organiser(app, email: str, name: str) -> SimpleNamespace:
    """An organiser account with the _PASSWORD: its id and email."""
    with app.app_context():
        made = create_organiser(email, name, _PASSWORD)
        db.session.commit()
        return SimpleNamespace(id=made.id, email=made.email)


@pytest.fixture
def organiser(app):
    """The organiser who owns the campaign fixture."""
    return _make_organiser(app, "ada@example.org", "Ada Organiser")


@pytest.fixture
def other_organiser(app):
    """A second organiser, who owns nothing of the first's."""
    return _make_organiser(app, "bo@example.org", "Bo Other")


@pytest.fixture
def campaign(app, organiser):
    """A campaign owned by the organiser, with an embassy target: its id, slug, target_id."""
    with app.app_context():
        owner = db.session.get(Organiser, organiser.id)
        made = services.create_campaign(
            owner, name="Campaign Kazakhstan", organisation_name="Campaign Kazakhstan"
        )
        target = services.create_target(
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
        return SimpleNamespace(id=made.id, slug=made.slug, target_id=target.id)


def _make_lobby(
    app, campaign, when: datetime | None = None, zone: str = "Europe/London", **fields
) -> str:
    """A lobby in the campaign at a local wall time (default: 30 days ahead, noon); its slug."""
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
    with app.app_context():
        owner_campaign = db.session.get(Campaign, campaign.id)
        lobby = services.create_lobby(owner_campaign, demands, **{**defaults, **fields})
        db.session.commit()
        return lobby.slug


def _find_lobby(slug: str) -> Lobby:
    """The lobby with this slug (inside an app context)."""
    return db.session.scalar(select(Lobby).where(Lobby.slug == slug))


@pytest.fixture
def lobby(app, campaign):
    """An upcoming lobby in London: its slug."""
    return _make_lobby(app, campaign)


def _lobby_form_data(target_id=0, **changes) -> dict:
    """A valid lobby form: Berlin, 16 December 2031, 13:00 to 14:30 local time."""
    data = {
        "title": "Day of action: Berlin",
        "target_id": str(target_id),
        "venue": "In front of the Kazakh embassy",
        "address": "Nordsternstraße 2",
        "postcode": "14193",
        "city": "Berlin",
        "country": "DE",
        "directions": "S-Bahn Grunewald",
        "timezone": "",
        "date": "2031-12-16",
        "start_time": "13:00",
        "end_time": "14:30",
        "demands": "Release all political prisoners!\n\n- Drop the charges\n* Right to strike",
        "description": "Solidarity with the oil workers.",
    }
    return {**data, **changes}


# Fixtures for what tests build and check (flaskr's `auth` way): each hands back a function
# bound to the test's app, so test modules import nothing from conftest files.


@pytest.fixture(name="password")
def password_fixture() -> str:
    """The password of every organiser the fixtures make."""
    return _PASSWORD


class _AuthActions:
    """Log in and out through the forms, as a browser would."""

    def __init__(self, client: _BrowserLikeClient):
        self.client = client
        self.password = _PASSWORD

    def login(self, email: str, password: str = _PASSWORD):
        return self.client.login(email, password)

    def logout(self):
        return self.client.submit("/organise/logout", {}, form_url="/organise/")


@pytest.fixture
def auth(client) -> _AuthActions:
    """auth.login(email) and auth.logout() with the client; auth.password."""
    return _AuthActions(client)


@pytest.fixture(name="new_client")
def new_client_fixture(app):
    """A function (another_app=None): another browser-like client of the app (or of
    another_app), with cookies of its own."""
    return lambda another_app=None: _BrowserLikeClient((another_app or app).test_client())


@pytest.fixture(name="make_organiser")
def make_organiser_fixture(app):
    """A function (email, name): a new organiser with the password; its id and email."""
    return lambda email, name: _make_organiser(app, email, name)


@pytest.fixture(name="make_lobby")
def make_lobby_fixture(app):
    """A function (campaign, when=None, zone="Europe/London", **fields): a new lobby at a local
    wall time (default: 30 days ahead, noon); its slug."""
    return lambda campaign, *args, **fields: _make_lobby(app, campaign, *args, **fields)


@pytest.fixture(name="find_lobby")
def find_lobby_fixture():
    """A function (slug): the Lobby, inside the caller's app context."""
    return _find_lobby


@pytest.fixture(name="lobby_form")
def lobby_form_fixture():
    """A function (target_id=0, **changes): the organisers' lobby form, valid and filled in
    (Berlin, 16 December 2031, 13:00 to 14:30 local time)."""
    return _lobby_form_data


@pytest.fixture(name="unreachable_redis_url")
def unreachable_redis_url_fixture() -> str:
    """A Redis address on loopback where nothing listens (a queue or store that is down)."""
    return _unreachable_redis_url()


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The Redis database the suite may use: TEST_REDIS_URL, default redis://127.0.0.1:6379/15
    (not 0, where everything else on a machine goes). Skipped where Redis is not running;
    in CI that fails."""
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis must run in CI: {error}")
        print(f"\nSKIPPING a Redis test: {url} not reachable ({error})")
        pytest.skip(f"Redis is not reachable at {url}")
    return url


@pytest.fixture
def smtp(app):
    """A real SMTP server on loopback; the app's mail goes to it with no retry delay."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, JOBS_RETRY_DELAYS=[0])
    yield inbox
    jobs.wait_idle()
    controller.stop()


def _phone_photo(width: int = 2400, height: int = 1800) -> bytes:
    """JPEG bytes as a phone writes them: a camera and a GPS position in the EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 29.0, 44.0), 3: "W", 4: (0.0, 10.0, 18.0)}
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 30)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture(name="phone_photo")
def phone_photo_fixture():
    """A function (width=2400, height=1800): a JPEG with EXIF and GPS, as bytes."""
    return _phone_photo


@pytest.fixture
def queries_while_rendering(app):
    """The templates rendered (in order) and the SQL statements run while each renders, as
    (template name, statement): templates must never query (DESIGN.md)."""
    rendering: list[str] = []
    seen = SimpleNamespace(rendered=[], queries=[])

    def started(_app, template, context):
        rendering.append(template.name)
        seen.rendered.append(template.name)

    def finished(_app, template, context):
        rendering.pop()

    def executed(_connection, _cursor, statement, *_args):
        if rendering:
            seen.queries.append((rendering[-1], statement))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", executed)
    before_render_template.connect(started, app)
    template_rendered.connect(finished, app)
    yield seen
    template_rendered.disconnect(finished, app)
    before_render_template.disconnect(started, app)
    event.remove(engine, "before_cursor_execute", executed)


# The browser: one Playwright session for the whole run (its sync API allows one per thread).
_CHROMIUM = "/usr/bin/chromium"
_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def live_server(app):
    """The app served on a free loopback port for the length of the test; its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium; skipped with the reason where it is not installed (not in CI)."""
    if not os.path.exists(_CHROMIUM):
        reason = f"{_CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        print(f"\nSKIPPING browser tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=_CHROMIUM, headless=True, args=_CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so fixtures can tell whether the test passed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, request):
    """A fresh browser tab with its own cookies. When the test has passed, every page the tab
    showed is opened again at 360 and 1280 px and must neither scroll sideways nor have a
    serious axe violation (tests/visited_pages.py)."""
    # The browser's own zone is New York: times shown must be the venue's, never the reader's.
    context = browser.new_context(
        locale="en-GB", timezone_id="America/New_York", accept_downloads=True
    )
    tab = context.new_page()
    visited = VisitedPages(tab)
    yield tab
    try:
        if getattr(request.node, "report_call", None) and request.node.report_call.passed:
            problems = visited.problems(context)
            assert not problems, "\n".join(problems)
    finally:
        context.close()


@pytest.fixture
def imports_of():
    """A function (path): every module a Python file imports, at the top or in a function;
    `from a import b` counts as importing both a and a.b."""

    def imports(path: Path) -> set[str]:
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        return found

    return imports
