"""Proposals from local hosts: made, confirmed, approved into a lobby (once) or rejected; the
host's lobby found by their private link. Services flush; views commit."""

from collections.abc import Callable
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.hosting import tokens
from organiser.hosting.models import HostedLobby
from organiser.lobbies.models import Campaign, Lobby
from organiser.petitions.signing import current_language
from organiser.unique_rows import begin_writing

MAX_LISTED = 200  # proposals on the organisers' list page, newest first


class NotReady(Exception):
    """The proposal cannot be approved: its email is not confirmed, or it was rejected."""


def switch_hosting(campaign: Campaign, is_open: bool) -> None:
    """Open or close the campaign to hosts' proposals."""
    campaign.hosting_open = is_open
    db.session.flush()


def propose(campaign: Campaign, **fields) -> tuple[HostedLobby, str | None]:
    """A pending proposal of the campaign and its confirmation token (for the email only).

    The same proposal sent again (a reload, a double click, a host who lost the email: the
    same email, city and start, still pending) is that proposal: if unconfirmed, it takes the
    new answers, the language of this page and a new token (the older link stops working);
    if confirmed, no token."""
    forget_unconfirmed(current_app.config["CONFIRM_TOKEN_DAYS"])
    same = db.session.scalar(
        select(HostedLobby)
        .where(
            HostedLobby.campaign_id == campaign.id,
            HostedLobby.status == "pending",
            HostedLobby.host_email == fields["host_email"],
            HostedLobby.city == fields["city"],
            HostedLobby.starts_at == fields["starts_at"],
        )
        .order_by(HostedLobby.id)
        .limit(1)
    )
    if same is not None and same.is_confirmed:
        return same, None
    token, hashed = tokens.new_token(tokens.CONFIRM)
    if same is None:
        same = HostedLobby(campaign_id=campaign.id)
        db.session.add(same)
    for name, value in fields.items():
        setattr(same, name, value)
    same.language = current_language()  # the host's emails are written in it (emails.py)
    same.confirm_token_hash, same.created_at = hashed, utcnow()  # the link's age counts anew
    db.session.flush()
    return same, token


def forget_unconfirmed(days: int) -> None:
    """Delete the proposals whose host never confirmed within `days`: their link no longer
    works, and no one's email is kept for nothing."""
    db.session.execute(
        delete(HostedLobby).where(
            HostedLobby.status == "pending",
            HostedLobby.email_confirmed_at.is_(None),
            HostedLobby.created_at < utcnow() - timedelta(days=days),
        )
    )


def link_expired(proposal: HostedLobby, days: int) -> bool:
    """Whether an unconfirmed proposal's link is older than `days` (confirmed: never)."""
    return not proposal.is_confirmed and proposal.created_at < utcnow() - timedelta(days=days)


def _by_hash(column, purpose: str, token: str) -> HostedLobby | None:
    if not token or len(token) > tokens.MAX_LENGTH:
        return None
    return db.session.scalar(select(HostedLobby).where(column == tokens.token_hash(purpose, token)))


def by_confirm_token(token: str) -> HostedLobby | None:
    """The proposal a confirmation link is for, or None."""
    return _by_hash(HostedLobby.confirm_token_hash, tokens.CONFIRM, token)


def by_host_token(token: str) -> HostedLobby | None:
    """The approved hosted lobby a host's private link opens (its lobby still there), or None."""
    found = _by_hash(HostedLobby.host_token_hash, tokens.HOST, token)
    if found is None or found.status != "approved" or found.lobby is None:
        return None
    return found


def confirm_email(proposal: HostedLobby) -> bool:
    """Record that the host confirmed their email; False if it was confirmed already."""
    confirmed = db.session.execute(
        update(HostedLobby)
        .where(HostedLobby.id == proposal.id, HostedLobby.email_confirmed_at.is_(None))
        .values(email_confirmed_at=utcnow())
    ).rowcount
    db.session.refresh(proposal)
    return bool(confirmed)


def waiting_count(campaign_id: int) -> int:
    """Proposals ready for the organisers: pending, their email confirmed."""
    return db.session.scalar(
        select(func.count())
        .select_from(HostedLobby)
        .where(
            HostedLobby.campaign_id == campaign_id,
            HostedLobby.status == "pending",
            HostedLobby.email_confirmed_at.is_not(None),
        )
    )


def campaign_proposals(campaign_id: int) -> list[HostedLobby]:
    """The campaign's proposals, newest first (at most MAX_LISTED)."""
    return list(
        db.session.scalars(
            select(HostedLobby)
            .where(HostedLobby.campaign_id == campaign_id)
            .order_by(HostedLobby.created_at.desc(), HostedLobby.id.desc())
            .limit(MAX_LISTED)
        )
    )


def latest_demands(campaign_id: int) -> list:
    """The demands of the campaign's latest lobby (a day's demands are usually the same in
    every city): what an approved proposal's lobby starts with."""
    latest = db.session.scalar(
        select(Lobby)
        .where(Lobby.campaign_id == campaign_id)
        .order_by(Lobby.created_at.desc(), Lobby.id.desc())
        .limit(1)
    )
    return list(latest.demands) if latest is not None else []


def _decide(proposal: HostedLobby, status: str, confirmed_only: bool) -> bool:
    """Move a pending proposal (only a confirmed one if confirmed_only) to status; False if
    another request decided it first (of two racing decisions the second changes nothing)."""
    begin_writing()
    query = update(HostedLobby).where(
        HostedLobby.id == proposal.id, HostedLobby.status == "pending"
    )
    if confirmed_only:
        query = query.where(HostedLobby.email_confirmed_at.is_not(None))
    decided = db.session.execute(query.values(status=status, decided_at=utcnow())).rowcount
    db.session.refresh(proposal)
    return bool(decided)


def approve(proposal: HostedLobby, create: Callable[[], Lobby]) -> tuple[Lobby, str | None]:
    """Approve the proposal: create() makes its lobby, linked here, and the host gets a private
    link (its token returned for the email). Approved already (a double submit, a second tab):
    that lobby and no token. NotReady if unconfirmed or rejected."""
    if not _decide(proposal, "approved", confirmed_only=True):
        if proposal.status == "approved" and proposal.lobby is not None:
            return proposal.lobby, None
        raise NotReady(proposal.status)
    lobby = create()
    proposal.lobby_id = lobby.id
    token = new_host_link(proposal)
    return lobby, token


def new_host_link(proposal: HostedLobby) -> str:
    """A new private link for the host (the old one stops working); its token."""
    token, proposal.host_token_hash = tokens.new_token(tokens.HOST)
    db.session.flush()
    return token


def reject(proposal: HostedLobby) -> bool:
    """Reject a pending proposal (confirmed or not: spam is rejected unconfirmed); False if it
    was decided already."""
    return _decide(proposal, "rejected", confirmed_only=False)
