"""Deleting lobbies, targets and campaigns, and counting first what goes with each. Services
flush; views commit.

Rows of other features hang off lobbies and campaigns by foreign keys with ON DELETE CASCADE
(or SET NULL where the row must survive), so the database removes them with their lobby or
campaign in the same transaction; the confirmation page counts them from the same keys.
"""

from dataclasses import dataclass, field

from flask_babel import ngettext
from sqlalchemy import delete, func, select

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.lobbies.models import Campaign, Lobby, Target
from organiser.lobbies.tombstones import bury

# Tables whose rows are a lobby's own and go with it, named (with their number, in the
# reader's language) for the confirmation page; caches (a lobby's built VEVENT, its rendered
# letters) are left out. A new feature's table shows under its own name until it is named here.
LOBBY_PARTS = {
    "demand": lambda n: ngettext("%(num)d demand", "%(num)d demands", n),
    "letter": lambda n: ngettext(
        "%(num)d letter text of its own", "%(num)d letter texts of its own", n
    ),
    "delivery": lambda n: ngettext("%(num)d delivery record", "%(num)d delivery records", n),
    "lobby_state_change": lambda n: ngettext(
        "%(num)d change of state on the board", "%(num)d changes of state on the board", n
    ),
    "lobby_report": lambda n: ngettext("%(num)d report", "%(num)d reports", n),
    "hosted_lobby": lambda n: ngettext(
        "%(num)d local host's link to it", "%(num)d local hosts' links to it", n
    ),
}
NOT_SHOWN = {"lobby_event", "letter_pdf"}


def part_of_lobby(table: str, n: int) -> str:
    """n rows of a lobby's own table in words, e.g. "2 demands"."""
    if table in LOBBY_PARTS:
        return LOBBY_PARTS[table](n)
    name = table.replace("_", " ")
    return ngettext("%(num)d %(name)s", "%(num)d %(name)s rows", n, name=name)


@dataclass
class Losses:
    """What deleting something takes with it (counts by table or kind; parts: each in words),
    and what it leaves."""

    counts: dict[str, int] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)
    upcoming: bool = False


def count(stmt) -> int:
    """The number of rows a select(func.count()) statement counts."""
    return db.session.scalar(stmt) or 0


def lobby_losses(lobby: Lobby) -> Losses:
    """A lobby's demands and the rows of other features that are its own (counted by table,
    and in words: "1 demand"); whether calendars will show it cancelled. (Petitions belong to
    the campaign: their panel on the page says so.)"""
    losses = Losses()
    for table in db.metadata.sorted_tables:
        if table.name in NOT_SHOWN:
            continue
        for key in table.foreign_keys:
            if key.column.table.name == "lobby" and key.ondelete == "CASCADE":
                n = count(select(func.count()).select_from(table).where(key.parent == lobby.id))
                if n:
                    losses.counts[table.name] = n
                    losses.parts.append(part_of_lobby(table.name, n))
    losses.upcoming = lobby.ends_at >= utcnow()
    return losses


def target_losses(target: Target) -> Losses:
    """The lobbies that name the target (they stay, naming no target)."""
    lobbies = select(func.count(Lobby.id)).where(Lobby.target_id == target.id)
    return Losses(counts={"lobbies": count(lobbies)})


def campaign_losses(campaign: Campaign) -> Losses:
    """The campaign's lobbies (how many not over yet) and targets; other features' panels
    count their own (petitions and signatures)."""
    now = utcnow()
    of_campaign = Lobby.campaign_id == campaign.id
    counts = {
        "lobbies": count(select(func.count(Lobby.id)).where(of_campaign)),
        "upcoming": count(select(func.count(Lobby.id)).where(of_campaign, Lobby.ends_at >= now)),
        "targets": count(select(func.count(Target.id)).where(Target.campaign_id == campaign.id)),
    }
    return Losses(counts=counts)


def delete_lobby(lobby: Lobby) -> None:
    """Delete a lobby and what is its own; calendars get a cancelled event until its end.
    Petitions belong to the campaign, so no signature goes with it."""
    bury(Lobby.id == lobby.id)
    db.session.delete(lobby)
    db.session.flush()


def delete_target(target: Target) -> None:
    """Delete a target; its lobbies and petitions stay, naming no target (SET NULL)."""
    db.session.delete(target)
    db.session.flush()


def delete_campaign(campaign: Campaign) -> None:
    """Delete a campaign with its lobbies (each leaving a cancelled event for calendars),
    targets, petitions and signatures, in statements whose number does not grow with them."""
    bury(Lobby.campaign_id == campaign.id)
    db.session.execute(delete(Campaign).where(Campaign.id == campaign.id))
