"""The organiser account."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from organiser.db_types import UTCDateTime, utcnow
from organiser.extensions import db


class Organiser(UserMixin, db.Model):
    """A person who logs in to run campaigns."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Shared by every session of this account; replaced (or cleared) to end them all.
    session_token: Mapped[str | None] = mapped_column(String(64))
    # A removed organiser's account stays (their campaigns keep their history) but is shut.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_active(self) -> bool:
        """Whether the account may log in (a removed one may not)."""
        return self.removed_at is None

    def get_id(self) -> str:
        """What a session holds: the id and the account's current session token."""
        return f"{self.id}:{self.session_token}"

    def __repr__(self) -> str:
        return f"<Organiser {self.email}>"
