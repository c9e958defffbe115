"""Public pages: upcoming and past lobbies, one lobby, one campaign (with the panels other
features add to them)."""

from flask import Blueprint, render_template
from sqlalchemy import select

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.lobbies.localtime import by_local_day
from organiser.lobbies.models import Campaign, Lobby
from organiser.lobbies.services import past_lobbies, upcoming_lobbies
from organiser.panels import panels

bp = Blueprint("public", __name__)


@bp.route("/")
def home():
    """Upcoming lobbies by day, soonest first, each at its local date and time."""
    return render_template("lobbies/home.html", days=by_local_day(upcoming_lobbies(utcnow())))


@bp.route("/past")
def past():
    """Lobbies that have taken place, most recent first."""
    return render_template("lobbies/past.html", lobbies=past_lobbies(utcnow()))


@bp.route("/lobbies/<slug>")
def lobby(slug: str):
    """One lobby: place, local time, demands, target, status; then the features' panels."""
    found = db.first_or_404(select(Lobby).where(Lobby.slug == slug))
    sections = panels("lobby", lobby=found)
    return render_template("lobbies/lobby.html", lobby=found, now=utcnow(), panels=sections)


@bp.route("/campaigns/<slug>")
def campaign(slug: str):
    """A campaign, the features' panels, and its lobbies, upcoming and past."""
    found = db.first_or_404(select(Campaign).where(Campaign.slug == slug))
    now = utcnow()
    return render_template(
        "lobbies/campaign.html",
        campaign=found,
        upcoming=[lobby for lobby in found.lobbies if lobby.ends_at >= now],
        past=[lobby for lobby in reversed(found.lobbies) if lobby.ends_at < now],
        panels=panels("campaign", campaign=found),
    )
