"""flask seed-demo: the campaign reports as demo data, loaded once."""

from sqlalchemy import func, select

from organiser.extensions import db
from organiser.letters.models import Delivery, Letter
from organiser.lobbies.models import Campaign, Lobby, Target
from organiser.petitions.counting import confirmed_count
from organiser.petitions.models import Petition


def counts():
    return tuple(
        db.session.scalar(select(func.count()).select_from(m)) for m in (Campaign, Target, Lobby)
    )


def test_seed_demo_loads_the_reports_once(app, runner, client, find_lobby):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "password:" in first.output
    with app.app_context():
        after_first = counts()
        emergency = find_lobby("london-2012-06-21-emergency-lobby")
        assert emergency.local_start.strftime("%A %d %B %Y %H:%M %Z") == (
            "Thursday 21 June 2012 12:00 BST"
        )
        assert emergency.address == "33 Thurloe Square" and emergency.postcode == "SW7 2SD"
        assert emergency.directions == "Nearest tube South Kensington"
        assert emergency.demands[0].text.startswith("Demand the immediate release of Bolat")
        cities = {
            lobby.city: lobby.timezone
            for lobby in db.session.scalars(
                select(Lobby).where(Lobby.slug.startswith("day-of-action-"))
            )
        }
        kinds = set(db.session.scalars(select(Target.kind)))
    assert cities == {
        "London": "Europe/London",
        "Berlin": "Europe/Berlin",
        "Brussels": "Europe/Brussels",
        "Vienna": "Europe/Vienna",
        "Graz": "Europe/Vienna",
        "Stockholm": "Europe/Stockholm",
        "Mansfield": "Europe/London",
    }
    assert kinds == {"embassy", "consulate", "honorary_consulate", "company"}
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and "0 lobbies added" in second.output
    with app.app_context():
        assert counts() == after_first
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Letter)) == 2
        # Two letters handed in at past London lobbies, three on the 2011 day (Berlin's to
        # the Deputy Ambassador); in 2016 the embassy locked its doors: no delivery, a state.
        assert db.session.scalar(select(func.count()).select_from(Delivery)) == 5
        assert db.session.scalar(select(Lobby).where(Lobby.latitude.is_(None))) is None
        petition = db.session.scalar(select(Petition))
        assert confirmed_count(petition.id) == 6
    berlin = client.get("/lobbies/day-of-action-berlin").get_data(as_text=True)
    assert "letter.pdf?lang=ru" in berlin and f"/petitions/{petition.slug}" in berlin
    page = client.get("/lobbies/london-2016-05-26-land-and-democratic-rights")
    assert "The embassy locked its doors" in page.get_data(as_text=True)
    report = client.get("/campaigns/day-of-action-2011/report").get_data(as_text=True)
    for city in ("London", "Berlin", "Brussels", "Vienna", "Graz", "Stockholm", "Luleå"):
        assert city in report
    assert "The Deputy Ambassador accepted the protest letters" in report
    assert "Doors locked" in report
    day = client.get("/campaigns/international-day-of-action").get_data(as_text=True)
    assert "Host a lobby in your city" in day
    home = client.get("/").get_data(as_text=True)
    assert "Day of action: Graz" in home and "Day of action: Mansfield" in home
    login = dict(line.split(": ") for line in first.output.splitlines() if ": " in line)
    assert client.login(login["email"], login["password"]).status_code == 302
