"""Petition fixtures: a petition, a real SMTP server on loopback, a live threaded server."""

import re
import urllib.error
import urllib.parse
import urllib.request
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from organiser import jobs
from organiser.extensions import db
from organiser.lobbies.models import Campaign
from organiser.petitions.counting import confirmed_count, counted_signatures
from organiser.petitions.models import Signature
from organiser.petitions.services import create_petition
from tests.workers import CSRF_RE, NoRedirect

_COUNT_RE = re.compile(r'<strong class="count">([\d,]+)</strong>')


def _shown_count(page: str) -> int:
    """The _count a reader sees on a page."""
    match = _COUNT_RE.search(page)
    assert match, "no _count on the page"
    return int(match.group(1).replace(",", ""))


@pytest.fixture(autouse=True)
def drain_jobs(app):
    """No job of one test runs into the next."""
    app.config.update(PETITION_STATS_SECONDS=0, JOBS_RETRY_DELAYS=[0])
    yield
    jobs.wait_idle()


def _make_petition(app, campaign, **fields) -> SimpleNamespace:
    """A petition of the campaign (open, addressed to its embassy unless told otherwise)."""
    with app.app_context():
        values = dict(
            title="Free the Zhanaozen oil workers",
            text="We call on the government of Kazakhstan to release them.",
            target_id=campaign.target_id,
            goal=100,
        )
        made = create_petition(db.session.get(Campaign, campaign.id), **{**values, **fields})
        db.session.commit()
        return SimpleNamespace(id=made.id, slug=made.slug)


@pytest.fixture
def petition(app, campaign):
    """An open petition of the campaign, addressed to its embassy."""
    return _make_petition(app, campaign)


def _count(app, petition) -> int:
    """The petition's public _count."""
    with app.app_context():
        return confirmed_count(petition.id)


def _rows(app, **where) -> list[Signature]:
    """Signature _rows (detached), optionally filtered by column values."""
    with app.app_context():
        found = db.session.scalars(select(Signature).filter_by(**where).order_by(Signature.id))
        return list(found)


def _counted_rows(app, petition) -> int:
    """Confirmed, valid _rows of the petition, counted directly."""
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(Signature).where(counted_signatures(petition.id))
        )


_SIGNER = {
    "name": "Aigerim Example",
    "email": "  Aigerim@Example.ORG ",
    "city": "London",
    "country": "GB",
    "consent": "y",
}


class _HttpSigner:
    """Signs over real HTTP: one session cookie and CSRF token, then posts from many threads."""

    def __init__(self, base_url: str, slug: str):
        self.url = f"{base_url}/petitions/{slug}"
        self.opener = urllib.request.build_opener(NoRedirect)
        with self.opener.open(self.url, timeout=30) as response:
            self.cookie = response.headers["Set-Cookie"].split(";", 1)[0]
            self.token = CSRF_RE.search(response.read().decode()).group(1)

    def post(self, headers: dict | None = None, **fields) -> int:
        """Post the sign form; the HTTP status."""
        data = urllib.parse.urlencode({**_SIGNER, **fields, "csrf_token": self.token}).encode()
        request = urllib.request.Request(
            self.url, data=data, headers={"Cookie": self.cookie, **(headers or {})}
        )
        return _get_status(self.opener, request)


def _get_status(opener, request) -> int:
    """The status of a request, errors included."""
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


# Fixtures for what petition tests check and build: each hands back a function bound to the
# test's app, so test modules import nothing from conftest files.


@pytest.fixture(name="shown_count")
def shown_count_fixture():
    """A function (page HTML): the _count a reader sees on it."""
    return _shown_count


@pytest.fixture(name="make_petition")
def make_petition_fixture(app):
    """A function (campaign, **fields): a new petition of the campaign (open, addressed to its
    embassy unless told otherwise); its id and slug."""
    return lambda campaign, **fields: _make_petition(app, campaign, **fields)


@pytest.fixture(name="count")
def count_fixture(app):
    """A function (petition): its public _count."""
    return lambda petition: _count(app, petition)


@pytest.fixture(name="rows")
def rows_fixture(app):
    """A function (**column values): the signature _rows (detached) that have them."""
    return lambda **where: _rows(app, **where)


@pytest.fixture(name="counted_rows")
def counted_rows_fixture(app):
    """A function (petition): its confirmed, valid _rows, counted directly."""
    return lambda petition: _counted_rows(app, petition)


@pytest.fixture
def sign_form() -> dict:
    """The sign form as a supporter fills it in (the email with spaces and capitals)."""
    return dict(_SIGNER)


@pytest.fixture(name="http_signer")
def http_signer_fixture():
    """A function (base URL, petition slug): a signer over real HTTP with one session and
    CSRF token, whose post(**fields) may be called from many threads."""
    return _HttpSigner


@pytest.fixture(name="http_status")
def http_status_fixture():
    """A function (urllib opener, request or URL): the HTTP status, errors included."""
    return _get_status
