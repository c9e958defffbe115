"""The petition signatures annexed to a lobby's letter (from the petitions feature).

Only confirmed, not invalidated signatures count; a signer is named (name and city) only if they
agreed to be named in the letter; everyone else is counted. Emails are never read here.
"""

from sqlalchemy import case, func, select

from organiser.extensions import db
from organiser.letters.pdf import Annex
from organiser.lobbies.models import Lobby
from organiser.petitions.models import Petition, Signature
from organiser.petitions.services import counted_signatures


def lobby_petition(lobby: Lobby) -> Petition | None:
    """The campaign's petition to the lobby's target, else its petition to no one in particular."""
    petitions = db.session.scalars(
        select(Petition)
        .where(Petition.campaign_id == lobby.campaign_id)
        .order_by(Petition.created_at.desc(), Petition.id.desc())
    ).all()
    for petition in petitions:
        if lobby.target_id is not None and petition.target_id == lobby.target_id:
            return petition
    return next((petition for petition in petitions if petition.target_id is None), None)


def _named():
    return Signature.name_in_letter.is_(True) & (Signature.name != "")


def annex_stats(petition: Petition | None) -> tuple[int, int, int]:
    """(signatures, named, highest id): cheap, and changes whenever the annex would."""
    if petition is None:
        return (0, 0, 0)
    row = db.session.execute(
        select(
            func.count(Signature.id),
            func.coalesce(func.sum(case((_named(), 1), else_=0)), 0),
            func.coalesce(func.max(Signature.id), 0),
        ).where(counted_signatures(petition.id))
    ).one()
    return (int(row[0]), int(row[1]), int(row[2]))


def annex_signers(petition: Petition | None) -> Annex:
    """Those who agreed to be named (name, city), in signing order, and how many others."""
    if petition is None:
        return Annex()
    total, _, _ = annex_stats(petition)
    named = db.session.execute(
        select(Signature.name, Signature.city)
        .where(counted_signatures(petition.id) & _named())
        .order_by(Signature.confirmed_at, Signature.id)
    ).all()
    return Annex(named=[(name, city) for name, city in named], others=total - len(named))
