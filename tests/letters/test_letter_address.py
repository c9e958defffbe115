"""The letter's recipient block writes the target's address in its country's order."""

from organiser.extensions import db
from organiser.lobbies.models import Target
from tests.letters.test_routes import pdf_text


def test_london_and_berlin_recipients(app, client, campaign, lobby, add_letter):
    add_letter(campaign)
    english = pdf_text(client.get(f"/lobbies/{lobby}/letter.pdf"))
    assert "33 Thurloe Square\nLondon SW7 2SD\nUnited Kingdom" in english
    with app.app_context():
        target = db.session.get(Target, campaign.target_id)
        target.address, target.postcode, target.city = "Nordsternstraße 2", "10117", "Berlin"
        target.country = "DE"
        db.session.commit()
    german = pdf_text(client.get(f"/lobbies/{lobby}/letter.pdf"))
    assert "Nordsternstraße 2\n10117 Berlin\nGermany" in german


def test_a_target_in_an_unknown_country_without_a_city_still_gets_its_letter(
    app, client, campaign, lobby, add_letter
):
    add_letter(campaign)
    with app.app_context():
        target = db.session.get(Target, campaign.target_id)
        target.city, target.country = "", "ZZ"
        db.session.commit()
    response = client.get(f"/lobbies/{lobby}/letter.pdf")
    assert response.status_code == 200
    assert "33 Thurloe Square\nSW7 2SD" in pdf_text(response)
