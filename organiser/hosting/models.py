"""A lobby a local host proposes: not a Lobby (nothing public reads this table) until the
campaign's organisers approve it, which creates the Lobby and links it here."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from organiser.db_types import UTCDateTime, utcnow
from organiser.extensions import db
from organiser.lobbies.localtime import venue_time
from organiser.lobbies.models import Campaign, Lobby, Target

PROPOSAL_STATUSES = ("pending", "approved", "rejected")


class HostedLobby(db.Model):
    """A host's proposal for their city, and (once approved) their lobby.

    Tokens are kept only as hashes: the confirmation link's until the email is confirmed,
    the host's private link's from approval on."""

    __table_args__ = (
        CheckConstraint(f"status IN {PROPOSAL_STATUSES}", name="status"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="pending")
    host_name: Mapped[str] = mapped_column(String(100))
    host_email: Mapped[str] = mapped_column(String(254))
    venue: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(500))
    postcode: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    timezone: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    target_id: Mapped[int | None] = mapped_column(ForeignKey("target.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(String(1000), default="")
    confirm_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    host_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Deleting the lobby deletes the host's details and link with it.
    lobby_id: Mapped[int | None] = mapped_column(
        ForeignKey("lobby.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The language the host proposed in: every email to the host is written in it (emails.py).
    language: Mapped[str] = mapped_column(String(8), default="en")

    campaign: Mapped[Campaign] = relationship()
    target: Mapped[Target | None] = relationship()
    lobby: Mapped[Lobby | None] = relationship()

    @property
    def is_confirmed(self) -> bool:
        """Whether the host has confirmed their email (only then is it ready to approve)."""
        return self.email_confirmed_at is not None

    @property
    def local_start(self) -> datetime:
        """The start on the venue's wall clock."""
        return venue_time(self.starts_at, self.timezone)

    @property
    def local_end(self) -> datetime:
        """The end on the venue's wall clock."""
        return venue_time(self.ends_at, self.timezone)
