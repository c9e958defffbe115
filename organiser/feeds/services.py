"""Building feeds from the cache: read the counter, reuse stored VEVENTs, build only what changed.

Nothing here commits; the views commit the VEVENTs stored while building.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import and_, bindparam, func, or_, select, update
from werkzeug.http import http_date

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.feeds import cache, ical, tombstones, translated
from organiser.feeds.counter import read_counter
from organiser.feeds.models import LobbyEvent
from organiser.feeds.sources import event_sources
from organiser.feeds.translated import ENGLISH, namer
from organiser.lobbies.models import Campaign, Lobby
from organiser.lobbies.places import country_name

# Raise when the ICS this code writes changes, so every cached VEVENT is rebuilt (3: LOCATION
# in its country's order, organiser.addresses).
FORMAT = "3"
PAST_DAYS = 365
BUILD_CHUNK = 500
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Filters:
    """What a feed is narrowed to: a campaign, a country (ISO code), a city."""

    campaign: Campaign | None = None
    country: str = ""
    city: str = ""

    def key(self) -> tuple:
        """A hashable key for the feed cache."""
        return (self.campaign.id if self.campaign else None, self.country, self.city.casefold())


@dataclass(frozen=True)
class Validators:
    """What a conditional request is checked against, known before any feed is read."""

    token: str
    version: int
    day: datetime
    etag: str
    last_modified: datetime
    last_modified_header: str
    language: str = ENGLISH


def cache_key() -> str:
    """This code's format and the site's address: cached VEVENTs carry both."""
    return _cache_key(current_app.config["SITE_URL"])


@lru_cache(maxsize=8)
def _cache_key(site_url: str) -> str:
    return f"{FORMAT}-{hashlib.sha256(site_url.encode()).hexdigest()[:12]}"


def validators(now: datetime | None = None, language: str = ENGLISH) -> Validators:
    """The feeds' ETag and Last-Modified, from the change counter and today's date; a feed in
    another language than English has an ETag of its own.

    One indexed row read on a bare DBAPI connection, without the ORM session: this is all
    a conditional request costs before its 304.
    """
    row = read_counter(db.engine)
    token, version, changed_at = (row[0], row[1], _instant(row[2])) if row else ("", 0, EPOCH)
    day = datetime.combine((now or utcnow()).date(), time(), tzinfo=UTC)
    suffix = "" if language == ENGLISH else f"-{language}"
    etag = f'"{cache_key()}-{token[:8]}{version}-{day:%Y%m%d}{suffix}"'
    last_modified = max(changed_at, day).replace(microsecond=0)
    header = http_date(last_modified)
    return Validators(token, version, day, etag, last_modified, header, language)


def _instant(value) -> datetime:
    """A timestamp as the driver gives it (SQLite: text without offset, in UTC) as aware UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _feed_rows(filters: Filters, since: datetime):
    stmt = (
        select(
            Lobby.id,
            Lobby.uid,
            Lobby.timezone,
            Lobby.starts_at,
            Lobby.ends_at,
            LobbyEvent.revision,
            LobbyEvent.key,
            LobbyEvent.ics,
        )
        .outerjoin(LobbyEvent, LobbyEvent.lobby_id == Lobby.id)
        .where(Lobby.ends_at >= since)
        .order_by(Lobby.starts_at, Lobby.id)
    )
    if filters.campaign is not None:
        stmt = stmt.where(Lobby.campaign_id == filters.campaign.id)
    if filters.country:
        stmt = stmt.where(Lobby.country == filters.country)
    if filters.city:
        stmt = stmt.where(
            or_(Lobby.city == filters.city, func.lower(Lobby.city) == filters.city.lower())
        )
    return db.session.execute(stmt).all()


