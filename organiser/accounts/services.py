"""Creating organiser accounts and checking their passwords."""

from sqlalchemy import select

from organiser.accounts.models import Organiser
from organiser.accounts.passwords import hash_password, needs_rehash, verify_password
from organiser.extensions import db

MIN_PASSWORD_LENGTH = 12


def normalise_email(email: str) -> str:
    """Emails compare trimmed and case-folded."""
    return email.strip().casefold()


def find_organiser(email: str) -> Organiser | None:
    """The organiser with this email, if any."""
    return db.session.scalar(select(Organiser).where(Organiser.email == normalise_email(email)))


def create_organiser(email: str, name: str, password: str) -> Organiser:
    """Add an organiser account; the caller commits."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")
    if find_organiser(email):
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
