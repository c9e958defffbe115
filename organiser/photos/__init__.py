"""Photos: uploads resized and stripped of EXIF/GPS, kept in the database, served cached.

Other features take photos in their forms with services.store_photo (reports, deliveries)
and mark those views with uploads.accepts_photos so their bodies may be large enough.
"""

import os

from flask import Flask

from organiser.photos import pruning, uploads, views

DEFAULTS = {
    # One photo's file as uploaded; a phone's full-size JPEG is 2 to 8 MB.
    "PHOTO_MAX_BYTES": 10 * 1000 * 1000,
    # A whole form with photos (a report: up to 6 of them, and its text).
    "PHOTO_UPLOAD_MAX_BYTES": 64 * 1000 * 1000,
    # Declared pixels past this are refused from the header, never decoded (48 MP phones).
    "PHOTO_MAX_PIXELS": 50 * 1000 * 1000,
    # Stored photos: at most this many pixels on the long side, JPEG at this quality.
    "PHOTO_LONG_SIDE": 1600,
    "PHOTO_JPEG_QUALITY": 85,
}


def init_app(app: Flask) -> None:
    """The photo route, the larger body limit for photo uploads, the limits' defaults
    (each overridable from the environment), `flask prune-photos`."""
    for name, default in DEFAULTS.items():
        app.config.setdefault(name, int(os.environ.get(name) or default))
    app.register_blueprint(views.bp)
    uploads.register_upload_limit(app)
    app.cli.add_command(pruning.prune_photos_command)
