"""What supporters see: upcoming and past lobbies, a lobby, a campaign, error pages."""

from datetime import datetime, timedelta

from organiser import create_app
from organiser.extensions import db


def test_home_lists_upcoming_lobbies_by_local_day_soonest_first(app, client, campaign, make_lobby):
    make_lobby(
        campaign,
        datetime(2031, 12, 16, 13),
        "Europe/Berlin",
        city="Berlin",
        country="DE",
        title="Berlin lobby",
    )
    make_lobby(campaign, datetime(2031, 12, 16, 12), "Europe/London", title="London lobby")
    make_lobby(campaign, datetime(2031, 6, 21, 12), "Europe/London", title="June lobby")
    make_lobby(  # 01:00 UTC on the 17th, but the 16th in New York
        campaign,
        datetime(2031, 12, 16, 20),
        "America/New_York",
        city="New York",
        country="US",
        title="New York lobby",
    )
    make_lobby(  # 22:00 UTC on the 16th, but the 17th in Sydney
        campaign,
        datetime(2031, 12, 17, 9),
        "Australia/Sydney",
        city="Sydney",
        country="AU",
        title="Sydney lobby",
    )
    page = client.get("/").get_data(as_text=True)
    sections = page.split('<section class="lobby-day"')[1:]
    assert len(sections) == 3  # 21 June, 16 December, 17 December
    june, december, next_day = sections
    assert "Saturday 21 June 2031" in june and "12:00 BST" in june and "June lobby" in june
    assert "Tuesday 16 December 2031" in december
    # In wall-clock order: the same instant (12:00 UTC) reads 12:00 in London, 13:00 in Berlin.
    assert (
        december.index("London lobby") < december.index("Berlin lobby") < december.index("New York")
    )
    assert "13:00 CET" in december
    assert "12:00 GMT" in december and "20:00 EST" in december
    assert "Wednesday 17 December 2031" in next_day and "09:00 AEDT" in next_day
    assert "Sydney lobby" in next_day and "Sydney lobby" not in december


def test_past_lobbies_are_on_the_past_page_not_the_home_page(app, client, campaign, make_lobby):
    make_lobby(campaign, datetime(2012, 6, 21, 12), title="Emergency lobby 2012")
    assert "Emergency lobby 2012" not in client.get("/").get_data(as_text=True)
    page = client.get("/past").get_data(as_text=True)
    assert "Emergency lobby 2012" in page and "Thu 21 June 2012, 12:00 BST" in page


def test_lobby_page_shows_place_time_target_and_numbered_demands(app, client, campaign, make_lobby):
    slug = make_lobby(
        campaign,
        datetime(2031, 6, 20, 12),
        directions="Nearest tube South Kensington",
        target_id=campaign.target_id,
        demands=["Free Bolat Atabayev!", "End the dictatorship!"],
    )
    page = client.get(f"/lobbies/{slug}").get_data(as_text=True)
    assert "Fri 20 June 2031, 12:00 BST" in page
    assert "33 Thurloe Square, London SW7 2SD, United Kingdom" in page
    assert "Nearest tube South Kensington" in page
    assert "https://www.openstreetmap.org/search?query=33+Thurloe+Square" in page
    assert "<ol><li>Free Bolat Atabayev!</li><li>End the dictatorship!</li></ol>" in page
    assert "Embassy of Kazakhstan (embassy), addressed to the Ambassador" in page
    assert "Edit or move" not in page  # organiser controls are for its owners only


def test_a_lobby_with_coordinates_links_to_its_point_on_the_map(app, client, campaign, make_lobby):
    slug = make_lobby(campaign, latitude=51.4946, longitude=-0.1717)
    page = client.get(f"/lobbies/{slug}").get_data(as_text=True)
    assert "https://www.openstreetmap.org/?mlat=51.4946&amp;mlon=-0.1717" in page


def test_text_from_organisers_is_escaped(app, client, campaign, make_lobby):
    slug = make_lobby(campaign, title="<script>alert(1)</script>", demands=["<b>x</b>"])
    page = client.get(f"/lobbies/{slug}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<b>x</b>" not in page


def test_campaign_page_lists_upcoming_and_past_lobbies(app, client, campaign, make_lobby):
    make_lobby(campaign, datetime(2012, 3, 23, 12), title="Blood on your hands")
    make_lobby(campaign, datetime.now() + timedelta(days=9), title="Next lobby")
    page = client.get(f"/campaigns/{campaign.slug}").get_data(as_text=True)
    upcoming, past = page.split("<h2>Past lobbies</h2>")
    assert "Next lobby" in upcoming and "Blood on your hands" in past


def test_unknown_slugs_are_404_in_the_sites_layout(client):
    for url in ("/lobbies/nope", "/campaigns/nope", "/nope", "/lobbies/%00"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "There is nothing at this address." in response.get_data(as_text=True)


def test_nul_bytes_in_input_are_refused_not_a_500(client, organiser):
    assert client.get("/?campaign=%00").status_code == 400
    client.login(organiser.email)
    response = client.submit(
        "/organise/campaigns/new", {"name": "a\x00b", "organisation_name": "x"}
    )
    assert response.status_code == 400


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_a_request_body_over_the_limit_is_413(client, organiser):
    client.login(organiser.email)
    token = client.token("/organise/campaigns/new")
    response = client.post(
        "/organise/campaigns/new", data={"csrf_token": token, "description": "x" * 2_000_000}
    )
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_wrong_method_is_405_not_500(client, lobby):
    assert client.post(f"/lobbies/{lobby}").status_code in (400, 405)
    assert client.delete("/").status_code == 405


def test_a_database_failure_rolls_back_and_shows_a_friendly_500(
    app, client, campaign, find_lobby, make_lobby
):
    slug = make_lobby(campaign)

    @app.route("/boom")
    def boom():
        lobby = find_lobby(slug)
        lobby.title = "half-written"
        db.session.flush()
        raise RuntimeError("the database went away")

    response = client.get("/boom")
    assert response.status_code == 500
    assert "Nothing you sent was half-saved" in response.get_data(as_text=True)
    with app.app_context():
        assert find_lobby(slug).title == "Emergency lobby"


def test_a_database_that_cannot_be_reached_gives_a_503_page(app, tmp_path):
    gone = create_app({**app.config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/no/db"})
    client = gone.test_client()
    for path in ("/", "/lobbies/emergency-lobby", "/calendar.ics", "/petitions/a-petition"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert "cannot reach its database just now" in response.get_data(as_text=True)
    with client.session_transaction() as session:  # a signed-in organiser: no user to load
        session["_user_id"] = "1"
    response = client.get("/organise/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
