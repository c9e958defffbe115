"""A local host proposes their city's lobby through the public form, and confirms their email
by a link whose page has a button: a GET (a mail scanner following the link) confirms nothing."""

from datetime import UTC, datetime

from organiser import create_app, jobs
from organiser.extensions import limiter


def test_closed_hosting_has_no_form_and_no_link(client, campaign, host_form):
    page = client.get(f"/campaigns/{campaign.slug}").get_data(as_text=True)
    assert "Host a lobby in your city" not in page
    assert client.get(f"/campaigns/{campaign.slug}/host").status_code == 404
    token = client.token("/organise/login")
    posted = client.post(
        f"/campaigns/{campaign.slug}/host", data={**host_form, "csrf_token": token}
    )
    assert posted.status_code == 404
    assert client.get("/campaigns/no-such-campaign/host").status_code == 404


def test_a_host_proposes_and_confirms_with_the_button_not_the_link(
    client, open_campaign, propose, smtp, mail_links, subject, proposals
):
    page = client.get(f"/campaigns/{open_campaign.slug}").get_data(as_text=True)
    assert f'href="/campaigns/{open_campaign.slug}/host"' in page
    assert "Host a lobby in your city" in page

    response = propose(client, open_campaign.slug)
    assert response.status_code == 302
    sent = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "check your email" in sent.lower()

    message = smtp.wait_for(1)[0]
    assert smtp.recipients[0] == ["Lina.Host@example.org"]  # trimmed, domain lowercased
    assert "Campaign Kazakhstan" in subject(message)
    link = mail_links(message).confirm
    assert link

    [proposal] = proposals()
    assert proposal.status == "pending"
    assert proposal.email_confirmed_at is None
    assert proposal.city == "Luleå" and proposal.timezone == "Europe/Stockholm"
    assert proposal.starts_at == datetime(2031, 12, 16, 11, 0, tzinfo=UTC)  # 12:00 CET
    assert proposal.confirm_token_hash and link.rsplit("/", 1)[1] not in proposal.confirm_token_hash

    opened = client.get(link)  # what a mail scanner does
    assert opened.status_code == 200
    assert "Confirm my email" in opened.get_data(as_text=True)
    assert proposals()[0].email_confirmed_at is None

    confirmed = client.submit(link, {})
    assert confirmed.status_code == 200
    assert "confirmed" in confirmed.get_data(as_text=True)
    assert proposals()[0].email_confirmed_at is not None

    again = client.submit(link, {})  # a second press changes nothing
    assert again.status_code == 200
    assert proposals()[0].email_confirmed_at == proposals()[0].email_confirmed_at

    assert client.get(link[:-2] + "xx").status_code == 404
    assert client.get("/host/confirm/" + "a" * 300).status_code == 404


def test_the_honeypot_refuses_silently(client, open_campaign, propose, smtp, proposals):
    response = propose(client, open_campaign.slug, website="https://spam.example")
    assert response.status_code == 302  # the bot is told what a host is told
    assert "check your email" in client.get(response.headers["Location"]).get_data(True).lower()
    jobs.wait_idle()
    assert proposals() == []
    assert smtp.messages == []


def test_proposals_are_rate_limited_per_address_with_a_clear_page(
    app, client, open_campaign, propose
):
    app.config["HOST_PROPOSAL_RATE_LIMIT"] = "2 per hour"
    for _ in range(3):  # a host correcting their mistakes is not held back
        assert propose(client, open_campaign.slug, city="").status_code == 422
    assert propose(client, open_campaign.slug).status_code == 302
    assert propose(client, open_campaign.slug, city="Kiruna").status_code == 302
    third = propose(client, open_campaign.slug, city="Umeå")
    assert third.status_code == 429
    assert "Too many proposals from your address" in third.get_data(as_text=True)
    assert client.get(f"/campaigns/{open_campaign.slug}/host").status_code == 200  # reading is not


