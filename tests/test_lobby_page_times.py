"""The lobby page says which clock its end is on whenever that differs from its start's: a
45-minute lobby across the hour that happens twice when the clocks go back reads
"01:30 BST to 01:15 GMT", not "01:30 BST to 01:15"."""

from datetime import datetime


def test_a_lobby_across_the_repeated_hour_shows_both_zone_abbreviations(
    client, campaign, lobby_form
):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    night = {"country": "GB", "city": "London", "date": "2027-10-31"}
    times = {"start_time": "01:30", "start_occurrence": "0"}
    times |= {"end_time": "01:15", "end_occurrence": "1"}
    response = client.submit(url, lobby_form(campaign.target_id, **night, **times))
    assert response.status_code == 302
    slug = response.headers["Location"].rsplit("/", 1)[-1]
    page = client.get(f"/lobbies/{slug}").get_data(as_text=True)
    assert "Sun 31 October 2027, 01:30 BST</time>" in page
    assert "to 01:15 GMT" in page


def test_an_ordinary_lobby_shows_its_end_on_the_same_clock(client, campaign, make_lobby):
    slug = make_lobby(campaign, datetime(2031, 6, 20, 12))
    page = client.get(f"/lobbies/{slug}").get_data(as_text=True)
    assert "Fri 20 June 2031, 12:00 BST</time>" in page
    assert "to 13:00" in page
