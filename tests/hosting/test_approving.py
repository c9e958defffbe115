"""The campaign's organisers see the proposals, approve one through the lobby form prefilled
from it (once, however often it is sent), or reject it; the host is mailed their private link."""

from sqlalchemy import func, select

from organiser import jobs
from organiser.extensions import db
from organiser.lobbies.models import Lobby


def lobby_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Lobby))


def test_organisers_switch_hosting_on_and_off(client, auth, organiser, campaign):
    auth.login(organiser.email)
    page = client.get(f"/organise/campaigns/{campaign.slug}").get_data(as_text=True)
    assert "Let local hosts propose lobbies" in page
    switch = f"/organise/campaigns/{campaign.slug}/hosting"
    opened = client.submit(switch, {"open": "1"}, form_url=f"/organise/campaigns/{campaign.slug}")
    assert opened.status_code == 302
    assert client.get(f"/campaigns/{campaign.slug}/host").status_code == 200
    closed = client.submit(switch, {"open": "0"}, form_url=f"/organise/campaigns/{campaign.slug}")
    assert closed.status_code == 302
    assert client.get(f"/campaigns/{campaign.slug}/host").status_code == 404


def test_only_confirmed_proposals_are_ready(
    app, client, auth, organiser, open_campaign, propose, smtp, mail_links, proposals
):
    propose(client, open_campaign.slug)
    smtp.wait_for(1)
    auth.login(organiser.email)
    page = client.get(f"/organise/campaigns/{open_campaign.slug}").get_data(as_text=True)
    assert "0 proposals waiting" in page
    listing = client.get(f"/organise/campaigns/{open_campaign.slug}/proposals")
    text = listing.get_data(as_text=True)
    assert "Luleå" in text and "email not confirmed" in text
    proposal_id = proposals()[0].id
    assert f"/organise/proposals/{proposal_id}/approve" not in text
    refused = client.get(f"/organise/proposals/{proposal_id}/approve")
    assert refused.status_code == 409
    assert lobby_count(app) == 0

    auth.logout()
    client.submit(mail_links(smtp.messages[0]).confirm, {})
    auth.login(organiser.email)
    page = client.get(f"/organise/campaigns/{open_campaign.slug}").get_data(as_text=True)
    assert "1 proposal waiting" in page
    listing = client.get(f"/organise/campaigns/{open_campaign.slug}/proposals").get_data(True)
    assert f"/organise/proposals/{proposal_id}/approve" in listing
    assert "lina.host@example.org" in listing.lower()  # organisers may write to the host


def test_approving_twice_creates_one_lobby_and_mails_the_host_once(
    app, client, auth, organiser, confirmed, approval_form, smtp, mail_links, subject, proposals,
    find_lobby,
):  # fmt: skip
    form_page = client.get(f"/organise/proposals/{confirmed}/approve")  # not logged in yet
    assert form_page.status_code == 302
    auth.login(organiser.email)
    url, data = approval_form(confirmed)
    data["venue"] = "Outside the Telia shop, Storgatan"
    _, second_tab = approval_form(confirmed)
    first = client.post(url, data=data)
    assert first.status_code == 302
    slug = first.headers["Location"].rsplit("/", 1)[1]
    again = client.post(url, data=data)  # the same form sent again (a double click)
    assert again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    other_tab = client.post(url, data=second_tab)  # the form opened in a second tab
    assert other_tab.headers["Location"] == first.headers["Location"]
    assert lobby_count(app) == 1

    [proposal] = proposals()
    assert proposal.status == "approved"
    with app.app_context():
        lobby = find_lobby(slug)
        assert proposal.lobby_id == lobby.id
        assert lobby.venue == "Outside the Telia shop, Storgatan"  # the organiser's edit
        assert lobby.city == "Luleå" and lobby.timezone == "Europe/Stockholm"
        assert lobby.latitude == 65.5842

    messages = smtp.wait_for(2)
    host_link = mail_links(messages[1]).host
    assert host_link and host_link.startswith("/host/")
    assert smtp.recipients[1] == ["Lina.Host@example.org"]
    assert "approved" in subject(messages[1])
    assert proposal.host_token_hash and host_link.rsplit("/", 1)[1] not in proposal.host_token_hash
    assert client.get(host_link).status_code == 200
    assert len(smtp.messages) == 2


def test_the_approve_form_is_prefilled_from_the_proposal(
    client, auth, organiser, confirmed, prefilled, open_campaign, make_lobby
):
    make_lobby(open_campaign, demands=["Free the oil workers", "Drop the charges"])
    auth.login(organiser.email)
    page = client.get(f"/organise/proposals/{confirmed}/approve").get_data(as_text=True)
    data = prefilled(page)
    assert data["venue"] == "Outside the Telia shop"
    assert data["city"] == "Luleå" and data["country"] == "SE"
    assert data["timezone"] == "Europe/Stockholm"
    assert (data["date"], data["start_time"], data["end_time"]) == ("2031-12-16", "12:00", "13:00")
    assert data["latitude"] == "65.5842"
    assert data["title"] == "Campaign Kazakhstan: Luleå"
    assert data["demands"] == "Free the oil workers\nDrop the charges"  # the day's demands
    assert "Lina Host" in page  # who proposed it


def test_rejecting_tells_the_host(
    app, client, auth, organiser, confirmed, proposals, smtp, subject
):
    auth.login(organiser.email)
    url = f"/organise/proposals/{confirmed}/reject"
    response = client.submit(url, {}, form_url="/organise/")
    assert response.status_code == 302
    assert proposals()[0].status == "rejected"
    assert client.get(f"/organise/proposals/{confirmed}/approve").status_code == 409
    assert lobby_count(app) == 0
    told = smtp.wait_for(2)[1]
    assert smtp.recipients[1] == ["Lina.Host@example.org"]
    assert "not added" in subject(told)
    client.submit(url, {}, form_url="/organise/")  # rejected twice: told once
    jobs.wait_idle()
    assert len(smtp.messages) == 2


def test_an_unconfirmed_proposal_is_rejected_without_a_mail(
    client, auth, organiser, open_campaign, propose, smtp, proposals
):
    propose(client, open_campaign.slug)
    smtp.wait_for(1)
    auth.login(organiser.email)
    url = f"/organise/proposals/{proposals()[0].id}/reject"
    assert client.submit(url, {}, form_url="/organise/").status_code == 302
    assert proposals()[0].status == "rejected"
    jobs.wait_idle()
    assert len(smtp.messages) == 1  # an address never confirmed is not written to again


def test_another_organiser_sees_and_touches_nothing(
    app, client, auth, other_organiser, confirmed, open_campaign, proposals
):
    auth.login(other_organiser.email)
    assert client.get(f"/organise/campaigns/{open_campaign.slug}/proposals").status_code == 404
    assert client.get(f"/organise/proposals/{confirmed}/approve").status_code == 404
    token = client.token("/organise/")
    assert (
        client.post(f"/organise/proposals/{confirmed}/reject", data={"csrf_token": token})
    ).status_code == 404
    switch = client.post(
        f"/organise/campaigns/{open_campaign.slug}/hosting", data={"csrf_token": token, "open": "0"}
    )
    assert switch.status_code == 404
    assert proposals()[0].status == "pending"
    assert lobby_count(app) == 0
