"""The petition signatures annexed to a lobby's letter (from the petitions feature).

Only confirmed, not invalidated signatures count; a signer is named (name and city) only if they
agreed to be named in the letter; everyone else is counted. Emails are never read here.
"""

from sqlalchemy import case, func, select

from organiser.extensions import db
from organiser.letters.pdf import Annex
from organiser.petitions.counting import confirmed_count, counted_signatures
from organiser.petitions.models import Petition, Signature


def _named():
    return Signature.name_in_letter.is_(True) & (Signature.name != "")


def annex_stats(petition: Petition | None) -> tuple[int, int, int]:
    """(signatures, named, highest id): cheap, and changes whenever the annex would. The
    signatures are the petition's public count (counting.confirmed_count)."""
    if petition is None:
        return (0, 0, 0)
    row = db.session.execute(
        select(
            func.coalesce(func.sum(case((_named(), 1), else_=0)), 0),
            func.coalesce(func.max(Signature.id), 0),
        ).where(counted_signatures(petition.id))
    ).one()
    return (confirmed_count(petition.id), int(row[0]), int(row[1]))


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
    return Annex(named=[(name, city) for name, city in named], others=max(total - len(named), 0))
