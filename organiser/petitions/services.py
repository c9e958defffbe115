"""Petitions: creating and editing them, and which petition is a lobby's. Services flush;
views commit. Their count is counting.py's.
"""

from datetime import datetime

from sqlalchemy import delete, func, select

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.lobbies.models import Campaign, Lobby
from organiser.petitions.counting import add_slots, counted_signatures
from organiser.petitions.models import Petition, Signature
from organiser.unique_rows import insert_with_slug


def create_petition(campaign: Campaign, **fields) -> Petition:
    """A new petition of the campaign, with a slug from its title and its counter slots at zero."""
    petition = insert_with_slug(
        Petition, fields["title"], lambda slug: Petition(campaign=campaign, slug=slug, **fields)
    )
    add_slots(petition.id)
    return petition


def update_petition(petition: Petition, **fields) -> None:
    """Change a petition's text, target, goal, dates or status (closing dates it now)."""
    for name, value in fields.items():
        setattr(petition, name, value)
    now = utcnow()
    if petition.status == "closed" and (petition.closes_at is None or petition.closes_at > now):
        petition.closes_at = now
    db.session.flush()


def delete_petition(petition: Petition) -> None:
    """Delete a petition; its signatures, count and outbox go with it (ON DELETE CASCADE), in
    one statement however many signed."""
    db.session.execute(delete(Petition).where(Petition.id == petition.id))


def signature_rows(petition_id: int) -> int:
    """Every signature of a petition, confirmed or not (what deleting it takes)."""
    stmt = select(func.count(Signature.id)).where(Signature.petition_id == petition_id)
    return db.session.scalar(stmt) or 0


def petitions_to(target_id: int) -> int:
    """How many petitions are addressed to this target."""
    stmt = select(func.count(Petition.id)).where(Petition.target_id == target_id)
    return db.session.scalar(stmt) or 0


def campaign_petitions(campaign_id: int) -> list[Petition]:
    """A campaign's petitions, newest first."""
    query = select(Petition).where(Petition.campaign_id == campaign_id)
    return list(db.session.scalars(query.order_by(Petition.created_at.desc(), Petition.id.desc())))


def lobby_petition(lobby: Lobby, now: datetime | None = None) -> Petition | None:
    """The lobby's petition: the one its page shows, whose signatures its letter annexes and
    whose page the letter's QR code opens. Everything that names a lobby's petition asks here.

    - A lobby with a target: the campaign's petition to that target, one taking signatures
      now before one closed or not open yet (a lobby hands in its target's petition even
      after it closed), newest first; else the newest open petition to no one in particular.
      A petition to another target is never the lobby's: its signatures are not for this one.
    - A lobby without a target: the newest open petition, one to no one in particular first.
    - Else none: a closed petition not addressed to the lobby's target is not shown or handed in.
    """
    now = now or utcnow()

    def rank(petition: Petition) -> tuple[int, bool] | None:
        is_open = petition.is_open(now)
        if lobby.target_id is not None and petition.target_id == lobby.target_id:
            return (0, not is_open)
        if is_open and petition.target_id is None:
            return (1, False)
        if is_open and lobby.target_id is None:
            return (2, False)
        return None

    ranked = [(rank(p), p) for p in campaign_petitions(lobby.campaign_id)]  # newest first
    ranked = [(order, p) for order, p in ranked if order is not None]
    return min(ranked, key=lambda pair: pair[0], default=(None, None))[1]


def letter_signers(petition_id: int) -> list[tuple[str, str, str]]:
    """(name, city, country) of confirmed, valid signers who agreed to be named in the letter.

    For the letter's annex; never emails. Others are counted (confirmed_count), not named.
    """
    return [
        (name, city, country)
        for name, city, country in db.session.execute(
            select(Signature.name, Signature.city, Signature.country)
            .where(
                counted_signatures(petition_id),
                Signature.name_in_letter.is_(True),
                Signature.name != "",
            )
            .order_by(Signature.confirmed_at, Signature.id)
        )
    ]
