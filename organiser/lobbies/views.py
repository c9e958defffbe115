"""Public pages: upcoming and past lobbies, one lobby, one campaign (with the panels other
features add to them)."""

from flask import Blueprint, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.lobbies.day_list import campaign_list
from organiser.lobbies.listing import place_choices, place_filter
from organiser.lobbies.localtime import by_local_day
from organiser.lobbies.models import Campaign, Lobby
from organiser.lobbies.services import past_lobbies, upcoming_lobbies
from organiser.panels import panels

bp = Blueprint("public", __name__)


@bp.route("/")
def home():
    """Upcoming lobbies by local day, in each venue's wall-clock order; ?country=, ?city=."""
    place = place_filter(request.args)
    lobbies = upcoming_lobbies(utcnow())
    countries, cities = place_choices(lobbies, place)
    return render_template(
        "lobbies/home.html",
        days=by_local_day(lobby for lobby in lobbies if place.keeps(lobby)),
        place=place,
        countries=countries,
        cities=cities,
    )


@bp.route("/past")
def past():
    """Lobbies that have taken place, most recent first."""
    return render_template("lobbies/past.html", lobbies=past_lobbies(utcnow()))


@bp.route("/lobbies/<slug>")
def lobby(slug: str):
    """One lobby: place, local time, demands, target, status; then the features' panels."""
    found = db.first_or_404(
        select(Lobby)
        .options(selectinload(Lobby.demands), joinedload(Lobby.target))
        .where(Lobby.slug == slug)
    )  # everything the page shows loaded here: templates never query
    sections = panels("lobby", lobby=found)
    return render_template("lobbies/lobby.html", lobby=found, now=utcnow(), panels=sections)


@bp.route("/campaigns/<slug>")
def campaign(slug: str):
    """The campaign's day-of-action page: the features' panels, its map, and every lobby
    under its local date, upcoming then past; ?country= and ?city= narrow the list."""
    found = db.first_or_404(select(Campaign).where(Campaign.slug == slug))
    place = place_filter(request.args)
    return render_template(
        "lobbies/campaign.html",
        campaign=found,
        place=place,
        lobby_list=campaign_list(found.id, place, utcnow()),
        panels=panels("campaign", campaign=found),
    )
