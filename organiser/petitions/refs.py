"""A petition's few public facts by slug, kept a few seconds per process for the signing path.

A signing POST needs only these (not the ORM object); whether the petition is open is checked
again by the signing insert itself (signing.py), so facts a few seconds old never let a
signature into a closed petition. The process that edits a petition forgets them at once.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import abort
from sqlalchemy import select

from organiser.caching import ProcessCache
from organiser.extensions import db
from organiser.petitions.models import Petition

PETITION_CACHE_SECONDS = 5

_refs = ProcessCache("petition refs", maxsize=1024, seconds=PETITION_CACHE_SECONDS)


@dataclass(frozen=True)
class PetitionRef:
    """What the signing path needs of a petition."""

    id: int
    slug: str
    title: str
    goal: int
    status: str
    opens_at: datetime | None
    closes_at: datetime | None

    is_open = Petition.is_open


_COLUMNS = [getattr(Petition, name) for name in PetitionRef.__dataclass_fields__]


def petition_ref(slug: str) -> PetitionRef:
    """The petition at this slug (kept PETITION_CACHE_SECONDS in this process), or 404."""
    key = (db.engine, slug)
    ref = _refs.get(key)
    if ref is None:
        row = db.session.execute(select(*_COLUMNS).where(Petition.slug == slug)).first()
        if row is None:
            abort(404)
        ref = PetitionRef(*row)
        _refs.set(key, ref)
    return ref


def forget(slug: str) -> None:
    """Forget this process's facts of a petition (after an organiser's edit)."""
    _refs.pop((db.engine, slug))
