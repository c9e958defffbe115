"""A campaign's lobbies as a GeoJSON FeatureCollection (pure: rows -> bytes), and the query
that reads them."""

import json
from datetime import UTC

from flask import url_for
from sqlalchemy import select

from organiser.extensions import db
from organiser.lobbies.listing import Place
from organiser.lobbies.localtime import reader_language, wall_clock
from organiser.lobbies.models import Lobby

COLUMNS = (
    Lobby.slug,
    Lobby.title,
    Lobby.city,
    Lobby.country,
    Lobby.venue,
    Lobby.timezone,
    Lobby.starts_at,
    Lobby.ends_at,
    Lobby.status,
    Lobby.latitude,
    Lobby.longitude,
)


def mapped_lobbies(campaign_id: int, place: Place):
    """The campaign's lobbies that have coordinates, in that place, soonest first."""
    stmt = (
        select(*COLUMNS)
        .where(Lobby.campaign_id == campaign_id)
        .where(Lobby.latitude.is_not(None), Lobby.longitude.is_not(None))
        .order_by(Lobby.starts_at, Lobby.id)
    )
    if place.country:
        stmt = stmt.where(Lobby.country == place.country)
    return [row for row in db.session.execute(stmt) if place.keeps(row)]


def feature(row, url: str, language: str = "en") -> dict:
    """One lobby as a Point ([longitude, latitude]) with what its marker's popup shows (its
    time in that language)."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [row.longitude, row.latitude]},
        "properties": {
            "title": row.title,
            "city": row.city,
            "venue": row.venue,
            "time": wall_clock(row.starts_at, row.timezone, language),
            "status": row.status,
            "ends_at": row.ends_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "url": url,
        },
    }


def feature_collection(rows) -> bytes:
    """The rows as a GeoJSON FeatureCollection, UTF-8 bytes, in the reader's language."""
    language = reader_language()
    features = [feature(row, url_for("public.lobby", slug=row.slug), language) for row in rows]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
