"""The subscribe page's filters (a GET form: nothing is changed, so no CSRF token)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField

from organiser.extensions import db
from organiser.lobbies.localtime import reader_language
from organiser.lobbies.models import Campaign, Lobby
from organiser.lobbies.places import local_country_name, sort_key

FILTERS = ("campaign", "country", "city")


class SubscribeForm(FlaskForm):
    """Narrow the feed to a campaign, a country, a city (each optional: a filter not given,
    as on the first load or from a link that sets only some, means all)."""

    campaign = SelectField(_l("Campaign"), default="", validate_choice=True)
    country = SelectField(_l("Country"), default="", validate_choice=True)
    city = SelectField(_l("City"), default="", validate_choice=True)

    def chosen(self) -> dict[str, str]:
        """The filters given and known, read as the feeds read them (a country code in any
        case, a city in any case or spacing); an unknown one gets its error next to it and
        narrows nothing, while the others still apply."""
        self.campaign.data = (self.campaign.data or "").strip()
        self.country.data = (self.country.data or "").strip().upper()
        city = " ".join((self.city.data or "").split()).casefold()
        known = (value for value, _label in self.city.choices if value.casefold() == city)
        self.city.data = next(known, self.city.data)
        self.validate()
        return {
            name: self[name].data for name in FILTERS if self[name].data and not self[name].errors
        }


def filter_choices() -> tuple[list, list, list]:
    """Campaigns, countries and cities that have lobbies, each with an "any" first; countries
    named and in order in the reader's language."""
    campaigns = db.session.execute(select(Campaign.slug, Campaign.name).order_by(Campaign.name))
    places = db.session.execute(select(Lobby.country, Lobby.city).distinct()).all()
    language = reader_language()
    names = {code: local_country_name(code, language) for code, _city in places}
    countries = sorted(names, key=lambda code: (sort_key(names[code], language), names[code]))
    cities = sorted({city for _code, city in places}, key=str.casefold)
    return (
        [("", _("All campaigns"))] + [(slug, name) for slug, name in campaigns],
        [("", _("All countries"))] + [(code, names[code]) for code in countries],
        [("", _("All cities"))] + [(city, city) for city in cities],
    )
