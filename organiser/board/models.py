"""The day's board: every change of a lobby's state, kept as its audit trail."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from organiser.db_types import UTCDateTime, utcnow
from organiser.extensions import db
from organiser.lobbies.models import Lobby

# A lobby's states through the day, in the day's order, as people say them (in the reader's
# language).
STATES = {
    "planned": _l("Planned"),
    "under_way": _l("Under way"),
    "delivered": _l("Letter delivered"),
    "refused": _l("Letter refused"),
    "doors_locked": _l("Doors locked"),
    "posted": _l("Posted instead"),
    "postponed": _l("Postponed"),
    "cancelled": _l("Cancelled"),
}


class LobbyStateChange(db.Model):
    """A lobby's state set on the day (delivered, doors locked, ...): when, by whom, a note.
    The newest change of a lobby is its state; a lobby with none is planned."""

    __tablename__ = "lobby_state_change"
    __table_args__ = (CheckConstraint(f"state IN {tuple(STATES)}", name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lobby_id: Mapped[int] = mapped_column(ForeignKey("lobby.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(24))
    note: Mapped[str] = mapped_column(String(500), default="")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(200))

    lobby: Mapped[Lobby] = relationship()
