"""What the feed cache keeps in the database, shared by every worker."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from organiser.db_types import UTCDateTime, utcnow
from organiser.extensions import db


class FeedState(db.Model):
    """One row: a counter raised by every change a feed shows; feeds' ETags are built on it.

    token is drawn when the row is first made, so a fresh or restored database never
    reuses an ETag that meant something else.
    """

    __tablename__ = "feed_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(default=0)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LobbyEvent(db.Model):
    """A lobby's serialised VEVENT; revision goes up (and ics is cleared) when it changes.

    key names the code format and site address the bytes were built for.
    """

    __tablename__ = "lobby_event"

    lobby_id: Mapped[int] = mapped_column(
        ForeignKey("lobby.id", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int] = mapped_column(default=0)
    key: Mapped[str] = mapped_column(String(40), default="")
    ics: Mapped[bytes | None] = mapped_column(LargeBinary)
