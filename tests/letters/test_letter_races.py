"""A new letter or a delivery sent twice (a double click, a reload that posts again, two
organisers at once) is saved once: every answer is the redirect the first one got, never the
"already a letter in this language" error for the organiser's own letter, and never a 500."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, func, insert, select, text

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.letters.models import Delivery, Letter
from tests.concurrent_forms import THREADS, HiddenInputs, OrganiserBrowser, at_once

LETTER = {
    "language": "en",
    "subject": "Release the political prisoners",
    "body": "We write on the day of our lobby.",
    "include_annex": "y",
}
DELIVERY = {"date": "2026-06-12", "time": "12:40", "received_by": "Deputy Ambassador"}


@pytest.fixture
def letter_form(campaign, lobby):
    """A function (kind): the path of the new-letter form of the campaign or of the lobby."""
    paths = {
        "campaign": f"/organise/campaigns/{campaign.slug}/letters/new",
        "lobby": f"/organise/lobbies/{lobby}/letters/new",
    }
    return paths.__getitem__


@pytest.fixture
def postgresql(app):
    """The test's PostgreSQL database (a connection to hold a row open), or a skip on SQLite,
    where writers queue on one lock and none can insert while another's row is uncommitted."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("postgresql"):
        pytest.skip("holding a racing insert open needs PostgreSQL")
    engine = create_engine(url)
    yield engine
    engine.dispose()


def count(app, model) -> int:
    """How many rows the model's table holds."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def hidden_fields(client, path: str) -> dict:
    """The hidden fields of the form at path (CSRF token, submission key)."""
    page = client.get(path)
    assert page.status_code == 200
    parser = HiddenInputs()
    parser.feed(page.get_data(as_text=True))
    return parser.fields


@pytest.mark.parametrize("kind", ["campaign", "lobby"])
def test_a_new_letter_sent_twice_is_saved_once(app, client, organiser, letter_form, kind):
    client.login(organiser.email)
    sent = {**hidden_fields(client, letter_form(kind)), **LETTER}
    assert sent.get("submission_key"), "the letter form carries a one-time submission key"
    first = client.post(letter_form(kind), data=sent)
    again = client.post(letter_form(kind), data=sent)
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert count(app, Letter) == 1


@pytest.mark.parametrize("kind", ["campaign", "lobby"])
def test_eight_identical_new_letters_at_once_are_saved_once(
    app, live_server, organiser, password, letter_form, kind
):
    browser = OrganiserBrowser(live_server, organiser.email, password)
    sent = {**browser.form(letter_form(kind)), **LETTER}
    answers = at_once([lambda: browser.post(letter_form(kind), sent)] * THREADS)
    assert {status for status, _ in answers} == {302}, answers
    assert len({location for _, location in answers}) == 1, answers
    assert count(app, Letter) == 1


def test_a_second_form_in_a_taken_language_still_says_so(app, client, organiser, letter_form):
    client.login(organiser.email)
    for subject in ("First", "Second"):
        sent = {**hidden_fields(client, letter_form("campaign")), **LETTER, "subject": subject}
        answer = client.post(letter_form("campaign"), data=sent)
    assert answer.status_code == 200
    assert "There is already a letter in this language" in answer.get_data(as_text=True)
    assert count(app, Letter) == 1


def test_eight_different_new_letters_in_one_language_at_once_save_one(
    app, live_server, organiser, password, letter_form
):
    browser = OrganiserBrowser(live_server, organiser.email, password)
    path = letter_form("campaign")
    loaded = [{**browser.form(path), **LETTER} for _ in range(THREADS)]
    answers = at_once([lambda sent=sent: browser.post(path, sent) for sent in loaded])
    assert sorted(status for status, _ in answers) == [200] * (THREADS - 1) + [302], answers
    assert count(app, Letter) == 1


def test_eight_first_deliveries_at_once_record_one(app, live_server, organiser, password, lobby):
    browser = OrganiserBrowser(live_server, organiser.email, password)
    path = f"/organise/lobbies/{lobby}/delivery"
    sent = {**browser.form(path), **DELIVERY}
    answers = at_once([lambda: browser.post(path, sent)] * THREADS)
    assert {status for status, _ in answers} == {302}, answers
    assert len({location for _, location in answers}) == 1, answers
    assert count(app, Delivery) == 1
    page = browser.get(f"/lobbies/{lobby}")[2].decode()
    assert "received by Deputy Ambassador" in page


def test_first_deliveries_racing_one_in_flight_all_succeed(
    app, live_server, organiser, password, lobby, postgresql
):
    """Another organiser's first recording is inserted but not yet committed while eight more
    arrive: each finds no delivery, tries its own, and waits on the unique index."""
    browser = OrganiserBrowser(live_server, organiser.email, password)
    path = f"/organise/lobbies/{lobby}/delivery"
    sent = {**browser.form(path), **DELIVERY}
    with app.app_context():
        lobby_id = db.session.scalar(text("SELECT id FROM lobby WHERE slug = :s"), {"s": lobby})
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    with (
        postgresql.connect() as first,
        postgresql.connect().execution_options(isolation_level="AUTOCOMMIT") as watcher,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        row = dict(lobby_id=lobby_id, delivered_at=utcnow(), received_by="Someone", notes="")
        first.execute(insert(Delivery).values(**row, recorded_at=utcnow()))
        posts = pool.submit(at_once, [lambda: browser.post(path, sent)] * THREADS)
        deadline = time.monotonic() + 60
        while watcher.scalar(waiting) < THREADS:
            assert not posts.done() and time.monotonic() < deadline, "no request waits"
            time.sleep(0.05)
        first.commit()
        answers = posts.result(timeout=120)
    assert {status for status, _ in answers} == {302}, answers
    assert count(app, Delivery) == 1
    page = browser.get(f"/lobbies/{lobby}")[2].decode()
    assert "received by Deputy Ambassador" in page


def test_a_delivery_sent_twice_is_recorded_once_and_can_be_corrected(app, client, organiser, lobby):
    client.login(organiser.email)
    path = f"/organise/lobbies/{lobby}/delivery"
    sent = {**hidden_fields(client, path), **DELIVERY}
    assert client.post(path, data=sent).status_code == 302
    assert client.post(path, data=sent).status_code == 302
    corrected = client.submit(path, {**DELIVERY, "received_by": "First Secretary"})
    assert corrected.status_code == 302
    assert count(app, Delivery) == 1
    page = client.get(f"/lobbies/{lobby}").get_data(as_text=True)
    assert "received by First Secretary" in page
