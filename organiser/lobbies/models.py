"""Campaigns, the targets they lobby, the lobbies and their demands."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from organiser.accounts.models import Organiser
from organiser.db_types import UTCDateTime, utcnow
from organiser.extensions import db
from organiser.lobbies.localtime import venue_time

# Each kind's label (a form's choice), and the word a sentence uses for it ("the embassy"):
# lazy, so each is read in the language of the page showing it.
TARGET_KINDS = {
    "embassy": _l("Embassy"),
    "consulate": _l("Consulate"),
    "honorary_consulate": _l("Honorary consulate"),
    "company": _l("Company"),
    "other": _l("Other"),
}
TARGET_KIND_WORDS = {
    "embassy": _l("embassy"),
    "consulate": _l("consulate"),
    "honorary_consulate": _l("honorary consulate"),
    "company": _l("company"),
    "other": _l("other"),
}
LOBBY_STATUSES = ("scheduled", "cancelled")

campaign_owner = Table(
    "campaign_owner",
    db.metadata,
    Column("campaign_id", ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True),
    Column("organiser_id", ForeignKey("organiser.id", ondelete="CASCADE"), primary_key=True),
)


class Campaign(db.Model):
    """A campaign: the organisation behind it, its owners, its targets and lobbies."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    organisation_name: Mapped[str] = mapped_column(String(200))
    organisation_contact: Mapped[str] = mapped_column(String(500), default="")
    organisation_url: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Local hosts may propose lobbies (organiser/hosting/): the organisers switch it on.
    hosting_open: Mapped[bool] = mapped_column(default=False)

    owners: Mapped[list[Organiser]] = relationship(secondary=campaign_owner)
    targets: Mapped[list["Target"]] = relationship(
        back_populates="campaign", order_by="Target.name", cascade="all, delete-orphan"
    )
    lobbies: Mapped[list["Lobby"]] = relationship(
        back_populates="campaign", order_by="Lobby.starts_at", cascade="all, delete-orphan"
    )

    def is_owned_by(self, organiser) -> bool:
        """Whether this organiser may see and change the campaign."""
        return any(owner.id == organiser.id for owner in self.owners)


class Target(db.Model):
    """Who a lobby addresses: an embassy, a consulate, a company."""

    __table_args__ = (CheckConstraint(f"kind IN {tuple(TARGET_KINDS)}", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    represented_country: Mapped[str] = mapped_column(String(2), default="")
    head_title: Mapped[str] = mapped_column(String(120), default="")
    head_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    postcode: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2))
    email: Mapped[str] = mapped_column(String(254), default="")

    campaign: Mapped[Campaign] = relationship(back_populates="targets")

    @property
    def kind_label(self) -> str:
        """The kind as people say it, in the reader's language."""
        return str(TARGET_KINDS[self.kind])

    @property
    def kind_word(self) -> str:
        """The kind as a sentence says it (lower case in English), in the reader's language."""
        return str(TARGET_KIND_WORDS[self.kind])


class Lobby(db.Model):
    """A protest at a target, at a place and a local time, with demands."""

    __table_args__ = (
        CheckConstraint(f"status IN {LOBBY_STATUSES}", name="status"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[int | None] = mapped_column(ForeignKey("target.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    venue: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(500))
    postcode: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(100), index=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    directions: Mapped[str] = mapped_column(String(500), default="")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    timezone: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    cancellation_reason: Mapped[str] = mapped_column(String(500), default="")
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    campaign: Mapped[Campaign] = relationship(back_populates="lobbies")
    target: Mapped[Target | None] = relationship()
    demands: Mapped[list["Demand"]] = relationship(
        order_by="Demand.position", cascade="all, delete-orphan", back_populates="lobby"
    )

    @property
    def zone(self) -> ZoneInfo:
        """The lobby's IANA time zone."""
        return ZoneInfo(self.timezone)

    @property
    def local_start(self) -> datetime:
        """The start as the wall clock at the venue shows it."""
        return venue_time(self.starts_at, self.timezone)

    @property
    def local_end(self) -> datetime:
        """The end as the wall clock at the venue shows it."""
        return venue_time(self.ends_at, self.timezone)

    @property
    def is_cancelled(self) -> bool:
        """Whether the lobby has been called off."""
        return self.status == "cancelled"


class Demand(db.Model):
    """One demand of a lobby, kept in the order the organiser wrote them."""

    __table_args__ = (UniqueConstraint("lobby_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lobby_id: Mapped[int] = mapped_column(ForeignKey("lobby.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(String(500))

    lobby: Mapped[Lobby] = relationship(back_populates="demands")
