"""What a VEVENT is built from, read with plain Core queries (cheaper than ORM objects)."""

from types import SimpleNamespace

from sqlalchemy import select

from organiser.extensions import db
from organiser.lobbies.models import Campaign, Demand, Lobby, Target

LOBBY_COLUMNS = (
    Lobby.id,
    Lobby.uid,
    Lobby.slug,
    Lobby.title,
    Lobby.venue,
    Lobby.address,
    Lobby.postcode,
    Lobby.city,
    Lobby.country,
    Lobby.directions,
    Lobby.latitude,
    Lobby.longitude,
    Lobby.timezone,
    Lobby.starts_at,
    Lobby.ends_at,
    Lobby.status,
    Lobby.cancellation_reason,
    Lobby.sequence,
    Lobby.created_at,
    Lobby.updated_at,
)


def event_sources(ids: list[int]) -> dict[int, SimpleNamespace]:
    """For each lobby id, an object with what ical.lobby_event reads of a Lobby."""
    rows = db.session.execute(
        select(
            *LOBBY_COLUMNS,
            Campaign.name.label("campaign_name"),
            Target.id.label("target_id"),
            Target.name.label("target_name"),
            Target.head_title,
            Target.head_name,
        )
        .join(Campaign, Campaign.id == Lobby.campaign_id)
        .outerjoin(Target, Target.id == Lobby.target_id)
        .where(Lobby.id.in_(ids))
    ).all()
    keys = [column.key for column in LOBBY_COLUMNS]
    sources = {}
    for row in rows:
        fields = row._mapping
        source = SimpleNamespace(**{key: fields[key] for key in keys})
        source.campaign = SimpleNamespace(name=row.campaign_name)
        source.target = None
        if row.target_id is not None:
            source.target = SimpleNamespace(
                name=row.target_name, head_title=row.head_title, head_name=row.head_name
            )
        source.demands = []
        sources[row.id] = source
    demands = db.session.execute(
        select(Demand.lobby_id, Demand.text)
        .where(Demand.lobby_id.in_(ids))
        .order_by(Demand.lobby_id, Demand.position)
    )
    for lobby_id, text in demands:
        sources[lobby_id].demands.append(SimpleNamespace(text=text))
    return sources
