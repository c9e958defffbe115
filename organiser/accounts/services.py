"""Organiser accounts: creating them, checking and changing passwords, removing them."""

from sqlalchemy import select

from organiser.accounts.models import Organiser
from organiser.accounts.passwords import hash_password, needs_rehash, verify_password
from organiser.accounts.sessions import end_sessions, start_session
from organiser.db_types import utcnow
from organiser.extensions import db

MIN_PASSWORD_LENGTH = 12


def normalise_email(email: str) -> str:
    """Emails compare trimmed and case-folded."""
    return email.strip().casefold()


def find_organiser(email: str, removed_too: bool = False) -> Organiser | None:
    """The organiser with this email, if any (a removed one only when asked for)."""
    query = select(Organiser).where(Organiser.email == normalise_email(email))
    if not removed_too:
        query = query.where(Organiser.removed_at.is_(None))
    return db.session.scalar(query)


def check_new_password(password: str) -> None:
    """Refuse a password too short to be safe (forms say the same next to the field)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")


def create_organiser(email: str, name: str, password: str) -> Organiser:
    """Add an organiser account; the caller commits."""
    check_new_password(password)
    if find_organiser(email, removed_too=True):
        raise ValueError(f"An organiser with the email {normalise_email(email)} already exists.")
    organiser = Organiser(
        email=normalise_email(email), name=name.strip(), password_hash=hash_password(password)
    )
    db.session.add(organiser)
    db.session.flush()
    return organiser


def authenticate(email: str, password: str) -> Organiser | None:
    """The organiser if email and password match, else None (the same cost either way)."""
    organiser = find_organiser(email)
    if not verify_password(organiser.password_hash if organiser else None, password):
        return None
    if needs_rehash(organiser.password_hash):
        organiser.password_hash = hash_password(password)
    return organiser


def change_password(organiser: Organiser, current: str, new: str) -> bool:
    """Set a new password if the current one is right; every session of the account ends and
    a new session token is made for the one that asked. The caller commits."""
    if not verify_password(organiser.password_hash, current):
        return False
    check_new_password(new)
    organiser.password_hash = hash_password(new)
    end_sessions(organiser)
    start_session(organiser)
    return True


def remove_organiser(email: str) -> Organiser:
    """Shut an organiser's account: no login, every session ended. Campaigns are untouched:
    shared ones stay with their other organisers. The caller commits."""
    organiser = find_organiser(email)
    if organiser is None:
        raise ValueError(f"No organiser has the email {normalise_email(email)}.")
    organiser.removed_at = utcnow()
    end_sessions(organiser)
    return organiser