def build_events(rows, language: str = ENGLISH) -> dict[int, bytes]:
    """Each row's VEVENT: stored bytes when current, else built now and stored for next time.

    English VEVENTs are kept in the lobby_event table; other languages' in this worker
    (cache.translated), keyed on the same revision, so a change to a lobby rebuilds it in
    every language.
    """
    if language != ENGLISH:
        return translated.events(rows, language, cache_key(), _store)
    key = cache_key()
    events = {row.id: row.ics if row.key == key else None for row in rows}
    missing = [row for row in rows if events[row.id] is None]
    site_url, dtstamp = current_app.config["SITE_URL"], utcnow()
    for start in range(0, len(missing), BUILD_CHUNK):
        chunk = missing[start : start + BUILD_CHUNK]
        lobbies = event_sources([row.id for row in chunk])
        updates, inserts = [], []
        for row in chunk:
            lobby = lobbies.get(row.id)
            if lobby is None:  # deleted meanwhile: leave it out
                del events[row.id]
                continue
            built = ical.event_bytes(lobby, site_url, dtstamp, country_name)
            events[row.id] = built
            entry = {"lid": row.id, "rev": row.revision or 0, "ics": built, "key": key}
            (inserts if row.revision is None else updates).append(entry)
        _store(updates, inserts)
    return events


def _store(updates: list[dict], inserts: list[dict]) -> None:
    """Keep built VEVENTs, unless the lobby changed meanwhile (its revision moved on)."""
    table = LobbyEvent.__table__
    if updates:
        stmt = (
            update(table)
            .where(and_(table.c.lobby_id == bindparam("lid"), table.c.revision == bindparam("rev")))
            .values(ics=bindparam("ics"), key=bindparam("key"))
        )
        db.session.connection().execute(stmt, updates)
    if inserts:
        stmt = cache.dialect_insert(db.session)(table).values(
            lobby_id=bindparam("lid"), revision=0, ics=bindparam("ics"), key=bindparam("key")
        )
        db.session.connection().execute(stmt.on_conflict_do_nothing(), inserts)


def calendar_name(filters: Filters, names=country_name) -> str:
    """The calendar's name, saying what it is narrowed to (in the language in force)."""
    parts = [filters.campaign.name if filters.campaign else ""]
    parts += [filters.city, names(filters.country) if filters.country else ""]
    chosen = [part for part in parts if part]
    return _("Lobbies: %(names)s", names=", ".join(chosen)) if chosen else _("All lobbies")


def feed_bytes(filters: Filters, checked: Validators) -> bytes:
    """The feed for these filters at the checked version, in its language: from memory, or
    assembled (English words whatever the request's Accept-Language or cookie)."""
    memo_key = (cache_key(), checked.token, checked.version, checked.day, filters.key())
    memo_key += (checked.language,)
    found = cache.feeds.get(memo_key)
    if found is not None:
        return found
    with force_locale(checked.language):
        body = _assemble(filters, checked)
    cache.feeds.set(memo_key, body)
    return body


def _assemble(filters: Filters, checked: Validators) -> bytes:
    names = namer(checked.language)
    rows = _feed_rows(filters, checked.day - timedelta(days=PAST_DAYS))
    events = build_events(rows, checked.language)
    buried = tombstones.tombstones(filters, checked.day)  # deleted lobbies not over yet
    zone_years = ical.zone_years([*rows, *buried]).items()
    zones = [ical.timezone_bytes(z, *years) for z, years in sorted(zone_years)]
    description = _(
        "Lobbies published at %(site)s; new, moved and cancelled lobbies show up by themselves.",
        site=current_app.config["SITE_URL"],
    )
    dtstamp = utcnow()
    return ical.calendar_bytes(
        calendar_name(filters, names),
        description,
        zones,
        [events[r.id] for r in rows if r.id in events]
        + [tombstones.tombstone_bytes(b, dtstamp, names) for b in buried],
    )


def lobby_bytes(lobby: Lobby, language: str = ENGLISH) -> bytes:
    """One lobby as a calendar: the very VEVENT the feeds in this language carry."""
    row = db.session.execute(
        select(Lobby.id, Lobby.uid, Lobby.timezone, Lobby.starts_at, Lobby.ends_at)
        .add_columns(LobbyEvent.revision, LobbyEvent.key, LobbyEvent.ics)
        .outerjoin(LobbyEvent, LobbyEvent.lobby_id == Lobby.id)
        .where(Lobby.id == lobby.id)
    ).one()
    title = lobby.title
    with force_locale(language):
        events = build_events([row], language)
    zones = [ical.timezone_bytes(z, *years) for z, years in ical.zone_years([row]).items()]
    return ical.calendar_bytes(title, f"{title}, {lobby.city}", zones, list(events.values()))
