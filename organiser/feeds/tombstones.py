"""Deleted lobbies in the feeds: each one's tombstone as a cancelled VEVENT (same UID, higher
SEQUENCE, "Cancelled:" summary) until the lobby's end has passed, so calendars drop it.

Built each time a feed is assembled (there are few, and assembled feeds are kept per change
counter and day); a deletion raises the counter, so no feed's ETag survives it.
"""

from datetime import UTC, datetime

from flask_babel import gettext as _
from icalendar import Event, vText
from sqlalchemy import func, or_, select

from organiser.extensions import db
from organiser.feeds.ical import cancelled_summary, clean_text, event_time, location_text
from organiser.lobbies.tombstones import DeletedLobby


def tombstones(filters, since: datetime) -> list[DeletedLobby]:
    """The tombstones a feed with these filters shows: lobbies ending at or after `since`."""
    stmt = select(DeletedLobby).where(DeletedLobby.ends_at >= since)
    if filters.campaign is not None:
        stmt = stmt.where(DeletedLobby.campaign_id == filters.campaign.id)
    if filters.country:
        stmt = stmt.where(DeletedLobby.country == filters.country)
    if filters.city:
        city = DeletedLobby.city
        stmt = stmt.where(or_(city == filters.city, func.lower(city) == filters.city.lower()))
    return list(db.session.scalars(stmt.order_by(DeletedLobby.starts_at, DeletedLobby.id)))


def tombstone_bytes(buried: DeletedLobby, dtstamp: datetime, country_name) -> bytes:
    """The cancelled VEVENT that replaces a deleted lobby's in subscribed calendars."""
    event = Event()
    event.add("uid", buried.uid)
    event.add("dtstamp", dtstamp.astimezone(UTC))
    event.add("created", buried.created_at.astimezone(UTC))
    event.add("last-modified", buried.deleted_at.astimezone(UTC))
    event.add("sequence", buried.sequence)
    event.add("dtstart", event_time(buried.starts_at, buried.timezone))
    event.add("dtend", event_time(buried.ends_at, buried.timezone))
    event.add("summary", vText(cancelled_summary(buried.title)))
    event.add("status", "CANCELLED")
    event.add("location", vText(location_text(buried, country_name)))
    event.add(
        "description", vText(_("This lobby has been called off and removed by its organisers."))
    )
    event.add("categories", [clean_text(buried.campaign_name)])
    return event.to_ical()
