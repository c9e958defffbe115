"""A creating form sent twice (a double click, a reload, two organisers on one form) creates
once: every answer is a redirect to what the first created, and nothing fails."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.lobbies.models import Campaign
from organiser.submissions import FormSubmission
from tests.concurrent_forms import (
    THREADS,
    HiddenInputs,
    OrganiserBrowser,
    at_once,
    creating_form,
    different_submissions,
)
from tests.workers import serving

KINDS = ["campaign", "target", "lobby", "duplicate", "petition", "paper"]


@pytest.fixture
def form_of(app, campaign, make_lobby, lobby_form):
    """A function (kind): that creating form in the campaign (tests/concurrent_forms.py)."""
    return lambda kind: creating_form(kind, app, campaign, make_lobby, lobby_form)


def hidden_fields(client, path: str) -> dict:
    """The hidden fields of the form at path (CSRF token, submission key)."""
    page = client.get(path)
    assert page.status_code == 200
    parser = HiddenInputs()
    parser.feed(page.get_data(as_text=True))
    return parser.fields


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_form_sent_twice_creates_once(app, client, form_of, kind):
    form = form_of(kind)
    client.login("ada@example.org")
    sent = {**hidden_fields(client, form.form), **form.data}
    assert sent.get("submission_key"), "the form carries a one-time submission key"
    first = client.post(form.post, data=sent)
    again = client.post(form.post, data=sent)
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert len(form.rows(app)) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_form_reloaded_after_saving_creates_again(app, client, form_of, kind):
    form = form_of(kind)
    client.login("ada@example.org")
    for _ in range(2):
        sent = {**hidden_fields(client, form.form), **form.data}
        assert client.post(form.post, data=sent).status_code == 302
    assert len(form.rows(app)) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_eight_identical_submissions_at_once_create_one(app, live_server, form_of, password, kind):
    form = form_of(kind)
    organiser = OrganiserBrowser(live_server, "ada@example.org", password)
    sent = {**organiser.form(form.form), **form.data}
    answers = at_once([lambda: organiser.post(form.post, sent)] * THREADS)
    assert {status for status, _ in answers} == {302}, answers
    assert len({location for _, location in answers}) == 1, answers
    assert len(form.rows(app)) == 1


def test_submissions_to_gunicorn_workers_create_once_each(app, form_of, password, tmp_path):
    kinds = ["campaign", "lobby", "petition"]
    forms = {kind: form_of(kind) for kind in kinds}
    with serving(app, tmp_path / "access.log", "/") as base:
        organiser = OrganiserBrowser(base, "ada@example.org", password)
        for kind, form in forms.items():
            sent = {**organiser.form(form.form), **form.data}
            answers = at_once(
                [lambda form=form, sent=sent: organiser.post(form.post, sent)] * THREADS
            )
            assert {status for status, _ in answers} == {302}, (kind, answers)
            assert len({location for _, location in answers}) == 1, (kind, answers)
            assert len(form.rows(app)) == 1, kind
        # Different submissions with the same title: each its own lobby and slug.
        answers = at_once(different_submissions(organiser, forms["lobby"]))
    assert {status for status, _ in answers} == {302}, answers
    slugs = forms["lobby"].slugs(app)
    assert len(slugs) == len(set(slugs)) == THREADS + 1


def test_another_organisers_submission_key_creates_nothing_and_shows_nothing(
    app, client, new_client, form_of, other_organiser
):
    form = form_of("campaign")
    client.login("ada@example.org")
    sent = {**hidden_fields(client, form.form), **form.data}
    first = client.post(form.post, data=sent)
    other = new_client()
    other.login(other_organiser.email)
    theirs = {**hidden_fields(other, form.form), "submission_key": sent["submission_key"]}
    answer = other.post(form.post, data={**form.data, **theirs})
    assert answer.status_code == 409
    assert first.headers["Location"] not in answer.get_data(as_text=True)
    assert len(form.rows(app)) == 1


@pytest.mark.parametrize(
    "key",
    ["", "x", "a" * 5000, "../../etc", "é" * 40],
    ids=["empty", "short", "long", "path", "utf"],
)
def test_a_missing_or_mangled_key_still_creates(app, client, form_of, key):
    form = form_of("petition")
    client.login("ada@example.org")
    sent = {**hidden_fields(client, form.form), **form.data, "submission_key": key}
    answer = client.post(form.post, data=sent)
    assert answer.status_code == 302
    assert len(form.rows(app)) == 1


def test_keys_are_forgotten_a_day_later(app, client, form_of):
    petition = form_of("petition")
    client.login("ada@example.org")
    old = {**hidden_fields(client, petition.form), **petition.data}
    assert client.post(petition.post, data=old).status_code == 302
    with app.app_context():
        yesterday = utcnow() - timedelta(days=1, minutes=1)
        db.session.execute(update(FormSubmission).values(created_at=yesterday))
        db.session.commit()
    target = form_of("target")
    sent = {**hidden_fields(client, target.form), **target.data}
    assert client.post(target.post, data=sent).status_code == 302
    with app.app_context():
        kept = db.session.scalars(select(FormSubmission.key)).all()
    assert kept == [sent["submission_key"]]


def test_sharing_a_campaign_eight_times_at_once_adds_the_organiser_once(
    app, live_server, campaign, other_organiser, password
):
    organiser = OrganiserBrowser(live_server, "ada@example.org", password)
    path = f"/organise/campaigns/{campaign.slug}"
    sent = {**organiser.form(path), "email": other_organiser.email}
    answers = at_once([lambda: organiser.post(path + "/owners", sent)] * THREADS)
    assert {status for status, _ in answers} == {302}, answers
    with app.app_context():
        owners = db.session.get(Campaign, campaign.id).owners
        assert sorted(owner.email for owner in owners) == ["ada@example.org", other_organiser.email]