def test_the_country_gives_the_zone_and_a_zone_can_be_chosen(
    client, open_campaign, propose, proposals
):
    assert propose(client, open_campaign.slug).status_code == 302
    assert proposals()[0].timezone == "Europe/Stockholm"
    chosen = propose(
        client, open_campaign.slug, country="US", city="Boston", timezone="America/New_York"
    )
    assert chosen.status_code == 302
    assert proposals()[1].timezone == "America/New_York"
    assert proposals()[1].starts_at == datetime(2031, 12, 16, 17, 0, tzinfo=UTC)


def test_a_target_of_another_campaign_is_refused(
    app, client, open_campaign, propose, proposals, organiser
):
    page = client.get(f"/campaigns/{open_campaign.slug}/host").get_data(as_text=True)
    assert "Embassy of Kazakhstan" in page  # the campaign's targets are offered
    ok = propose(client, open_campaign.slug, target_id=str(open_campaign.target_id))
    assert ok.status_code == 302
    assert proposals()[0].target_id == open_campaign.target_id
    refused = propose(client, open_campaign.slug, target_id=str(open_campaign.target_id + 99))
    assert refused.status_code == 422
    assert "Not a valid choice" in refused.get_data(as_text=True)


def test_the_same_proposal_sent_again_is_one_proposal_with_a_fresh_link(
    client, open_campaign, propose, smtp, mail_links, proposals
):
    assert propose(client, open_campaign.slug).status_code == 302
    first = mail_links(smtp.wait_for(1)[0]).confirm
    assert propose(client, open_campaign.slug).status_code == 302  # a reload, a double click
    second = mail_links(smtp.wait_for(2)[1]).confirm
    assert len(proposals()) == 1
    assert client.get(first).status_code == 404  # only the newest link confirms
    assert client.submit(second, {}).status_code == 200
    assert proposals()[0].email_confirmed_at is not None
    assert propose(client, open_campaign.slug).status_code == 302  # confirmed: no new mail
    jobs.wait_idle()
    assert len(smtp.messages) == 2 and len(proposals()) == 1


def test_a_confirmation_link_expires(app, client, open_campaign, propose, smtp, mail_links):
    propose(client, open_campaign.slug)
    link = mail_links(smtp.wait_for(1)[0]).confirm
    app.config["CONFIRM_TOKEN_DAYS"] = 0
    expired = client.get(link)
    assert expired.status_code == 410
    assert "This link has expired" in expired.get_data(as_text=True)
    token = client.token(f"/campaigns/{open_campaign.slug}/host")
    assert client.post(link, data={"csrf_token": token}).status_code == 410


def test_unconfirmed_proposals_are_forgotten_once_their_link_expires(
    app, client, open_campaign, propose, proposals
):
    propose(client, open_campaign.slug)
    app.config["CONFIRM_TOKEN_DAYS"] = 0  # Luleå's link has now expired
    propose(client, open_campaign.slug, city="Kiruna")
    assert [proposal.city for proposal in proposals()] == ["Kiruna"]  # no email kept for good


def test_a_chosen_target_fills_a_place_left_blank(client, open_campaign, propose, proposals):
    response = propose(
        client,
        open_campaign.slug,
        target_id=str(open_campaign.target_id),
        venue="Outside the embassy",
        address="",
        postcode="",
        city="",
        country="",
        latitude="",
        longitude="",
    )
    assert response.status_code == 302
    [proposal] = proposals()
    assert (proposal.address, proposal.city, proposal.country) == (
        "33 Thurloe Square",
        "London",
        "GB",
    )
    assert proposal.timezone == "Europe/London"


def test_the_limit_holds_in_redis_as_in_memory(
    app, open_campaign, host_form, new_client, redis_url
):
    shared = create_app(
        {**app.config, "RATELIMIT_STORAGE_URI": redis_url, "HOST_PROPOSAL_RATE_LIMIT": "1/hour"}
    )
    with shared.app_context():
        limiter.reset()
    client = new_client(shared)
    url = f"/campaigns/{open_campaign.slug}/host"
    assert client.submit(url, {**host_form, "city": ""}).status_code == 422
    assert client.submit(url, host_form).status_code == 302
    assert client.submit(url, {**host_form, "city": "Kiruna"}).status_code == 429
    with shared.app_context():
        limiter.reset()
