"""The petition page's breakdowns single nobody out: a country or town with fewer than five
signers is counted under "other", never named, whether or not the signer chose to be shown."""

from datetime import timedelta

from organiser.extensions import db
from organiser.petitions import signing
from organiser.petitions.models import Petition, Signature

SIGNERS = [
    *[("London", "GB")] * 3,
    *[("london ", "GB")] * 2,  # one town, however it is typed
    *[("Paris", "FR")] * 4,
    ("Tiny Village", "KZ"),  # the one signer from there, not shown by name
]


def confirmed_signatures(app, petition, places) -> None:
    """Confirmed signatures from these (town, country) pairs, none shown by name."""
    with app.app_context():
        found = db.session.get(Petition, petition.id)
        for i, (city, country) in enumerate(places):
            fields = {"name": f"Signer {i}", "email": f"s{i}@example.org"}
            result = signing.sign(
                found, {**fields, "city": city, "country": country}, None, timedelta(minutes=1)
            )
            signing.confirm(db.session.get(Signature, result.signature_id))
        db.session.commit()


def test_small_towns_and_countries_are_counted_as_other_not_named(app, client, petition):
    confirmed_signatures(app, petition, SIGNERS)
    page = client.get(f"/petitions/{petition.slug}").get_data(as_text=True)
    assert "London: 5" in page and "United Kingdom: 5" in page
    for small in ("Tiny Village", "Paris: 4", "France: 4", "Kazakhstan: 1"):
        assert small not in page
    assert "Other places: 5" in page and "Other countries: 5" in page


def test_a_lone_signer_is_never_a_cell_of_their_own(app, client, petition):
    confirmed_signatures(app, petition, [("Tiny Village", "KZ")])
    page = client.get(f"/petitions/{petition.slug}").get_data(as_text=True)
    assert "Tiny Village" not in page and "Kazakhstan: 1" not in page
    assert "Other places: 1" in page and "Other countries: 1" in page
