"""The host's private link: their lobby and only theirs, its state on the day (the board's
StateForm and record_state) and its report (the reports' form and save_report)."""

import io

import pytest
from PIL import Image

from organiser.board.states import current_states
from organiser.extensions import db
from organiser.reports.services import lobby_report


@pytest.fixture
def two_hosts(hosted):
    """Luleå's and Kiruna's hosts, each with an approved lobby and a private link."""
    return hosted("Luleå"), hosted("Kiruna")


def state_of(app, find_lobby, slug: str):
    with app.app_context():
        lobby = find_lobby(slug)
        return current_states([lobby.id]).get(lobby.id)


def test_each_link_opens_its_own_lobby_and_nothing_else(app, new_client, two_hosts):
    lulea, kiruna = two_hosts
    reader = new_client()
    opened = reader.get(lulea.link)
    page = opened.get_data(as_text=True)
    assert "Your lobby in Luleå" in page and "Kiruna" not in page
    assert opened.headers["Cache-Control"] == "private, no-store"
    assert opened.headers["Referrer-Policy"] == "no-referrer"  # the link goes nowhere else
    assert "Your lobby in Kiruna" in reader.get(kiruna.link).get_data(as_text=True)
    assert reader.get(lulea.link[:-3] + "abc").status_code == 404
    assert reader.get("/host/" + lulea.confirm.rsplit("/", 1)[1]).status_code == 404
    assert reader.get("/host/" + "x" * 500).status_code == 404
    token = reader.token(lulea.link)
    assert reader.post(lulea.link[:-3] + "abc/state", data={"csrf_token": token}).status_code == 404


def test_the_host_sets_their_lobbys_state_and_no_other(app, find_lobby, new_client, two_hosts):
    lulea, kiruna = two_hosts
    host = new_client()
    response = host.submit(
        f"{lulea.link}/state",
        # another lobby named in the form changes nothing: only the link says which lobby
        {"state": "delivered", "note": "Accepted by the shop manager", "slug": kiruna.slug,
         "lobby_id": "2"},
        form_url=lulea.link,
    )  # fmt: skip
    assert response.status_code == 302
    change = state_of(app, find_lobby, lulea.slug)
    assert (change.state, change.note) == ("delivered", "Accepted by the shop manager")
    assert change.changed_by == "Lina Host (host)"
    assert state_of(app, find_lobby, kiruna.slug) is None
    page = host.get(lulea.link).get_data(as_text=True)
    assert "Letter delivered" in page

    refused = host.submit(f"{lulea.link}/state", {"state": "exploded"}, form_url=lulea.link)
    assert refused.status_code == 422
    assert "Not a valid choice" in refused.get_data(as_text=True)
    assert host.get(f"{lulea.link}/state").status_code == 405
    assert host.post(f"{lulea.link}/state", data={"state": "refused"}).status_code == 400  # CSRF
    assert state_of(app, find_lobby, lulea.slug).state == "delivered"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def test_the_host_posts_their_lobbys_report(app, find_lobby, new_client, two_hosts):
    lulea, kiruna = two_hosts
    host = new_client()
    page = host.get(lulea.link).get_data(as_text=True)
    assert f'action="{lulea.link}/report"' in page
    empty = host.submit(f"{lulea.link}/report", {"text": ""}, form_url=lulea.link)
    assert empty.status_code == 422
    assert "Please say what happened." in empty.get_data(as_text=True)

    data = {
        "text": "Twelve of us outside the Telia shop; the manager took the letter.",
        "attendance": "12",
        "response": "The manager promised to send it to head office.",
        "photos-0-file": (io.BytesIO(jpeg()), "shop.jpg"),
        "photos-0-caption": "Outside the shop",
        "photos-0-consent": "y",
    }
    sent = host.submit(
        f"{lulea.link}/report", data, form_url=lulea.link, content_type="multipart/form-data"
    )
    assert sent.status_code == 302
    with app.app_context():
        report = lobby_report(find_lobby(lulea.slug))
        assert report.author == "Lina Host (host)"
        assert report.attendance == 12 and len(report.photos) == 1
        assert lobby_report(find_lobby(kiruna.slug)) is None
    public = new_client().get(f"/lobbies/{lulea.slug}").get_data(as_text=True)
    assert "the manager took the letter" in public


def test_a_new_link_replaces_the_old_one(
    client, open_campaign, hosted, smtp, mail_links, new_client
):
    lulea = hosted("Luleå")
    seen = len(smtp.messages)
    response = client.submit(
        f"/organise/proposals/{lulea.proposal_id}/new-link",
        {},
        form_url=f"/organise/campaigns/{open_campaign.slug}/proposals",
    )
    assert response.status_code == 302
    fresh = mail_links(smtp.wait_for(seen + 1)[seen]).host
    assert fresh != lulea.link
    reader = new_client()
    assert reader.get(lulea.link).status_code == 404
    assert reader.get(fresh).status_code == 200


def test_a_deleted_lobby_takes_the_host_link_with_it(app, find_lobby, new_client, hosted):
    lulea = hosted("Luleå")
    with app.app_context():
        db.session.delete(find_lobby(lulea.slug))
        db.session.commit()
    assert new_client().get(lulea.link).status_code == 404
