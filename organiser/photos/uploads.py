"""Request bodies that carry photos: the views that take them accept a larger body.

The app refuses bodies past MAX_CONTENT_LENGTH (1 MB; organiser/security.py). A view marked
@accepts_photos takes up to PHOTO_UPLOAD_MAX_BYTES instead, so that a photo over
PHOTO_MAX_BYTES reaches the form and is refused there with its reason, next to its field.
"""

from flask import Flask, current_app, request


def accepts_photos(view):
    """Mark a view whose form uploads photos (its bodies may reach PHOTO_UPLOAD_MAX_BYTES)."""
    view.accepts_photos = True
    return view


def raise_limit_for_photos(endpoint: str | None, _values: dict | None) -> None:
    """A photo-taking view's requests get the upload limit (this runs before every
    before_request function: the CSRF check reads the body, and the body limit checks it)."""
    view = current_app.view_functions.get(endpoint or "")
    if getattr(view, "accepts_photos", False):
        request.max_content_length = current_app.config["PHOTO_UPLOAD_MAX_BYTES"]


def register_upload_limit(app: Flask) -> None:
    """As a URL value preprocessor: Flask runs those before any before_request function."""
    app.url_value_preprocessor(raise_limit_for_photos)
