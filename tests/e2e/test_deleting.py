"""In the browser: an organiser deletes a lobby from its edit page, after reading what goes."""

from playwright.sync_api import expect


def test_an_organiser_deletes_a_lobby_from_its_edit_page(
    live_server, page, campaign, lobby, password
):
    page.goto(f"{live_server}/organise/login")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/organise/lobbies/{lobby}/edit")
    page.get_by_role("link", name="Delete this lobby…").click()
    expect(page.get_by_role("heading", name="Delete “Emergency lobby”?")).to_be_visible()
    expect(page.get_by_text("Subscribed calendars will show it as cancelled")).to_be_visible()
    page.get_by_role("button", name="Delete for good").click()
    expect(page.get_by_text("Lobby “Emergency lobby” deleted.")).to_be_visible()
    assert page.request.get(f"{live_server}/lobbies/{lobby}").status == 404


def test_an_organiser_deletes_a_campaign_by_typing_its_name(
    live_server, page, campaign, lobby, password
):
    page.goto(f"{live_server}/organise/login")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/organise/campaigns/{campaign.slug}/edit")
    page.get_by_role("link", name="Delete…").click()
    expect(page.get_by_text("1 lobby, with its letters")).to_be_visible()
    page.get_by_role("button", name="Delete for good").click()
    expect(page.get_by_text("Type the campaign’s name to confirm.")).to_be_visible()
    page.get_by_label("Type the campaign’s name to confirm").fill("Campaign Kazakhstan")
    page.get_by_role("button", name="Delete for good").click()
    expect(page.get_by_role("heading", name="Your campaigns")).to_be_visible()
    expect(page.get_by_text("Campaign “Campaign Kazakhstan” deleted.")).to_be_visible()
