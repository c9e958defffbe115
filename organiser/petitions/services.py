"""Petitions and their count. Services flush; views commit.

The confirmed count lives in COUNT_SLOTS counter rows per petition: each change adds to one slot
chosen at random, so concurrent signers rarely wait on the same row, and a read sums the slots.
"""

import random
from datetime import datetime

from sqlalchemy import bindparam, case, func, select, update

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.lobbies.models import Campaign
from organiser.petitions.models import COUNT_SLOTS, Petition, Signature, SignatureCount
from organiser.unique_rows import insert_with_slug


def create_petition(campaign: Campaign, **fields) -> Petition:
    """A new petition of the campaign, with a slug from its title and its counter slots at zero."""
    petition = insert_with_slug(
        Petition, fields["title"], lambda slug: Petition(campaign=campaign, slug=slug, **fields)
    )
    db.session.add_all(
        SignatureCount(petition_id=petition.id, slot=slot, count=0) for slot in range(COUNT_SLOTS)
    )
    db.session.flush()
    return petition


def update_petition(petition: Petition, **fields) -> None:
    """Change a petition's text, target, goal, dates or status (closing dates it now)."""
    for name, value in fields.items():
        setattr(petition, name, value)
    now = utcnow()
    if petition.status == "closed" and (petition.closes_at is None or petition.closes_at > now):
        petition.closes_at = now
    db.session.flush()


def campaign_petitions(campaign_id: int) -> list[Petition]:
    """A campaign's petitions, newest first."""
    query = select(Petition).where(Petition.campaign_id == campaign_id)
    return list(db.session.scalars(query.order_by(Petition.created_at.desc(), Petition.id.desc())))


def open_petition(campaign_id: int, now: datetime) -> Petition | None:
    """The campaign's newest petition that takes signatures now (lobby pages link to it)."""
    return next((p for p in campaign_petitions(campaign_id) if p.is_open(now)), None)


def add_to_count(petition_id: int, delta: int) -> None:
    """Add delta to one counter slot chosen at random."""
    if delta:
        db.session.execute(
            update(SignatureCount)
            .where(
                SignatureCount.petition_id == petition_id,
                SignatureCount.slot == random.randrange(COUNT_SLOTS),  # noqa: S311 (spreading, not secrecy)
            )
            .values(count=SignatureCount.count + delta)
        )


_slots = SignatureCount.__table__.c
COUNT_QUERY = select(func.coalesce(func.sum(_slots.count), 0)).where(
    _slots.petition_id == bindparam("petition_id")
)


def confirmed_count(petition_id: int) -> int:
    """The public count: the sum of the petition's counter slots (a Core query: every view)."""
    return int(db.session.connection().execute(COUNT_QUERY, {"petition_id": petition_id}).scalar())


def counted_signatures(petition_id: int):
    """The condition for a signature that counts: confirmed and not invalidated."""
    return (
        (Signature.petition_id == petition_id)
        & Signature.confirmed_at.is_not(None)
        & Signature.invalidated_at.is_(None)
    )


def recount(petition_id: int) -> tuple[int, int]:
    """Count the confirmed rows and set the slots to match; returns (before, after).

    The slots are locked first (a no-op update), so signers confirming meanwhile wait and then
    add to the repaired count; on SQLite that update takes the write lock.
    """
    db.session.execute(
        update(SignatureCount)
        .where(SignatureCount.petition_id == petition_id)
        .values(count=SignatureCount.count)
    )
    before = confirmed_count(petition_id)
    after = db.session.scalar(
        select(func.count()).select_from(Signature).where(counted_signatures(petition_id))
    )
    slots = set(
        db.session.scalars(
            select(SignatureCount.slot).where(SignatureCount.petition_id == petition_id)
        )
    )
    db.session.add_all(
        SignatureCount(petition_id=petition_id, slot=slot, count=0)
        for slot in range(COUNT_SLOTS)
        if slot not in slots
    )
    db.session.flush()
    db.session.execute(
        update(SignatureCount)
        .where(SignatureCount.petition_id == petition_id)
        .values(count=case((SignatureCount.slot == 0, after), else_=0))
    )
    return before, after


def recount_all() -> list[tuple[str, int, int]]:
    """Recount every petition; returns (slug, before, after) for each."""
    petitions = db.session.execute(select(Petition.id, Petition.slug).order_by(Petition.id)).all()
    return [(slug, *recount(petition_id)) for petition_id, slug in petitions]


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
