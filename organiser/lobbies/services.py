"""Creating and changing campaigns, targets and lobbies. Services flush; views commit."""

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from organiser.extensions import db
from organiser.lobbies.models import Campaign, Demand, Lobby, Target, campaign_owner
from organiser.unique_rows import attempt, insert_with_slug

# A change to any of these is a change subscribers' calendars must pick up.
CALENDAR_FIELDS = (
    "title",
    "venue",
    "address",
    "postcode",
    "city",
    "country",
    "latitude",
    "longitude",
    "timezone",
    "starts_at",
    "ends_at",
    "status",
)


def calendar_uid() -> str:
    """A calendar UID, fixed for the life of a lobby, in the site's own domain."""
    domain = current_app.config["SITE_URL"].split("://", 1)[-1].split("/")[0].split(":")[0]
    return f"{uuid.uuid4()}@{domain}"


def create_campaign(owner, **fields) -> Campaign:
    """A new campaign owned by the organiser who made it, with a slug from its name."""
    return insert_with_slug(
        Campaign, fields["name"], lambda slug: Campaign(slug=slug, owners=[owner], **fields)
    )


def add_owner(campaign: Campaign, organiser) -> bool:
    """Share the campaign with another organiser; False if they own it already (also when a
    share racing this one added them first: the table's primary key decides)."""
    if campaign.is_owned_by(organiser):
        return False
    pair = {"campaign_id": campaign.id, "organiser_id": organiser.id}
    held = select(campaign_owner).filter_by(**pair)
    added = attempt(
        lambda: db.session.execute(insert(campaign_owner).values(pair)),
        lambda: db.session.execute(held).first() is not None,
    )
    db.session.expire(campaign, ["owners"])
    return added


def update(thing, **fields) -> None:
    """Set the given fields on a campaign or target."""
    for name, value in fields.items():
        setattr(thing, name, value)
    db.session.flush()


def create_target(campaign: Campaign, **fields) -> Target:
    """A new target of the campaign."""
    target = Target(campaign=campaign, **fields)
    db.session.add(target)
    db.session.flush()
    return target


def set_demands(lobby: Lobby, lines: list[str]) -> None:
    """Replace the lobby's demands, kept in the given order (rows updated in place)."""
    for position, text in enumerate(lines, start=1):
        if position <= len(lobby.demands):
            lobby.demands[position - 1].text = text
        else:
            lobby.demands.append(Demand(position=position, text=text))
    del lobby.demands[len(lines) :]


def create_lobby(campaign: Campaign, demands: list[str], slug: str = "", **fields) -> Lobby:
    """A new scheduled lobby with a fresh calendar UID and a slug that never changes (from its
    city, local date and title unless given)."""
    uid = calendar_uid()

    def build(slug: str) -> Lobby:
        lobby = Lobby(campaign_id=campaign.id, slug=slug, uid=uid, **fields)
        set_demands(lobby, demands)
        return lobby

    if slug:
        lobby = build(slug)
        db.session.add(lobby)
        db.session.flush()
        return lobby
    local_date = fields["starts_at"].astimezone(ZoneInfo(fields["timezone"]))
    return insert_with_slug(
        Lobby, f"{fields['city']} {local_date:%Y-%m-%d} {fields['title']}", build
    )


def update_lobby(lobby: Lobby, demands: list[str], **fields) -> None:
    """Change a lobby; its SEQUENCE goes up when calendars must show the change."""
    if any(
        _changed(getattr(lobby, name), fields[name]) for name in CALENDAR_FIELDS if name in fields
    ):
        lobby.sequence += 1
    for name, value in fields.items():
        setattr(lobby, name, value)
    set_demands(lobby, demands)
    db.session.flush()


def _changed(old, new) -> bool:
    """Whether a field really changed (None and "" are the same; instants compare as instants)."""
    return (old if old is not None else "") != (new if new is not None else "")


def cancel_lobby(lobby: Lobby, reason: str) -> None:
    """Call a lobby off; it stays in feeds, marked cancelled."""
    update_lobby(lobby, [d.text for d in lobby.demands], status="cancelled")
    lobby.cancellation_reason = reason


def reinstate_lobby(lobby: Lobby) -> None:
    """Put a cancelled lobby back on."""
    update_lobby(lobby, [d.text for d in lobby.demands], status="scheduled")
    lobby.cancellation_reason = ""


def upcoming_lobbies(now: datetime):
    """Lobbies not yet over, soonest first."""
    return db.session.scalars(
        select(Lobby)
        .options(selectinload(Lobby.campaign))
        .where(Lobby.ends_at >= now)
        .order_by(Lobby.starts_at, Lobby.id)
    ).all()


def past_lobbies(now: datetime):
    """Lobbies that are over, most recent first."""
    return db.session.scalars(
        select(Lobby)
        .options(selectinload(Lobby.campaign))
        .where(Lobby.ends_at < now)
        .order_by(Lobby.starts_at.desc(), Lobby.id)
    ).all()
