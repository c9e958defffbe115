"""A lobby's report (one per lobby) and its photos, each published with consent."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from organiser.db_types import UTCDateTime, utcnow
from organiser.extensions import db
from organiser.lobbies.models import Lobby
from organiser.photos.models import Photo

TEXT_MAX = 10_000
RESPONSE_MAX = 2_000
CAPTION_MAX = 300
AUTHOR_MAX = 200
ATTENDANCE_MAX = 100_000
PHOTOS_MAX = 6


class LobbyReport(db.Model):
    """What happened at a lobby: the account, how many came, the target's response."""

    id: Mapped[int] = mapped_column(primary_key=True)
    lobby_id: Mapped[int] = mapped_column(ForeignKey("lobby.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text, default="")
    attendance: Mapped[int | None]
    response: Mapped[str] = mapped_column(String(RESPONSE_MAX), default="")
    author: Mapped[str] = mapped_column(String(AUTHOR_MAX), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lobby: Mapped[Lobby] = relationship()
    photos: Mapped[list["ReportPhoto"]] = relationship(
        back_populates="report",
        order_by="ReportPhoto.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class ReportPhoto(db.Model):
    """A photo in a report, with its caption and the photographer's consent to publish it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("lobby_report.id", ondelete="CASCADE"), index=True
    )
    photo_id: Mapped[int] = mapped_column(ForeignKey("photo.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    caption: Mapped[str] = mapped_column(String(CAPTION_MAX), default="")
    consent: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    report: Mapped[LobbyReport] = relationship(back_populates="photos")
    photo: Mapped[Photo] = relationship()
