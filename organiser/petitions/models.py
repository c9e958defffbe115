"""Petitions, their signatures and the sharded counter that holds the confirmed count
(counting.py counts)."""

from datetime import datetime

from sqlalchemy import (
    DDL,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from organiser.db_types import UTCDateTime, utcnow
from organiser.extensions import db
from organiser.lobbies.models import Campaign, Target

PETITION_STATUSES = ("open", "closed")
SIGNATURE_SOURCES = ("online", "paper")


class Petition(db.Model):
    """A petition of a campaign, addressed to one of its targets."""

    __table_args__ = (CheckConstraint(f"status IN {PETITION_STATUSES}", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[int | None] = mapped_column(ForeignKey("target.id", ondelete="SET NULL"))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    goal: Mapped[int] = mapped_column(default=1000)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    campaign: Mapped[Campaign] = relationship()
    target: Mapped[Target | None] = relationship()

    def is_open(self, now: datetime) -> bool:
        """Whether signatures are taken now: status open, and within the dates if set.
        signing.open_now says the same in SQL; change both together."""
        return (
            self.status == "open"
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or now < self.closes_at)
        )


class Signature(db.Model):
    """One signer of one petition; counted once confirmed and not invalidated."""

    __table_args__ = (
        UniqueConstraint("petition_id", "email_key"),
        CheckConstraint(f"source IN {SIGNATURE_SOURCES}", name="source"),
        Index("ix_signature_petition_id_confirmed_at", "petition_id", "confirmed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petition.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    email_key: Mapped[str | None] = mapped_column(String(254))
    city: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    show_name: Mapped[bool] = mapped_column(default=False)
    name_in_letter: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(8), default="online")
    ip: Mapped[str | None] = mapped_column(String(45))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirm_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    invalidated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The language of the page it was signed on: its emails are written in it (emails.py).
    language: Mapped[str] = mapped_column(String(8), default="en")

    petition: Mapped[Petition] = relationship()

    @property
    def counts(self) -> bool:
        """Whether this signature is in the public count."""
        return self.confirmed_at is not None and self.invalidated_at is None


class SignatureCount(db.Model):
    """One of a petition's counter rows; the count is their sum, so no row is hot
    (counting.py: the only module that writes or reads them)."""

    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petition.id", ondelete="CASCADE"), primary_key=True
    )
    slot: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(default=0)


# PostgreSQL: any change to a petition's count notifies the processes that keep a copy of it
# (count_copy.py), delivered when the change commits. Migration 0005 creates the same.
COUNT_NOTIFY_DDL = (
    """CREATE OR REPLACE FUNCTION notify_petition_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('petition_count', OLD.petition_id::text);
  ELSE
    PERFORM pg_notify('petition_count', NEW.petition_id::text);
  END IF;
  RETURN NULL;
END $$""",
    """CREATE TRIGGER signature_count_notify AFTER INSERT OR UPDATE OR DELETE
ON signature_count FOR EACH ROW EXECUTE FUNCTION notify_petition_count()""",
)
for _statement in COUNT_NOTIFY_DDL:
    event.listen(
        SignatureCount.__table__,
        "after_create",
        DDL(_statement).execute_if(dialect="postgresql"),
    )
event.listen(
    SignatureCount.__table__,
    "after_drop",
    DDL("DROP FUNCTION IF EXISTS notify_petition_count()").execute_if(dialect="postgresql"),
)


class PetitionSummary(db.Model):
    """The page's breakdowns (by day, country, city; recent public names), computed in the
    background every PETITION_STATS_SECONDS, so a page view never scans the signatures."""

    petition_id: Mapped[int] = mapped_column(
        ForeignKey("petition.id", ondelete="CASCADE"), primary_key=True
    )
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    data: Mapped[str] = mapped_column(Text, default="{}")
