"""Pages made of several features' sections: each feature registers a panel (a template and a
function giving its context) from its init_app; the page's view gathers them. The lobbies
package, whose pages carry the panels, knows none of the features that add them, and the
panels' templates never query the database."""

from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import select

from organiser.extensions import db
from organiser.letters import services as letter_services
from organiser.lobbies.models import Campaign, Lobby
from organiser.panels import register_panel
from organiser.petitions.services import create_petition

ROOT = Path(__file__).resolve().parent.parent
# Every feature package whose init_app registers a panel (found, not listed: a new one counts).
FEATURES_THAT_ADD_PANELS = sorted(
    init.parent.name
    for init in (ROOT / "organiser").glob("*/__init__.py")
    if "register_panel(" in init.read_text()
)


def test_the_features_that_add_panels_are_found():
    assert {"feeds", "letters", "petitions", "board", "hosting", "reports"} <= set(
        FEATURES_THAT_ADD_PANELS
    )


def test_a_panel_a_feature_registers_shows_on_the_lobby_page_in_its_order(app, client, lobby):
    app.jinja_env.loader = ChoiceLoader(
        [DictLoader({"tests/_weather.html": "<p id=weather>{{ forecast }}</p>"}), app.jinja_loader]
    )
    register_panel(app, "lobby", "tests/_weather.html", lambda lobby: {"forecast": lobby.city}, 1)
    page = client.get(f"/lobbies/{lobby}").get_data(as_text=True)
    assert "<p id=weather>London</p>" in page
    assert page.index("id=weather") < page.index("Add to calendar")


def test_a_panel_whose_context_function_returns_none_is_left_out(app, client, lobby):
    app.jinja_env.loader = ChoiceLoader(
        [DictLoader({"tests/_nothing.html": "<p id=nothing></p>"}), app.jinja_loader]
    )
    register_panel(app, "lobby", "tests/_nothing.html", lambda lobby: None)
    assert "id=nothing" not in client.get(f"/lobbies/{lobby}").get_data(as_text=True)


def test_registering_a_panel_again_replaces_it(app, client, lobby):
    app.jinja_env.loader = ChoiceLoader(
        [DictLoader({"tests/_count.html": "<p class=again></p>"}), app.jinja_loader]
    )
    for order in (1, 2):
        register_panel(app, "lobby", "tests/_count.html", lambda lobby: {}, order)
    assert client.get(f"/lobbies/{lobby}").get_data(as_text=True).count("class=again") == 1


@pytest.mark.parametrize("path", sorted((ROOT / "organiser" / "lobbies").glob("*.py")), ids=str)
def test_the_lobbies_package_imports_none_of_the_features_that_add_to_its_pages(path, imports_of):
    for module in imports_of(path):
        for feature in FEATURES_THAT_ADD_PANELS:
            assert not module.startswith(f"organiser.{feature}"), module


@pytest.mark.parametrize("path", sorted((ROOT / "templates" / "lobbies").glob("*.html")), ids=str)
def test_the_lobby_and_campaign_templates_name_no_other_features_template(path):
    text = path.read_text()
    for feature in FEATURES_THAT_ADD_PANELS:
        assert f'"{feature}/' not in text and f"'{feature}/" not in text


LETTER = dict(
    language="en",
    subject="Release the political prisoners",
    opening="Your Excellency,",
    body="We ask you to pass our demands to your government.",
    closing="Yours sincerely,",
    signatories="Campaign Kazakhstan",
)


@pytest.fixture
def letters_and_delivery(app, campaign, lobby):
    """The campaign's letter, the lobby's own German version, and the lobby's delivery."""
    with app.app_context():
        owner = db.session.get(Campaign, campaign.id)
        found = db.session.scalar(select(Lobby).where(Lobby.slug == lobby))
        letter_services.save_letter(None, owner, None, **LETTER)
        letter_services.save_letter(None, owner, found, **{**LETTER, "language": "de"})
        letter_services.record_delivery(
            found, delivered_at=found.starts_at, received_by="the Consul", notes=""
        )
        db.session.commit()


@pytest.fixture
def petition(app, campaign):
    """An open petition of the campaign."""
    with app.app_context():
        owner = db.session.get(Campaign, campaign.id)
        create_petition(owner, title="Free them", text="Release them.", goal=100)
        db.session.commit()


PANEL_TEMPLATES = {
    "feeds/_lobby_calendar.html",
    "feeds/_campaign_calendar.html",
    "letters/_lobby_letter.html",
    "letters/_organise_campaign.html",
    "petitions/_lobby_petition.html",
    "petitions/_campaign_petitions.html",
    "petitions/_organise_campaign.html",
}


def test_the_lobby_campaign_and_organiser_pages_show_every_panel_without_querying_in_it(
    client, organiser, campaign, lobby, letters_and_delivery, petition, queries_while_rendering
):
    client.login(organiser.email)
    lobby_page = client.get(f"/lobbies/{lobby}").get_data(as_text=True)
    for heading in ("Add to calendar", ">Letter<", "received by the Consul", ">Petition<"):
        assert heading in lobby_page
    campaign_page = client.get(f"/campaigns/{campaign.slug}").get_data(as_text=True)
    for heading in ("Follow this campaign in your calendar", ">Petitions<"):
        assert heading in campaign_page
    organise_page = client.get(f"/organise/campaigns/{campaign.slug}").get_data(as_text=True)
    for heading in (">Letter<", "Lobbies with their own letter", ">Petitions<", "Free them"):
        assert heading in organise_page
    assert set(queries_while_rendering.rendered) >= PANEL_TEMPLATES
    assert queries_while_rendering.queries == []
