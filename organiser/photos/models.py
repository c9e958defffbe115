"""A photo as stored: re-encoded JPEG bytes in the database, where every worker sees them."""

from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from organiser.db_types import UTCDateTime, utcnow
from organiser.extensions import db


class Photo(db.Model):
    """A photo, resized and stripped of its metadata (services.store_photo); never changed,
    and its id never reused (browsers keep /photos/<id>.jpg for good), on SQLite too."""

    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # only the route reads it
    content_type: Mapped[str] = mapped_column(String(32), default="image/jpeg")
    width: Mapped[int]
    height: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
