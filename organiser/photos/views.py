"""The public photo route: a stored photo's JPEG, cached by browsers for good."""

from flask import Blueprint, make_response, request
from sqlalchemy import select

from organiser.extensions import db
from organiser.photos.models import Photo

bp = Blueprint("photos", __name__)

FOR_GOOD = "public, max-age=31536000, immutable"  # a photo never changes under its id


@bp.route("/photos/<int:photo_id>.jpg")
def photo(photo_id: int):
    """The photo's JPEG; its id is its ETag (a repeat with If-None-Match gets a 304)."""
    etag = f"photo-{photo_id}"
    if etag in request.if_none_match:
        exists = db.session.scalar(select(Photo.id).where(Photo.id == photo_id))
        if exists is not None:
            return answer(make_response(b""), etag)
    found = db.get_or_404(Photo, photo_id)
    return answer(make_response(found.data), etag, found.content_type)


def answer(response, etag: str, content_type: str = "image/jpeg"):
    """The response with its cache headers, made conditional on the request."""
    response.headers["Content-Type"] = content_type
    response.headers["Cache-Control"] = FOR_GOOD
    response.set_etag(etag)
    return response.make_conditional(request)
