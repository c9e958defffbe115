"""Letter fixtures: letters, petitions with signatures, a listener that counts requests."""

import http.server
import threading
from types import SimpleNamespace

import pytest

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.letters import services
from organiser.lobbies.models import Campaign, Lobby
from organiser.petitions.counting import recount
from organiser.petitions.models import Signature
from organiser.petitions.services import create_petition

_ENGLISH = dict(
    language="en",
    subject="Release the political prisoners",
    opening="Your Excellency,",
    body="We write on the day of our lobby.\n\nWe ask you to pass our **demands** to your "
    "government.",
    closing="Yours sincerely,",
    signatories="Campaign Kazakhstan\nAnna Petrova, coordinator",
)
_RUSSIAN = dict(
    language="ru",
    subject="Освободите политзаключённых",
    opening="Ваше превосходительство,",
    body="Мы пишем вам в день нашего пикета.",
    closing="С уважением,",
    signatories="Кампания «Казахстан»\nАнна Петрова, координатор",
)


def _add_letter(app, campaign, lobby_slug: str | None = None, **fields) -> int:
    """A letter of the campaign (or a lobby's own version); its id."""
    with app.app_context():
        owner = db.session.get(Campaign, campaign.id)
        lobby = db.session.scalar(db.select(Lobby).where(Lobby.slug == lobby_slug))
        letter = services.save_letter(None, owner, lobby, **{**_ENGLISH, **fields})
        db.session.commit()
        return letter.id


def _add_signatures(app, campaign, named: list[tuple[str, str]], others: int = 0, **extra) -> str:
    """A petition to the campaign's target with confirmed signatures; its slug."""
    with app.app_context():
        owner = db.session.get(Campaign, campaign.id)
        petition = create_petition(owner, title="Free them all", target_id=campaign.target_id)
        now = utcnow()
        rows = [(name, city, True) for name, city in named]
        rows += [(f"Hidden Signer {i}", "Secret City", False) for i in range(others)]
        for number, (name, city, in_letter) in enumerate(rows):
            db.session.add(
                Signature(
                    petition=petition,
                    name=name,
                    city=city,
                    email=f"signer{number}@example.org",
                    email_key=f"signer{number}@example.org",
                    name_in_letter=in_letter,
                    **{"confirmed_at": now, **extra},
                )
            )
        db.session.flush()
        recount(petition.id)  # the counter follows, as signing and confirming keep it
        db.session.commit()
        return petition.slug


@pytest.fixture(autouse=True)
def no_memo(app):
    """Every download checks the database cache (one test turns the memo back on; each app
    starts with an empty memo)."""
    app.config["LETTER_PDF_MEMORY_SECONDS"] = 0


@pytest.fixture
def lobby(campaign, make_lobby):
    """An upcoming lobby in London at the campaign's embassy: its slug."""
    return make_lobby(campaign, target_id=campaign.target_id)


def _lobby_id(app, slug: str) -> int:
    """The id of the lobby with that slug."""
    with app.app_context():
        return db.session.scalar(db.select(Lobby.id).where(Lobby.slug == slug))


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    """Counts every request; answers with a tiny body naming itself."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.server.hits.append(self.path)
        body = b"LISTENER-SECRET"
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    """A real HTTP server on a free loopback port, counting the requests it gets."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(port=server.server_port, hits=server.hits)
    server.shutdown()
    thread.join(timeout=5)


# Fixtures for what letter tests build: each hands back a function bound to the test's app, so
# test modules import nothing from conftest files.


@pytest.fixture(name="add_letter")
def add_letter_fixture(app):
    """A function (campaign, lobby_slug=None, **fields): a letter of the campaign in English
    (or a lobby's own version, or the fields given); its id."""
    return lambda campaign, *args, **fields: _add_letter(app, campaign, *args, **fields)


@pytest.fixture(name="add_signatures")
def add_signatures_fixture(app):
    """A function (campaign, named [(name, city)], others=0, **columns): a petition to the
    campaign's target with confirmed signatures, the named agreeing to be named; its slug."""
    return lambda campaign, *args, **extra: _add_signatures(app, campaign, *args, **extra)


@pytest.fixture
def russian_letter() -> dict:
    """A letter's fields in Russian."""
    return dict(_RUSSIAN)
