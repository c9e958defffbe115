"""Approvals racing each other over real HTTP (a double click, two organisers at once): one
lobby, and every answer leads to it."""

from sqlalchemy import func, select

from organiser import jobs
from organiser.extensions import db
from organiser.lobbies.models import Lobby
from tests.concurrent_forms import THREADS, OrganiserBrowser, at_once


def test_approvals_at_the_same_moment_make_one_lobby(
    app, live_server, organiser, password, confirmed, prefilled, smtp
):
    browser = OrganiserBrowser(live_server, organiser.email, password)
    url = f"/organise/proposals/{confirmed}/approve"

    def loaded() -> dict:
        status, _, page = browser.get(url)
        assert status == 200
        return prefilled(page.decode())

    forms = [loaded() for _ in range(THREADS)]  # each its own load, as from several tabs
    answers = at_once([lambda sent=sent: browser.post(url, sent) for sent in forms])
    assert {status for status, _ in answers} == {302}, answers
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Lobby)) == 1
        slug = db.session.scalar(select(Lobby.slug))
    assert {location.rsplit("/", 1)[1] for _, location in answers} == {slug}
    smtp.wait_for(2)  # the confirmation, then the approval
    jobs.wait_idle()
    assert len(smtp.messages) == 2  # the host is mailed one link, not one per answer
