"""Deleting lobbies, targets, campaigns and petitions: a confirmation page that says what goes
with it, then a POST with its CSRF token, by the campaign's organisers only."""

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from organiser.extensions import db
from organiser.lobbies.models import Campaign, Lobby, Target
from organiser.petitions import services as petitions
from organiser.petitions import signing
from organiser.petitions.counting import confirmed_count
from organiser.petitions.models import Petition, Signature


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def signed_petition(app, campaign):
    """The campaign's petition to its embassy, with three signatures on paper: its slug and id."""
    with app.app_context():
        petition = petitions.create_petition(
            db.session.get(Campaign, campaign.id),
            title="Free them all",
            text="We ask...",
            target_id=campaign.target_id,
        )
        for name in ("Ann", "Bo", "Cy"):
            signing.add_paper(petition, name, "London", "GB", True)
        db.session.commit()
        return SimpleNamespace(slug=petition.slug, id=petition.id)


def page_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_deleting_a_lobby_asks_first_and_keeps_the_petitions_signatures(
    app, client, campaign, lobby, signed_petition, find_lobby
):
    client.login("ada@example.org")
    assert f"/organise/lobbies/{lobby}/delete" in page_text(
        client, f"/organise/lobbies/{lobby}/edit"
    )
    url = f"/organise/lobbies/{lobby}/delete"
    page = page_text(client, url)
    assert "Delete “Emergency lobby”?" in page
    assert "1 demand" in page
    assert "The petition “Free them all” and its 3 signatures stay" in page
    assert "Subscribed calendars will show it as cancelled" in page
    with app.app_context():
        assert find_lobby(lobby) is not None  # a GET deletes nothing
    assert client.post(url).status_code == 400  # no CSRF token
    response = client.submit(url, {})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/organise/campaigns/{campaign.slug}"
    assert client.get(f"/lobbies/{lobby}").status_code == 404
    with app.app_context():
        assert find_lobby(lobby) is None
        assert count(Signature, Signature.petition_id == signed_petition.id) == 3
        assert confirmed_count(signed_petition.id) == 3


def test_deleting_a_target_keeps_its_lobbies_without_the_link(
    app, client, campaign, make_lobby, signed_petition, find_lobby
):
    slug = make_lobby(campaign, target_id=campaign.target_id)
    client.login("ada@example.org")
    edit = page_text(client, f"/organise/targets/{campaign.target_id}/edit")
    assert f"/organise/targets/{campaign.target_id}/delete" in edit
    url = f"/organise/targets/{campaign.target_id}/delete"
    page = page_text(client, url)
    assert "Delete “Embassy of Kazakhstan”?" in page
    assert "1 lobby keeps its place, time and demands but no longer names this target" in page
    assert "1 petition stays, addressed to no target" in page
    assert client.submit(url, {}).status_code == 302
    with app.app_context():
        assert db.session.get(Target, campaign.target_id) is None
        kept = find_lobby(slug)
        assert kept.target_id is None and kept.address == "33 Thurloe Square"
        assert db.session.get(Petition, signed_petition.id).target_id is None
        assert count(Signature) == 3


def test_deleting_a_campaign_says_what_goes_and_wants_its_name(
    app, client, campaign, make_lobby, signed_petition
):
    make_lobby(campaign)
    make_lobby(campaign, title="Second lobby")
    client.login("ada@example.org")
    edit = page_text(client, f"/organise/campaigns/{campaign.slug}/edit")
    assert f"/organise/campaigns/{campaign.slug}/delete" in edit
    url = f"/organise/campaigns/{campaign.slug}/delete"
    page = page_text(client, url)
    assert "2 lobbies" in page and "1 target" in page
    assert "1 petition with its 3 signatures" in page
    response = client.submit(url, {"name": "Campaign Kazakstan"})
    assert response.status_code == 200
    assert "Type the campaign’s name exactly as shown" in response.get_data(as_text=True)
    with app.app_context():
        assert count(Campaign) == 1
    response = client.submit(url, {"name": "Campaign Kazakhstan"})
    assert response.status_code == 302 and response.headers["Location"] == "/organise/"
    assert client.get(f"/campaigns/{campaign.slug}").status_code == 404
    assert client.get(f"/petitions/{signed_petition.slug}").status_code == 404
    with app.app_context():
        assert (count(Campaign), count(Lobby), count(Target)) == (0, 0, 0)
        assert (count(Petition), count(Signature)) == (0, 0)


def test_deleting_a_petition_says_how_many_signatures_go(app, client, campaign, signed_petition):
    client.login("ada@example.org")
    manage = page_text(client, f"/organise/petitions/{signed_petition.slug}")
    url = f"/organise/petitions/{signed_petition.slug}/delete"
    assert url in manage
    page = page_text(client, url)
    assert "3 signatures (3 confirmed)" in page
    assert f"/organise/petitions/{signed_petition.slug}/signatures.csv" in page  # export first
    response = client.submit(url, {})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/organise/campaigns/{campaign.slug}"
    assert client.get(f"/petitions/{signed_petition.slug}").status_code == 404
    with app.app_context():
        assert (count(Petition), count(Signature)) == (0, 0)


def test_only_the_campaigns_organisers_may_delete(
    app, client, campaign, lobby, signed_petition, other_organiser, find_lobby
):
    client.login(other_organiser.email)
    urls = [
        f"/organise/lobbies/{lobby}/delete",
        f"/organise/targets/{campaign.target_id}/delete",
        f"/organise/campaigns/{campaign.slug}/delete",
        f"/organise/petitions/{signed_petition.slug}/delete",
    ]
    token = client.token("/organise/")
    for url in urls:
        assert client.get(url).status_code == 404, url
        data = {"csrf_token": token, "name": "Campaign Kazakhstan"}
        assert client.post(url, data=data).status_code == 404, url
    with app.app_context():
        assert find_lobby(lobby) is not None
        assert (count(Campaign), count(Target), count(Petition)) == (1, 1, 1)


def test_unknown_things_to_delete_are_404(client, organiser):
    client.login(organiser.email)
    for url in (
        "/organise/lobbies/nope/delete",
        "/organise/targets/999/delete",
        "/organise/campaigns/nope/delete",
        "/organise/petitions/nope/delete",
    ):
        assert client.get(url).status_code == 404, url
