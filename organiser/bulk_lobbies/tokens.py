"""The checked file carried from the preview to the confirmation: its text in a hidden field,
signed (and compressed) with itsdangerous, bound to the campaign, read back only unchanged and
within a working day; the confirmation checks it again against the campaign as it is then."""

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer

SALT = "organiser.bulk_lobbies.preview"
MAX_AGE = 8 * 3600
# The hidden field must come back within the form limits (Flask's MAX_FORM_MEMORY_SIZE).
MAX_LENGTH = 450_000


class PreviewSpoilt(ValueError):
    """A preview token that was changed, has expired, or belongs to another campaign."""


def serializer() -> URLSafeTimedSerializer:
    """This app's signer for previews."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def sign(campaign_id: int, text: str) -> str | None:
    """The token for this file and campaign; None if it would be too long to send back."""
    token = serializer().dumps({"campaign": campaign_id, "csv": text})
    return token if len(token) <= MAX_LENGTH else None


def unsign(token: str, campaign_id: int) -> str:
    """The file's text, if the token is one of ours for this campaign and still fresh."""
    try:
        found = serializer().loads(token, max_age=MAX_AGE)
    except BadData as error:
        raise PreviewSpoilt(str(error)) from error
    if not isinstance(found, dict) or found.get("campaign") != campaign_id:
        raise PreviewSpoilt("another campaign's preview")
    if not isinstance(found.get("csv"), str):
        raise PreviewSpoilt("no file in the preview")
    return found["csv"]
