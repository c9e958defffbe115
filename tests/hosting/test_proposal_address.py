"""A host's proposed place, and the host's own page, write the address in its country's order."""

LONDON = dict(
    address="33 Thurloe Square", postcode="SW7 2SD", city="London", country="GB", timezone=""
)
LONDON_POINT = dict(latitude="51.4966", longitude="-0.1706")


def test_proposals_list_the_address_in_its_country_order(
    app, client, auth, organiser, open_campaign, propose, smtp
):
    assert propose(client, open_campaign.slug, **LONDON, **LONDON_POINT).status_code == 302
    smtp.wait_for(1)
    auth.login(organiser.email)
    listing = client.get(f"/organise/campaigns/{open_campaign.slug}/proposals")
    assert "33 Thurloe Square, London SW7 2SD, United Kingdom" in listing.get_data(as_text=True)


def test_the_hosts_page_gives_the_whole_address(app, hosted):
    host = hosted("Luleå")
    page = host.client.get(host.link).get_data(as_text=True)
    assert "Outside the Telia shop, Storgatan 51, 972 31 Luleå, Sweden" in page
