"""Moving, renaming and cancelling a lobby through the organisers' forms: the next feed has the
same UID with a higher SEQUENCE, and a cancelled lobby stays, marked CANCELLED."""


def events_by_uid(client, read_ics, url="/calendar.ics") -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return {event["uid"]: event for event in read_ics(response.data)["events"]}


def test_move_rename_cancel_and_reinstate(
    app, client, campaign, organiser, read_ics, lobby_form, make_lobby
):
    slug = make_lobby(campaign)
    make_lobby(campaign, title="Unrelated lobby", city="Leeds")
    client.login(organiser.email)
    before = events_by_uid(client, read_ics)
    assert len(before) == 2
    uid, event = next((u, e) for u, e in before.items() if e["summary"] == "Emergency lobby")
    assert event["sequence"] == 0

    edit = f"/organise/lobbies/{slug}/edit"
    moved = lobby_form(title="Moved lobby", date="2031-12-17", start_time="15:00", end_time="16:00")
    assert client.submit(edit, moved).status_code == 302
    after_move = events_by_uid(client, read_ics)
    assert len(after_move) == 2
    assert after_move[uid]["sequence"] == 1
    assert after_move[uid]["summary"] == "Moved lobby"
    assert after_move[uid]["dtstart"]["local"] == "2031-12-17T15:00:00"
    assert after_move[uid]["dtstart"]["tzid"] == "Europe/Berlin"
    assert after_move[uid]["dtstart"]["utc"] == "2031-12-17T14:00:00Z"

    cancel = f"/organise/lobbies/{slug}/cancel"
    assert client.submit(cancel, {"reason": "Police ban; see you Friday."}).status_code == 302
    after_cancel = events_by_uid(client, read_ics)
    assert len(after_cancel) == 2
    assert after_cancel[uid]["sequence"] == 2
    assert after_cancel[uid]["status"] == "CANCELLED"
    assert after_cancel[uid]["summary"] == "Cancelled: Moved lobby"
    assert "Police ban; see you Friday." in after_cancel[uid]["description"]
    campaign_feed = events_by_uid(client, read_ics, f"/campaigns/{campaign.slug}/calendar.ics")
    assert campaign_feed[uid]["status"] == "CANCELLED"
    single = client.get(f"/lobbies/{slug}.ics")
    assert read_ics(single.data)["events"][0]["status"] == "CANCELLED"

    reinstate = f"/organise/lobbies/{slug}/reinstate"
    assert client.submit(reinstate, {}, form_url=f"/lobbies/{slug}").status_code == 302
    after_reinstate = events_by_uid(client, read_ics)
    assert after_reinstate[uid]["sequence"] == 3
    assert after_reinstate[uid]["status"] == "CONFIRMED"
    assert after_reinstate[uid]["summary"] == "Moved lobby"
    others = [e for u, e in after_reinstate.items() if u != uid]
    assert [e["sequence"] for e in others] == [0]


def test_demands_and_campaign_name_reach_the_feed(
    app, client, campaign, organiser, read_ics, lobby_form, make_lobby
):
    slug = make_lobby(campaign)
    client.login(organiser.email)
    edit = f"/organise/lobbies/{slug}/edit"
    form = lobby_form(demands="Free Zhanaozen's workers\nRight to strike")
    assert client.submit(edit, form).status_code == 302
    (event,) = events_by_uid(client, read_ics).values()
    assert "1. Free Zhanaozen's workers\n2. Right to strike" in event["description"]

    edit_campaign = f"/organise/campaigns/{campaign.slug}/edit"
    page = client.get(edit_campaign).get_data(as_text=True)
    assert 'name="name"' in page
    response = client.submit(
        edit_campaign,
        {"name": "Solidarity with Kazakh workers", "organisation_name": "Campaign Kazakhstan"},
    )
    assert response.status_code == 302
    (event,) = events_by_uid(client, read_ics).values()
    assert event["categories"] == ["Solidarity with Kazakh workers"]
    calendar = read_ics(client.get(f"/campaigns/{campaign.slug}/calendar.ics").data)
    assert calendar["calname"] == "Lobbies: Solidarity with Kazakh workers"
