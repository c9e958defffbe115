"""Creating forms that a double submit cannot run twice.

Each creating form of the organisers' area carries a hidden one-time key, made when the form is
rendered (SubmittedOnce). The first submission stores the key with the row it created, in the
same transaction (create_once); a repeat of it (a double click, a reload that posts again, a
second tab) finds the key and gets that row instead of creating another. A repeat racing the
first waits on the key's unique index, loses to it, then does the same. Keys are kept for a day
(KEEP): each new submission deletes the older ones.
"""

import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, delete
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import HiddenField

from organiser.db_types import UTCDateTime, utcnow
from organiser.extensions import db
from organiser.unique_rows import begin_writing, inserted

KEEP = timedelta(days=1)
KEY_RE = re.compile(r"[A-Za-z0-9_-]{20,64}")
ANOTHER_FORM = _l("This form was already used for something else. Reload it and try again.")

Row = TypeVar("Row")


class FormSubmission(db.Model):
    """A creating form's one-time key, and the row its first submission created."""

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # the created row's table
    object_id: Mapped[int | None]  # None only inside the transaction that creates the row
    organiser_id: Mapped[int] = mapped_column(ForeignKey("organiser.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


def new_key() -> str:
    """A fresh one-time submission key."""
    return secrets.token_urlsafe(24)


def usable_key(value) -> str:
    """The key the form sent back, or a fresh one if it is missing or not one of ours (that
    submission then creates as if the key were new: nothing fails)."""
    return value if isinstance(value, str) and KEY_RE.fullmatch(value) else new_key()


class SubmittedOnce:
    """Mixin for a creating form: a hidden one-time key, new each time the form is rendered
    (the form macro renders hidden fields without a label)."""

    submission_key = HiddenField(default=new_key, filters=[usable_key])


def forget_old() -> None:
    """Delete the keys older than KEEP: no one double-clicks a day later."""
    db.session.execute(delete(FormSubmission).where(FormSubmission.created_at < utcnow() - KEEP))


def create_once(form: SubmittedOnce, organiser, model: type[Row], create: Callable[[], Row]) -> Row:
    """The row this submission of the form stands for: create()'s new row, flushed, the first
    time; the row the first submission created for any repeat of it. A key of another
    organiser or another kind of form answers 409; a first row deleted since, 404."""
    key, kind = form.submission_key.data, model.__tablename__
    begin_writing()
    forget_old()
    claim = inserted(
        lambda: FormSubmission(key=key, kind=kind, organiser_id=organiser.id),
        lambda: db.session.get(FormSubmission, key) is not None,
    )
    if claim is None:
        return first_created(key, kind, organiser, model)
    made = create()
    claim.object_id = made.id
    db.session.flush()
    return made


def first_created(key: str, kind: str, organiser, model: type[Row]) -> Row:
    """The row the first submission with this key created (it is committed: the index made
    this one wait for it)."""
    first = db.session.get(FormSubmission, key)
    if first.kind != kind or first.organiser_id != organiser.id or first.object_id is None:
        abort(409, description=ANOTHER_FORM)
    return db.get_or_404(model, first.object_id)
