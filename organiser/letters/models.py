"""Letter texts (per campaign, overridable per lobby, per language), cached PDFs, deliveries."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from organiser.db_types import UTCDateTime, utcnow
from organiser.extensions import db
from organiser.lobbies.models import Campaign, Lobby
from organiser.photos.models import Photo


class Letter(db.Model):
    """A campaign's letter in one language; with a lobby set, that lobby's own version."""

    __table_args__ = (
        UniqueConstraint("campaign_id", "lobby_id", "language"),
        # NULLs are distinct in a unique constraint: campaign letters need their own index.
        Index(
            "uq_letter_campaign_language",
            "campaign_id",
            "language",
            unique=True,
            sqlite_where=text("lobby_id IS NULL"),
            postgresql_where=text("lobby_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    lobby_id: Mapped[int | None] = mapped_column(
        ForeignKey("lobby.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(300))
    opening: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text)
    closing: Mapped[str] = mapped_column(String(300), default="")
    signatories: Mapped[str] = mapped_column(Text, default="")
    include_annex: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    campaign: Mapped[Campaign] = relationship()
    lobby: Mapped[Lobby | None] = relationship()

    @property
    def signatory_lines(self) -> list[str]:
        """Signatories, one per line, blank lines dropped."""
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]


class LetterPdf(db.Model):
    """A rendered letter (or one being rendered), keyed on everything that changes it."""

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    lobby_id: Mapped[int] = mapped_column(ForeignKey("lobby.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="ready")
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    rows: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Delivery(db.Model):
    """How the letter was handed in at a lobby: when, to whom, what happened, and a photo of
    the stamped copy (the delivery stays if the photo goes)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    lobby_id: Mapped[int] = mapped_column(ForeignKey("lobby.id", ondelete="CASCADE"), unique=True)
    delivered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_by: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(String(1000), default="")
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("photo.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    lobby: Mapped[Lobby] = relationship()
    photo: Mapped[Photo | None] = relationship(lazy="joined")  # its size; the bytes deferred
