"""Lists of lobbies as supporters read them: narrowed to a country or a city (plain links,
?country=GB, ?city=London), and the places a list offers to narrow it to."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from organiser.extensions import db
from organiser.lobbies.localtime import reader_language
from organiser.lobbies.models import Lobby
from organiser.lobbies.places import countries, local_country_name, sort_key

MAX_CITY = 100  # Lobby.city's length: a longer ?city= names no city


@dataclass(frozen=True)
class Place:
    """What a list is narrowed to: an ISO country code and a city, each "" for all."""

    country: str = ""
    city: str = ""

    def keeps(self, lobby) -> bool:
        """Whether a lobby is in this place (cities compared without case)."""
        if self.country and lobby.country != self.country:
            return False
        return not self.city or lobby.city.casefold() == self.city.casefold()

    def args(self) -> dict[str, str]:
        """The query string's arguments for this place (only those that narrow)."""
        return {name: value for name, value in vars(self).items() if value}

    def describe(self) -> str:
        """The place in words (the country's name in the reader's language), for a heading or
        an empty list's message."""
        parts = (self.city, local_country_name(self.country) if self.country else "")
        return ", ".join(part for part in parts if part)


def place_filter(args) -> Place:
    """The place from ?country= and ?city=; a country code that names no country, or a city
    longer than any city, is 404 (no such address)."""
    country = args.get("country", "").strip().upper()
    if country and country not in countries():
        abort(404)
    city = " ".join(args.get("city", "").split())
    if len(city) > MAX_CITY:
        abort(404)
    return Place(country, city)


def place_choices(lobbies, place: Place) -> tuple[list, list]:
    """Countries the lobbies are in (code, name in the reader's language), and the cities
    (within the chosen country, if one is chosen), each sorted by name."""
    codes = {lobby.country for lobby in lobbies}
    cities = {
        lobby.city for lobby in lobbies if not place.country or lobby.country == place.country
    }
    return (
        sorted(
            ((code, local_country_name(code)) for code in codes),
            key=lambda pair: (sort_key(pair[1], reader_language()), pair[1]),
        ),
        sorted(cities, key=str.casefold),
    )


def campaign_lobbies(campaign_id: int) -> list:
    """Every lobby of a campaign with its target loaded (the list shows it), soonest first."""
    return db.session.scalars(
        select(Lobby)
        .options(selectinload(Lobby.target))
        .where(Lobby.campaign_id == campaign_id)
        .order_by(Lobby.starts_at, Lobby.id)
    ).all()
