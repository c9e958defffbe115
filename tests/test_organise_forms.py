"""The organisers' forms, driven as a browser does: load the page, take the token, post."""

from datetime import UTC, datetime

from sqlalchemy import func, select

from organiser.extensions import db
from organiser.lobbies.models import Campaign, Lobby, Target


def errors_of(response) -> str:
    """The page's text, where field errors appear next to their fields."""
    return response.get_data(as_text=True)


def test_an_organiser_creates_a_campaign_and_owns_it(app, client, organiser):
    client.login(organiser.email)
    response = client.submit(
        "/organise/campaigns/new",
        {
            "name": "Campaign Kazakhstan",
            "organisation_name": "Campaign Kazakhstan",
            "description": "Solidarity.",
            "organisation_contact": "",
            "organisation_url": "",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/organise/campaigns/campaign-kazakhstan"
    with app.app_context():
        campaign = db.session.scalar(select(Campaign))
        assert [owner.email for owner in campaign.owners] == [organiser.email]
    assert "Campaign Kazakhstan" in client.get("/organise/").get_data(as_text=True)


def test_campaign_form_errors_are_shown_next_to_the_fields(client, organiser):
    client.login(organiser.email)
    response = client.submit(
        "/organise/campaigns/new",
        {"name": "", "organisation_name": "x" * 201, "organisation_url": "javascript:alert(1)"},
    )
    page = errors_of(response)
    assert response.status_code == 200
    assert 'id="name-errors"' in page and "Please give the campaign name." in page
    assert "Field cannot be longer than 200 characters." in page
    assert "A web address starts with https:// or http://." in page


def test_an_organiser_adds_and_edits_a_target(app, client, campaign):
    client.login("ada@example.org")
    response = client.submit(
        f"/organise/campaigns/{campaign.slug}/targets/new",
        {
            "kind": "honorary_consulate",
            "name": "Honorary Consulate of Kazakhstan",
            "represented_country": "KZ",
            "head_title": "Honorary Consul",
            "city": "Vienna",
            "country": "AT",
            "email": "",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        target = db.session.scalar(select(Target).where(Target.city == "Vienna"))
        target_id = target.id
    response = client.submit(
        f"/organise/targets/{target_id}/edit",
        {
            "kind": "consulate",
            "name": "Consulate of Kazakhstan",
            "city": "Graz",
            "country": "AT",
            "email": "not an email",
        },
    )
    assert "Not an email address." in errors_of(response)
    response = client.submit(
        f"/organise/targets/{target_id}/edit",
        {"kind": "consulate", "name": "Consulate of Kazakhstan", "city": "Graz", "country": "AT"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Target, target_id).city == "Graz"


def test_an_unknown_target_kind_is_refused(client, campaign):
    client.login("ada@example.org")
    response = client.submit(
        f"/organise/campaigns/{campaign.slug}/targets/new",
        {"kind": "palace", "name": "X", "city": "Graz", "country": "AT"},
    )
    assert response.status_code == 200
    assert "Not a valid choice" in errors_of(response)


def test_a_lobby_is_created_at_the_local_time_entered(
    app, client, campaign, find_lobby, lobby_form
):
    client.login("ada@example.org")
    response = client.submit(
        f"/organise/campaigns/{campaign.slug}/lobbies/new", lobby_form(campaign.target_id)
    )
    assert response.status_code == 302
    slug = response.headers["Location"].rsplit("/", 1)[-1]
    assert slug == "berlin-2031-12-16-day-of-action-berlin"
    with app.app_context():
        lobby = find_lobby(slug)
        assert lobby.timezone == "Europe/Berlin"  # from the country
        assert lobby.starts_at == datetime(2031, 12, 16, 12, 0, tzinfo=UTC)  # CET is UTC+1
        assert lobby.ends_at == datetime(2031, 12, 16, 13, 30, tzinfo=UTC)
        assert [d.text for d in lobby.demands] == [
            "Release all political prisoners!",
            "Drop the charges",
            "Right to strike",
        ]
        assert lobby.target.name == "Embassy of Kazakhstan"
        assert lobby.uid.endswith("@organiser.test") and lobby.sequence == 0
    page = client.get(f"/lobbies/{slug}").get_data(as_text=True)
    assert "Tue 16 December 2031, 13:00 CET" in page


def test_a_time_the_clocks_skip_is_refused(client, campaign, lobby_form):
    client.login("ada@example.org")
    response = client.submit(
        f"/organise/campaigns/{campaign.slug}/lobbies/new",
        lobby_form(
            country="GB", city="London", date="2031-03-30", start_time="01:30", end_time="03:00"
        ),
    )
    assert response.status_code == 200
    assert "01:30 on 30 March 2031 does not exist in Europe/London" in errors_of(response)


def test_a_time_that_happens_twice_must_be_chosen(app, client, campaign, find_lobby, lobby_form):
    client.login("ada@example.org")
    data = lobby_form(
        country="GB", city="London", date="2031-10-26", start_time="01:15", end_time="03:00"
    )
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    response = client.submit(url, data)
    page = errors_of(response)
    assert "01:15 on 26 October 2031 happens twice in Europe/London" in page
    assert "Choose which of the two you mean." in page
    response = client.submit(url, {**data, "start_occurrence": "1"})
    assert response.status_code == 302
    with app.app_context():
        lobby = find_lobby(response.headers["Location"].rsplit("/", 1)[-1])
        assert lobby.starts_at == datetime(2031, 10, 26, 1, 15, tzinfo=UTC)  # GMT, the second


def test_end_before_start_unknown_zone_and_missing_fields(client, campaign, lobby_form):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    page = errors_of(client.submit(url, lobby_form(start_time="14:00", end_time="13:00")))
    assert "The end must be after the start." in page
    page = errors_of(client.submit(url, lobby_form(timezone="Mars/Olympus_Mons")))
    assert "“Mars/Olympus_Mons” is not a time zone" in page
    page = errors_of(client.submit(url, lobby_form(country="US", city="New York")))
    assert "United States has several time zones: choose one." in page
    page = errors_of(client.submit(url, lobby_form(title="", venue="", date="not a date")))
    assert "Please give the title." in page and "Please give the venue." in page
    assert "Not a valid date value." in page


def test_over_long_fields_and_too_many_demands_are_refused(
    app, client, campaign, find_lobby, lobby_form
):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    response = client.submit(url, lobby_form(title="T" * 201, city="C" * 101))
    assert errors_of(response).count("Field cannot be longer than") == 2
    page = errors_of(client.submit(url, lobby_form(demands="\n".join(["Free them"] * 31))))
    assert "At most 30 demands." in page
    page = errors_of(client.submit(url, lobby_form(demands="D" * 501)))
    assert "Each demand must be at most 500 characters." in page
    with app.app_context():
        assert find_lobby("berlin-2031-12-16-day-of-action-berlin") is None


def test_editing_time_or_place_raises_the_sequence_but_not_the_uid(
    app, client, campaign, find_lobby, lobby_form, make_lobby
):
    slug = make_lobby(campaign)
    with app.app_context():
        before = find_lobby(slug)
        uid, sequence = before.uid, before.sequence
    client.login("ada@example.org")
    form = client.get(f"/organise/lobbies/{slug}/edit").get_data(as_text=True)
    assert 'value="12:00"' in form and "Release all political prisoners!" in form
    edit = f"/organise/lobbies/{slug}/edit"
    moved = lobby_form(
        title="Emergency lobby",
        city="London",
        country="GB",
        start_time="12:30",
        end_time="13:30",
        demands="Release all political prisoners!",
    )
    assert client.submit(edit, moved).status_code == 302
    with app.app_context():
        moved_lobby = find_lobby(slug)
        assert moved_lobby.uid == uid and moved_lobby.sequence == sequence + 1
        assert moved_lobby.local_start.strftime("%H:%M") == "12:30"
    # A change to the description alone does not disturb calendars.
    client.submit(edit, {**moved, "description": "Bring banners."})
    with app.app_context():
        assert find_lobby(slug).sequence == sequence + 1
        assert find_lobby(slug).description == "Bring banners."


def test_cancel_and_reinstate(app, client, campaign, find_lobby, make_lobby):
    slug = make_lobby(campaign)
    client.login("ada@example.org")
    response = client.submit(f"/organise/lobbies/{slug}/cancel", {"reason": "Moved to Friday."})
    assert response.status_code == 302
    page = client.get(f"/lobbies/{slug}").get_data(as_text=True)
    assert "This lobby is cancelled." in page and "Moved to Friday." in page
    assert "Cancelled" in client.get("/").get_data(as_text=True)
    with app.app_context():
        assert find_lobby(slug).status == "cancelled" and find_lobby(slug).sequence == 1
    assert client.post(f"/organise/lobbies/{slug}/reinstate").status_code == 400  # no token
    response = client.submit(f"/organise/lobbies/{slug}/reinstate", {}, form_url=f"/lobbies/{slug}")
    assert response.status_code == 302
    with app.app_context():
        assert find_lobby(slug).status == "scheduled" and find_lobby(slug).sequence == 2
    assert "This lobby is cancelled." not in client.get(f"/lobbies/{slug}").get_data(as_text=True)


def test_duplicating_a_lobby_to_another_city(
    app, client, campaign, find_lobby, lobby_form, make_lobby
):
    slug = make_lobby(campaign, demands=["First", "Second"])
    client.login("ada@example.org")
    form = client.get(f"/organise/lobbies/{slug}/duplicate").get_data(as_text=True)
    assert "First\nSecond" in form and "Emergency lobby" in form
    response = client.submit(
        f"/organise/lobbies/{slug}/duplicate",
        lobby_form(
            title="Emergency lobby",
            city="Vienna",
            country="AT",
            address="Ring 1",
            demands="First\nSecond",
        ),
    )
    assert response.status_code == 302
    with app.app_context():
        copy = find_lobby("vienna-2031-12-16-emergency-lobby")
        original = find_lobby(slug)
        assert copy.timezone == "Europe/Vienna" and copy.uid != original.uid
        assert [d.text for d in copy.demands] == ["First", "Second"]
        assert original.city == "London"


def test_organisers_cannot_touch_each_others_campaigns(
    app, client, campaign, other_organiser, find_lobby, make_lobby
):
    slug = make_lobby(campaign)
    client.login(other_organiser.email)
    for url in (
        f"/organise/campaigns/{campaign.slug}",
        f"/organise/campaigns/{campaign.slug}/edit",
        f"/organise/campaigns/{campaign.slug}/lobbies/new",
        f"/organise/campaigns/{campaign.slug}/targets/new",
        f"/organise/targets/{campaign.target_id}/edit",
        f"/organise/lobbies/{slug}/edit",
        f"/organise/lobbies/{slug}/duplicate",
        f"/organise/lobbies/{slug}/cancel",
    ):
        assert client.get(url).status_code == 404, url
    token = client.token("/organise/")
    for url in (
        f"/organise/lobbies/{slug}/cancel",
        f"/organise/lobbies/{slug}/reinstate",
        f"/organise/campaigns/{campaign.slug}/edit",
    ):
        assert client.post(url, data={"csrf_token": token, "name": "Taken"}).status_code == 404
    assert "Campaign Kazakhstan" not in client.get("/organise/").get_data(as_text=True)
    with app.app_context():
        assert find_lobby(slug).status == "scheduled"
        assert db.session.get(Campaign, campaign.id).name == "Campaign Kazakhstan"


def test_unknown_slugs_in_the_organisers_area_are_404(client, organiser):
    client.login(organiser.email)
    assert client.get("/organise/campaigns/nope").status_code == 404
    assert client.get("/organise/lobbies/nope/edit").status_code == 404
    assert client.get("/organise/targets/999/edit").status_code == 404


def test_a_campaign_is_shared_with_another_organiser(app, client, campaign, other_organiser):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/owners"
    form_url = f"/organise/campaigns/{campaign.slug}"
    page = client.submit(url, {"email": "nobody@example.org"}, form_url=form_url)
    assert "No organiser has this email" in page.get_data(as_text=True)
    response = client.submit(url, {"email": "BO@example.org"}, form_url=form_url)
    assert response.status_code == 302
    client.post("/organise/logout", data={"csrf_token": client.token("/organise/")})
    client.login(other_organiser.email)
    assert client.get(f"/organise/campaigns/{campaign.slug}/edit").status_code == 200
    with app.app_context():
        owners = {o.email for o in db.session.get(Campaign, campaign.id).owners}
    assert owners == {"ada@example.org", "bo@example.org"}


def test_half_a_map_pin_is_refused_next_to_it(app, client, campaign, lobby_form):
    client.login("ada@example.org")
    url = f"/organise/campaigns/{campaign.slug}/lobbies/new"
    response = client.submit(url, lobby_form(campaign.target_id, latitude="51.49", longitude=""))
    assert response.status_code == 200
    assert "Give both latitude and longitude, or neither." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Lobby)) == 0
