"""The reports' panels: a lobby's report on its page (and the organisers' link to write
it), the report of the day on the campaign pages (registered in organiser.reports.init_app)."""

from flask_login import current_user
from sqlalchemy import func, select

from organiser.extensions import db
from organiser.lobbies.models import Campaign, Lobby
from organiser.reports.models import LobbyReport
from organiser.reports.services import lobby_report


def lobby_panel(lobby: Lobby) -> dict | None:
    """The lobby's report, and whether the reader organises it; None if neither."""
    report = lobby_report(lobby)
    owner = current_user.is_authenticated and lobby.campaign.is_owned_by(current_user)
    if report is None and not owner:
        return None
    return {"lobby": lobby, "report": report, "owner": owner, "site": ""}


def report_count(campaign: Campaign) -> int:
    """How many of the campaign's lobbies have a report."""
    return db.session.scalar(
        select(func.count(LobbyReport.id))
        .join(LobbyReport.lobby)
        .where(Lobby.campaign_id == campaign.id)
    )


def campaign_panel(campaign: Campaign) -> dict | None:
    """The link to the report of the day, once a city has reported."""
    count = report_count(campaign)
    return {"campaign": campaign, "count": count} if count else None


def organise_panel(campaign: Campaign) -> dict:
    """The report of the day's page and feed, for the campaign's organisers."""
    return {"campaign": campaign, "count": report_count(campaign)}
