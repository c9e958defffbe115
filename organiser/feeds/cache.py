"""Keeping feeds right across workers: a change counter and per-lobby VEVENTs in the database.

Every flush that touches a lobby, its demands, its campaign's name or its target raises
feed_state.version and the touched lobbies' lobby_event.revision (clearing their cached
bytes) in the same transaction, so a worker that reads the counter knows whether what it
holds is current. organiser.feeds.init_app wires the two listeners on the app's sessions.
"""

import uuid

from sqlalchemy import inspect, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from organiser.caching import ProcessCache
from organiser.db_types import utcnow
from organiser.feeds.models import FeedState, LobbyEvent
from organiser.lobbies.models import Campaign, Demand, Lobby, Target

TARGET_FIELDS = ("name", "kind", "head_title", "head_name")
WATCHED = (Lobby, Demand, Campaign, Target)


def dialect_insert(session: Session):
    """The INSERT construct with ON CONFLICT for this session's database."""
    name = session.get_bind().dialect.name
    return postgresql.insert if name == "postgresql" else sqlite.insert


def bump_version(session: Session) -> None:
    """Raise the feeds' change counter (creating its row the first time)."""
    now = utcnow()
    stmt = dialect_insert(session)(FeedState).values(
        id=1, token=uuid.uuid4().hex, version=1, changed_at=now
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[FeedState.id],
        set_={"version": FeedState.version + 1, "changed_at": now},
    )
    session.execute(stmt)


def invalidate_lobbies(session: Session, lobby_ids: set[int]) -> None:
    """Forget these lobbies' cached VEVENTs; a build already under way cannot store stale ones."""
    if not lobby_ids:
        return
    stmt = dialect_insert(session)(LobbyEvent)
    stmt = stmt.on_conflict_do_update(
        index_elements=[LobbyEvent.lobby_id],
        set_={"revision": LobbyEvent.revision + 1, "ics": None},
    )
    session.execute(
        stmt, [{"lobby_id": i, "revision": 1, "key": "", "ics": None} for i in sorted(lobby_ids)]
    )


def _changed(obj, fields) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in fields)


def _lobby_ids(session: Session, column, value) -> set[int]:
    return set(session.scalars(select(Lobby.id).where(column == value)))


def touched_lobbies(session: Session) -> tuple[bool, set[int]]:
    """Whether this flush changes what feeds show, and which existing lobbies it changes."""
    changed, ids = False, set()
    for obj in session.new:
        if isinstance(obj, Lobby | Campaign):
            changed = True
        elif isinstance(obj, Demand):
            changed = True
            lobby = obj.lobby
            if lobby is not None and lobby.id is not None:
                ids.add(lobby.id)
    for obj in session.dirty:
        if not isinstance(obj, WATCHED) or not session.is_modified(obj):
            continue
        if isinstance(obj, Lobby):
            changed = True
            ids.add(obj.id)
        elif isinstance(obj, Demand):
            changed = True
            ids.update(i for i in inspect(obj).attrs.lobby_id.history.sum() if i is not None)
        elif isinstance(obj, Campaign) and _changed(obj, ("name",)):
            changed = True
            ids |= _lobby_ids(session, Lobby.campaign_id, obj.id)
        elif isinstance(obj, Target) and _changed(obj, TARGET_FIELDS):
            changed = True
            ids |= _lobby_ids(session, Lobby.target_id, obj.id)
    deleted_lobbies = set()
    for obj in session.deleted:
        if isinstance(obj, Lobby):
            changed = True
            deleted_lobbies.add(obj.id)
        elif isinstance(obj, Demand):
            changed = True
            ids.add(obj.lobby_id)
        elif isinstance(obj, Campaign):
            changed = True
        elif isinstance(obj, Target):
            changed = True
            ids |= _lobby_ids(session, Lobby.target_id, obj.id)
    return changed, {i for i in ids if i is not None} - deleted_lobbies


def before_flush(session: Session, _context, _instances) -> None:
    """A flush that changes what feeds show forgets the touched VEVENTs, raises the counter."""
    changed, ids = touched_lobbies(session)
    if changed:
        invalidate_lobbies(session, ids)
        bump_version(session)


def after_bulk_change(orm_execute_state) -> None:
    """Bulk UPDATE/DELETE statements on lobbies and friends bypass flush: forget everything."""
    if not (orm_execute_state.is_update or orm_execute_state.is_delete):
        return
    mapper = orm_execute_state.bind_mapper
    if mapper is None or mapper.class_ not in WATCHED:
        return
    session = orm_execute_state.session
    session.execute(update(LobbyEvent).values(revision=LobbyEvent.revision + 1, ics=None))
    bump_version(session)


# Assembled feeds in this process, by format, counter, day and filters (so never stale),
# bounded by their total size.
feeds = ProcessCache("assembled feeds", maxsize=64 * 1024 * 1024, sizeof=len)

# VEVENTs in other languages than English, by language, format, lobby, UID and revision (the
# English ones are in the lobby_event table), bounded by their total size.
translated = ProcessCache("translated VEVENTs", maxsize=32 * 1024 * 1024, sizeof=len)
