"""Revocable sessions. Every session of an account (each device, each copied cookie) holds
the account's current session token beside its id; replacing or clearing the token ends
them all at once: at logout, at a password change, at the account's removal."""

import hmac
import secrets

from flask import Flask

from organiser.accounts.models import Organiser
from organiser.extensions import db, login_manager
from organiser.routing import LARGEST_ID


def load_organiser(session_id: str) -> Organiser | None:
    """The organiser a session names, while its token is the account's current one."""
    organiser_id, _, token = session_id.partition(":")
    if not (organiser_id.isascii() and organiser_id.isdigit()) or int(organiser_id) > LARGEST_ID:
        return None
    organiser = db.session.get(Organiser, int(organiser_id))
    if organiser is None or not organiser.is_active or not organiser.session_token:
        return None
    return organiser if hmac.compare_digest(organiser.session_token, token) else None


def start_session(organiser: Organiser) -> None:
    """Give the account a session token if it has none (its other sessions keep theirs)."""
    if not organiser.session_token:
        organiser.session_token = secrets.token_urlsafe(32)


def end_sessions(organiser: Organiser) -> None:
    """End every session of the account, on every device; the caller commits."""
    organiser.session_token = None


def init_app(app: Flask) -> None:
    """Sessions name organisers through load_organiser."""
    login_manager.user_loader(load_organiser)
