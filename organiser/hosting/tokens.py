"""The host's links: random tokens mailed to the host, kept only as hashes (a copy of the
database opens no link), each hash bound to its purpose (a confirmation link never opens a
host's page)."""

import hashlib
import secrets

CONFIRM = "confirm"
HOST = "host"
MAX_LENGTH = 100  # longer than any token we make: not hashed, simply not found


def new_token(purpose: str) -> tuple[str, str]:
    """A fresh token for the link, and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(purpose, token)


def token_hash(purpose: str, token: str) -> str:
    """The stored form of a token for one purpose (64 hex digits)."""
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()
