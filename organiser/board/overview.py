"""What the coordinator's board shows: every target of a campaign, covered by a lobby or not,
and every lobby with its state, when and by whom it changed, its trail and its form; and the
board's version, cheap to compute, for the ETag of the polled board."""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from flask_babel import get_locale
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from organiser.board.forms import StateForm
from organiser.board.models import STATES, LobbyStateChange
from organiser.board.states import current_states, shown_state, trails
from organiser.extensions import db
from organiser.letters.models import Delivery
from organiser.lobbies.localtime import by_local_day, local_day
from organiser.lobbies.models import Campaign, Lobby, Target

FORMAT = "board-1"  # raise when the board's HTML changes, so pollers fetch the new one


@dataclass
class LobbyCard:
    """One lobby on the board."""

    lobby: Lobby
    state: str
    change: LobbyStateChange | None  # the change that set the state shown, if made here
    trail: list[LobbyStateChange]
    form: StateForm
    photo_id: int | None = None  # the delivery's photo of the stamped copy

    @property
    def label(self) -> str:
        """The state as people say it, in the reader's language."""
        return str(STATES[self.state])

    @property
    def lobby_day(self) -> date:
        """The lobby's date at the venue."""
        return local_day(self.lobby.starts_at, self.lobby.timezone)

    @property
    def changed_day(self) -> date | None:
        """The date at the venue when the state shown was set (None: not set here)."""
        if self.change is None:
            return None
        return local_day(self.change.changed_at, self.lobby.timezone)


@dataclass
class TargetLine:
    """A target of the campaign and the lobbies that cover it (none yet: a gap in the day)."""

    target: Target
    cards: list[LobbyCard] = field(default_factory=list)


@dataclass
class Board:
    """The whole board of a campaign."""

    campaign: Campaign
    days: list[tuple[date, list[LobbyCard]]]
    targets: list[TargetLine]
    counts: dict[str, int]  # lobbies per state shown, in the day's order


def campaign_board(campaign: Campaign, posted: tuple[int, StateForm] | None = None) -> Board:
    """The campaign's board; posted (lobby id, form) puts a form sent with errors back in its
    lobby's card."""
    lobbies = db.session.scalars(
        select(Lobby)
        .options(joinedload(Lobby.target))
        .where(Lobby.campaign_id == campaign.id)
        .order_by(Lobby.starts_at, Lobby.id)
    ).all()
    ids = [lobby.id for lobby in lobbies]
    latest, histories = current_states(ids), trails(ids)
    photos = dict(
        db.session.execute(
            select(Delivery.lobby_id, Delivery.photo_id).where(
                Delivery.lobby_id.in_(ids), Delivery.photo_id.is_not(None)
            )
        ).all()
    )
    cards = {}
    for lobby in lobbies:
        state, change = shown_state(lobby, latest.get(lobby.id))
        if posted and posted[0] == lobby.id:
            form = posted[1]
        else:
            form = StateForm(formdata=None, data={"state": state})
        trail = histories.get(lobby.id, [])
        cards[lobby.id] = LobbyCard(lobby, state, change, trail, form, photos.get(lobby.id))
    targets = db.session.scalars(
        select(Target).where(Target.campaign_id == campaign.id).order_by(Target.name, Target.id)
    ).all()
    lines = {target.id: TargetLine(target) for target in targets}
    for lobby in lobbies:
        if lobby.target_id in lines:
            lines[lobby.target_id].cards.append(cards[lobby.id])
    days = [(day, [cards[lobby.id] for lobby in found]) for day, found in by_local_day(lobbies)]
    shown = [card.state for card in cards.values()]
    counts = {key: shown.count(key) for key in STATES if key in shown}
    return Board(campaign, days, list(lines.values()), counts)


def board_version(campaign_id: int, reader_id: int) -> str:
    """A tag that changes whenever the board would: a state recorded, a lobby added, changed
    (cancelled, moved) or deleted, a delivery recorded, a target added or removed. One query
    over indexed columns; the reader is part of it, as the board's forms carry their session's
    CSRF token, and so is the reader's language, the board's words being in it."""
    of_campaign, targets_of = Lobby.campaign_id == campaign_id, Target.campaign_id == campaign_id
    newest_change = (
        select(func.max(LobbyStateChange.id))
        .join(Lobby, Lobby.id == LobbyStateChange.lobby_id)
        .where(of_campaign)
    )
    row = db.session.execute(
        select(
            newest_change.scalar_subquery(),
            select(func.count(Lobby.id)).where(of_campaign).scalar_subquery(),
            select(func.max(Lobby.updated_at)).where(of_campaign).scalar_subquery(),
            select(func.max(Delivery.recorded_at))
            .join(Lobby, Lobby.id == Delivery.lobby_id)
            .where(of_campaign)
            .scalar_subquery(),
            select(func.count(Target.id)).where(targets_of).scalar_subquery(),
            select(func.max(Target.id)).where(targets_of).scalar_subquery(),
        )
    ).one()
    parts = [FORMAT, str(campaign_id), str(reader_id), str(get_locale()), *map(str, row)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
