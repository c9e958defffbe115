"""A lobby's state through the day: planned, under way, delivered, ... Each change is recorded
with its time and who made it; the newest is the lobby's state (none yet: planned).

"Cancelled" calls the lobby off through the lobbies' own service, so every feed shows it;
"Planned" or "Under way" puts a cancelled lobby back on where the caller may (the organisers'
board; a local host may not undo the organisers). Services flush; views commit.
"""

from flask_babel import gettext as _
from sqlalchemy import func, select

from organiser.board.models import STATES, LobbyStateChange
from organiser.extensions import db
from organiser.lobbies import services as lobby_services
from organiser.lobbies.models import Lobby

GOING_AHEAD = ("planned", "under_way")  # states that put a cancelled lobby back on
NOTE_LENGTH = 500
NAME_LENGTH = 200


def by_organiser(organiser) -> str:
    """How an organiser's change is signed on the board, e.g. "Ann Smith (organiser)" (kept
    as written, in the organiser's language)."""
    return _("%(name)s (organiser)", name=organiser.name)


def record_state(
    lobby: Lobby, state: str, *, by: str, note: str = "", may_reinstate: bool = False
) -> LobbyStateChange:
    """Record the lobby's new state, who set it (a display name) and a note, now; flushed.
    Cancelled calls the lobby off (calendars follow); with may_reinstate, planned or under way
    puts a cancelled one back on. ValueError for a state not in STATES."""
    if state not in STATES:
        raise ValueError(f"not a lobby state: {state!r}")
    note = note.strip()
    if state == "cancelled" and not lobby.is_cancelled:
        lobby_services.cancel_lobby(lobby, note[:NOTE_LENGTH])
    elif state in GOING_AHEAD and lobby.is_cancelled and may_reinstate:
        lobby_services.reinstate_lobby(lobby)
    change = LobbyStateChange(
        lobby_id=lobby.id, state=state, note=note[:NOTE_LENGTH], changed_by=by[:NAME_LENGTH]
    )
    db.session.add(change)
    db.session.flush()
    return change


def current_states(lobby_ids: list[int]) -> dict[int, LobbyStateChange]:
    """The newest change of each of these lobbies; a lobby with none is absent (planned)."""
    if not lobby_ids:
        return {}
    newest = (
        select(func.max(LobbyStateChange.id))
        .where(LobbyStateChange.lobby_id.in_(lobby_ids))
        .group_by(LobbyStateChange.lobby_id)
    )
    changes = db.session.scalars(select(LobbyStateChange).where(LobbyStateChange.id.in_(newest)))
    return {change.lobby_id: change for change in changes}


def trails(lobby_ids: list[int], per_lobby: int = 20) -> dict[int, list[LobbyStateChange]]:
    """Each lobby's audit trail, newest first, at most per_lobby changes each; a lobby with
    no change is absent."""
    if not lobby_ids:
        return {}
    rank = (
        func.row_number()
        .over(partition_by=LobbyStateChange.lobby_id, order_by=LobbyStateChange.id.desc())
        .label("rank")
    )
    ranked = (
        select(LobbyStateChange.id, rank).where(LobbyStateChange.lobby_id.in_(lobby_ids)).subquery()
    )
    changes = db.session.scalars(
        select(LobbyStateChange)
        .join(ranked, ranked.c.id == LobbyStateChange.id)
        .where(ranked.c.rank <= per_lobby)
        .order_by(LobbyStateChange.lobby_id, LobbyStateChange.id.desc())
    )
    found: dict[int, list[LobbyStateChange]] = {}
    for change in changes:
        found.setdefault(change.lobby_id, []).append(change)
    return found


def shown_state(
    lobby: Lobby, latest: LobbyStateChange | None
) -> tuple[str, LobbyStateChange | None]:
    """The state the board shows and the change that set it (None: nobody set it here). A
    lobby cancelled or reinstated on its own page since its last change shows as such."""
    if latest is None:
        return ("cancelled" if lobby.is_cancelled else "planned"), None
    if lobby.is_cancelled and latest.state in GOING_AHEAD:
        return "cancelled", None
    if not lobby.is_cancelled and latest.state == "cancelled":
        return "planned", None
    return latest.state, latest


def record_delivered(lobby: Lobby, *, by: str, received_by: str, notes: str) -> None:
    """The board's side of a delivery recorded after the lobby: state "delivered" with a note
    naming who received the letter (unless the lobby shows just that already: a form sent
    twice is one change)."""
    parts = [_("Received by %(name)s.", name=received_by) if received_by else "", notes]
    note = " ".join(part for part in parts if part)[:NOTE_LENGTH]
    latest = current_states([lobby.id]).get(lobby.id)
    if latest is None or (latest.state, latest.note) != ("delivered", note):
        record_state(lobby, "delivered", by=by, note=note)
