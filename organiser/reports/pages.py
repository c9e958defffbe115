"""What the report pages show: a campaign's reports in the order each city read its clock,
the lobbies still to report, and the validators of the reports' feed."""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from organiser.board.models import STATES
from organiser.board.states import current_states
from organiser.extensions import db
from organiser.lobbies.models import Campaign, Lobby
from organiser.reports.models import LobbyReport, ReportPhoto


def local_order(lobby: Lobby) -> tuple:
    """Sort key: the venue's local date and wall time (Sydney's noon before London's 13:00,
    whatever their instants), then the instant."""
    return (lobby.local_start.replace(tzinfo=None), lobby.starts_at)


@dataclass(frozen=True)
class ReportDay:
    """One local date of a campaign's reports."""

    day: date
    reports: list[LobbyReport]


def campaign_reports(campaign: Campaign) -> list[LobbyReport]:
    """The campaign's reports, with lobby, target and photos (not their bytes), in local order."""
    reports = db.session.scalars(
        select(LobbyReport)
        .join(LobbyReport.lobby)
        .where(Lobby.campaign_id == campaign.id)
        .options(
            joinedload(LobbyReport.lobby).joinedload(Lobby.target),
            selectinload(LobbyReport.photos).joinedload(ReportPhoto.photo),
        )
    ).all()
    return sorted(reports, key=lambda report: local_order(report.lobby))


def by_local_date(reports: list[LobbyReport]) -> list[ReportDay]:
    """Reports (already in local order) under their lobbies' local dates."""
    days: dict[date, list[LobbyReport]] = {}
    for report in reports:
        days.setdefault(report.lobby.local_start.date(), []).append(report)
    return [ReportDay(day, found) for day, found in days.items()]


def day_states(reports: list[LobbyReport]) -> dict[int, str]:
    """Each reported lobby's state on the board, as read ("Doors locked"), if one was set."""
    changes = current_states([report.lobby_id for report in reports])
    return {lobby_id: STATES[change.state] for lobby_id, change in changes.items()}


def still_to_report(campaign: Campaign, reported: list[LobbyReport], now: datetime) -> list:
    """The campaign's lobbies that have taken place (not cancelled) with no report yet."""
    done = {report.lobby_id for report in reported}
    lobbies = db.session.scalars(
        select(Lobby).where(
            Lobby.campaign_id == campaign.id,
            Lobby.ends_at < now,
            Lobby.status != "cancelled",
        )
    ).all()
    return sorted((lobby for lobby in lobbies if lobby.id not in done), key=local_order)


def feed_etag(campaign: Campaign) -> str:
    """The reports feed's ETag: changes with any report, lobby or campaign name it shows."""
    count, reports_changed, lobbies_changed = db.session.execute(
        select(
            func.count(LobbyReport.id),
            func.max(LobbyReport.updated_at),
            func.max(Lobby.updated_at),
        )
        .join(LobbyReport.lobby)
        .where(Lobby.campaign_id == campaign.id)
    ).one()
    state = f"{campaign.id}|{campaign.name}|{count}|{reports_changed}|{lobbies_changed}"
    return "reports-" + hashlib.sha256(state.encode()).hexdigest()[:24]
