"""What a deleted lobby leaves behind for the calendars that know it: a tombstone row, read by
the feeds (organiser/feeds/tombstones.py) as a cancelled event until the lobby's end has passed.
"""

from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, delete, insert, literal, select
from sqlalchemy.orm import Mapped, mapped_column

from organiser.db_types import UTCDateTime, utcnow
from organiser.extensions import db
from organiser.lobbies.models import Campaign, Lobby

# Tombstones are kept a little past the lobby's end, then dropped at the next deletion (the
# feeds stop showing them at the end of the day the lobby ended, UTC).
KEEP_AFTER_END = timedelta(days=2)


class DeletedLobby(db.Model):
    """A deleted lobby's calendar identity, place and time, for its cancelled VEVENT."""

    __tablename__ = "deleted_lobby"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    sequence: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    venue: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(500))
    postcode: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(100), index=True)
    country: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True
    )
    campaign_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


COPIED = (
    "uid",
    "title",
    "venue",
    "address",
    "postcode",
    "city",
    "country",
    "timezone",
    "starts_at",
    "ends_at",
    "campaign_id",
    "created_at",
)


def bury(*where) -> None:
    """Leave a tombstone for each lobby matching `where` that has not ended yet, one SEQUENCE
    above its own (one statement, however many lobbies); drop tombstones long past."""
    now = utcnow()
    db.session.execute(delete(DeletedLobby).where(DeletedLobby.ends_at < now - KEEP_AFTER_END))
    rows = (
        select(
            *(getattr(Lobby, name) for name in COPIED),
            Lobby.sequence + 1,
            Campaign.name,
            literal(now, UTCDateTime),
        )
        .join(Campaign, Campaign.id == Lobby.campaign_id)
        .where(Lobby.ends_at >= now, *where)
    )
    columns = [*COPIED, "sequence", "campaign_name", "deleted_at"]
    db.session.execute(insert(DeletedLobby).from_select(columns, rows))
