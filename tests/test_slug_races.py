"""Different submissions with the same title at the same moment each get their own slug: the
unique index decides, and the loser takes the next one, never a 500."""

import pytest
from sqlalchemy import select

from organiser.accounts.models import Organiser
from organiser.extensions import db
from organiser.lobbies import services
from organiser.lobbies.models import Campaign
from tests.concurrent_forms import (
    THREADS,
    OrganiserBrowser,
    at_once,
    creating_form,
    different_submissions,
)


@pytest.fixture
def form_of(app, campaign, make_lobby, lobby_form):
    """A function (kind): that creating form in the campaign (tests/concurrent_forms.py)."""
    return lambda kind: creating_form(kind, app, campaign, make_lobby, lobby_form)


@pytest.mark.parametrize("kind", ["campaign", "lobby", "duplicate", "petition"])
def test_eight_submissions_with_the_same_title_at_once_get_eight_slugs(
    app, live_server, form_of, password, kind
):
    form = form_of(kind)
    organiser = OrganiserBrowser(live_server, "ada@example.org", password)
    answers = at_once(different_submissions(organiser, form))
    assert {status for status, _ in answers} == {302}, answers
    slugs = form.slugs(app)
    assert len(slugs) == len(set(slugs)) == THREADS
    if kind != "duplicate":  # a duplicate goes back to the campaign page
        assert {location.rsplit("/", 1)[-1] for _, location in answers} == set(slugs)


def test_slugs_count_up_from_the_title(app, campaign):
    with app.app_context():
        owner = db.session.get(Campaign, campaign.id).owners[0]
        made = [
            services.create_campaign(owner, name="Solidarity", organisation_name="CK")
            for _ in range(3)
        ]
        untitled = services.create_campaign(owner, name="!!!", organisation_name="CK")
        db.session.commit()
        assert [c.slug for c in made] == ["solidarity", "solidarity-2", "solidarity-3"]
        assert untitled.slug == "untitled"


def test_a_creation_rolled_back_leaves_nothing_behind(app, organiser):
    # On SQLite a SAVEPOINT that opens the transaction would commit it on RELEASE.
    with app.app_context():
        owner = db.session.get(Organiser, organiser.id)
        services.create_campaign(owner, name="Never saved", organisation_name="CK")
        db.session.rollback()
        assert db.session.scalar(select(Campaign).where(Campaign.name == "Never saved")) is None
