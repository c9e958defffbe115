"""The mail outbox: a signature's confirmation email is a row written in the transaction that
saves (or re-signs) the signature, so no email is lost with the process that was to send it.

A sender claims a row with a lease (`claim` and `claimed_until`), sends, and marks it sent;
a failure is recorded and the next attempt made due after JOBS_RETRY_DELAYS, until
JOBS_RETRIES retries have failed. A sender that dies holding a claim leaves it to expire
(MAIL_OUTBOX_LEASE_SECONDS), then any sender takes the row again. Claims are conditional
updates, so two senders never both hold a row: each mail is sent once unless a sender outlives
its lease. Senders: emails.py (the job queued after each signature, and the sweep run by
`flask jobs-worker`). Services flush; senders commit their claims themselves.

A row is pending while `due_at` is set (the sweep's index), sent once `sent_at` is set, and
given up when neither is (signing again then sends it afresh).
"""

import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ForeignKey, Index, String, insert, or_, select, update
from sqlalchemy.orm import Mapped, mapped_column

from organiser.db_types import UTCDateTime
from organiser.extensions import db


class OutboxMail(db.Model):
    """The confirmation email of one signature and the state of its delivery."""

    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_due_at", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    signature_id: Mapped[int] = mapped_column(
        ForeignKey("signature.id", ondelete="CASCADE"), unique=True
    )
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(String(200), default="")


_outbox = OutboxMail.__table__
_FRESH = dict(attempts=0, claim=None, claimed_until=None, sent_at=None, last_error="")


def lease() -> timedelta:
    """How long a sender may hold a claimed mail before another sender may take it."""
    return timedelta(seconds=current_app.config["MAIL_OUTBOX_LEASE_SECONDS"])


def _free(now: datetime):
    """SQL: no sender holds the row now."""
    return or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now)


def add(signature_id: int, now: datetime) -> None:
    """Put a new signature's confirmation in the outbox (in the signature's transaction)."""
    db.session.execute(
        insert(_outbox).values(signature_id=signature_id, queued_at=now, due_at=now, **_FRESH)
    )


def rearm(signature_id: int, now: datetime, fresh: bool) -> bool:
    """Make a signature's confirmation due again; whether it was (the caller queues a send).

    fresh: a new email is wanted (the resend interval has passed): unless a sender holds it.
    Otherwise only a mail in trouble is sent again: its last attempt failed, or it waited for a
    sender longer than a lease (the one that was to send it died)."""
    query = update(_outbox).where(_outbox.c.signature_id == signature_id, _free(now))
    if not fresh:
        query = query.where(
            OutboxMail.sent_at.is_(None),
            or_(OutboxMail.attempts > 0, OutboxMail.queued_at < now - lease()),
        )
    rearmed = db.session.execute(query.values(queued_at=now, due_at=now, **_FRESH)).rowcount
    if rearmed or not fresh:
        return bool(rearmed)
    if db.session.scalar(select(OutboxMail.id).where(OutboxMail.signature_id == signature_id)):
        return False  # a sender holds it: that email is on its way
    add(signature_id, now)  # a signature from before the outbox
    return True


def claim(signature_id: int, now: datetime, due_only: bool) -> str | None:
    """Claim a signature's pending mail for this sender; the claim token, or None if it is
    sent, given up, or held by another sender. due_only: not before its retry is due."""
    token = secrets.token_hex(16)
    query = update(_outbox).where(
        _outbox.c.signature_id == signature_id,
        OutboxMail.sent_at.is_(None),
        OutboxMail.due_at.is_not(None),
        _free(now),
    )
    if due_only:
        query = query.where(OutboxMail.due_at <= now)
    values = dict(claim=token, claimed_until=now + lease(), attempts=OutboxMail.attempts + 1)
    return token if db.session.execute(query.values(**values)).rowcount else None


def mark_sent(signature_id: int, token: str, now: datetime) -> bool:
    """The claimed mail went out; False if the claim was lost meanwhile (lease expired)."""
    done = dict(sent_at=now, due_at=None, claim=None, claimed_until=None, last_error="")
    return bool(db.session.execute(_claimed(signature_id, token).values(**done)).rowcount)


def mark_failed(signature_id: int, token: str, now: datetime, error: str) -> datetime | None:
    """The claimed mail could not be sent: due again after the next retry delay, or given up
    after JOBS_RETRIES retries (None)."""
    attempts = db.session.scalar(
        select(OutboxMail.attempts).where(OutboxMail.signature_id == signature_id)
    )
    config = current_app.config
    delays = list(config.get("JOBS_RETRY_DELAYS") or [0])
    due = None
    if attempts is not None and attempts <= config.get("JOBS_RETRIES", 3):
        due = now + timedelta(seconds=delays[min(attempts, len(delays)) - 1])
    failed = dict(due_at=due, claim=None, claimed_until=None, last_error=error[:200])
    db.session.execute(_claimed(signature_id, token).values(**failed))
    return due


def _claimed(signature_id: int, token: str):
    return update(_outbox).where(_outbox.c.signature_id == signature_id, _outbox.c.claim == token)


def due(now: datetime, limit: int, orphaned_only: bool = False) -> list[int]:
    """Signature ids of mails a sender may take now, oldest due first. orphaned_only: only
    those queued more than a lease ago (their own send was lost with its process)."""
    query = select(OutboxMail.signature_id).where(OutboxMail.due_at <= now, _free(now))
    if orphaned_only:
        query = query.where(OutboxMail.queued_at < now - lease())
    return list(db.session.scalars(query.order_by(OutboxMail.due_at).limit(limit)))


def state(signature_id: int) -> OutboxMail | None:
    """The outbox row of a signature's confirmation (tests and the organisers' view)."""
    return db.session.scalar(select(OutboxMail).where(OutboxMail.signature_id == signature_id))
