"""The subscribe page's filters (a GET form: nothing is changed, so no CSRF token)."""

from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField

from organiser.extensions import db
from organiser.lobbies.models import Campaign, Lobby
from organiser.lobbies.places import country_name


class SubscribeForm(FlaskForm):
    """Narrow the feed to a campaign, a country, a city (each optional)."""

    campaign = SelectField("Campaign", validate_choice=True)
    country = SelectField("Country", validate_choice=True)
    city = SelectField("City", validate_choice=True)


def filter_choices() -> tuple[list, list, list]:
    """Campaigns, countries and cities that have lobbies, each with an "any" first."""
    campaigns = db.session.execute(select(Campaign.slug, Campaign.name).order_by(Campaign.name))
    places = db.session.execute(select(Lobby.country, Lobby.city).distinct()).all()
    countries = sorted({code for code, _ in places}, key=country_name)
    cities = sorted({city for _, city in places}, key=str.casefold)
    return (
        [("", "All campaigns")] + [(slug, name) for slug, name in campaigns],
        [("", "All countries")] + [(code, country_name(code)) for code in countries],
        [("", "All cities")] + [(city, city) for city in cities],
    )
