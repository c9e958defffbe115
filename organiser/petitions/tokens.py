"""Signed, expiring links for confirming and withdrawing a signature (itsdangerous)."""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

CONFIRM = "signature-confirm"
WITHDRAW = "signature-withdraw"
WITHDRAW_DAYS = 3650


class TokenError(Exception):
    """A link that is forged, damaged or expired; `expired` tells which."""

    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose)


def _fingerprint(email_key: str) -> str:
    """A short digest of the email, so a token never fits a later row with a reused id."""
    return hashlib.sha256(email_key.encode()).hexdigest()[:16]


def make_token(purpose: str, signature_id: int, email_key: str) -> str:
    """A token for this signature and purpose."""
    return _serializer(purpose).dumps([signature_id, _fingerprint(email_key)])


def read_token(purpose: str, token: str) -> tuple[int, str]:
    """The signature id and email fingerprint in a token; TokenError if forged or expired."""
    days = current_app.config["CONFIRM_TOKEN_DAYS"] if purpose == CONFIRM else WITHDRAW_DAYS
    try:
        signature_id, fingerprint = _serializer(purpose).loads(token, max_age=days * 86400)
    except SignatureExpired as error:
        raise TokenError(expired=True) from error
    except (BadSignature, ValueError, TypeError) as error:
        raise TokenError(expired=False) from error
    if not isinstance(signature_id, int) or not isinstance(fingerprint, str):
        raise TokenError(expired=False)
    return signature_id, fingerprint


def matches(signature, fingerprint: str) -> bool:
    """Whether the token was made for this signature's email."""
    return signature.email_key is not None and _fingerprint(signature.email_key) == fingerprint
