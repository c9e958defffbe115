"""What an organiser may touch: only the campaigns they own."""

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from organiser.extensions import db
from organiser.lobbies.models import Campaign, Lobby, Target


def owned_campaign(slug: str) -> Campaign:
    """The campaign if the current organiser owns it; 404 otherwise (others' look absent)."""
    campaign = db.first_or_404(select(Campaign).where(Campaign.slug == slug))
    if not campaign.is_owned_by(current_user):
        abort(404)
    return campaign


def owned_lobby(slug: str) -> Lobby:
    """The lobby if the current organiser owns its campaign; 404 otherwise."""
    lobby = db.first_or_404(select(Lobby).where(Lobby.slug == slug))
    if not lobby.campaign.is_owned_by(current_user):
        abort(404)
    return lobby


def owned_target(target_id: int) -> Target:
    """The target if the current organiser owns its campaign; 404 otherwise."""
    target = db.get_or_404(Target, target_id)
    if not target.campaign.is_owned_by(current_user):
        abort(404)
    return target
