"""flask seed-demo: the campaign reports as demo data, loaded once."""

from sqlalchemy import func, select

from organiser.extensions import db
from organiser.lobbies.models import Campaign, Lobby, Target
from tests.conftest import find_lobby


def counts():
    return tuple(
        db.session.scalar(select(func.count()).select_from(m)) for m in (Campaign, Target, Lobby)
    )


def test_seed_demo_loads_the_reports_once(app, runner, client):
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
    home = client.get("/").get_data(as_text=True)
    assert "Day of action: Graz" in home and "Day of action: Mansfield" in home
    login = dict(line.split(": ") for line in first.output.splitlines() if ": " in line)
    assert client.login(login["email"], login["password"]).status_code == 302
