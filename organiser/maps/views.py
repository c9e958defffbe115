"""/campaigns/<slug>/lobbies.geojson: the markers of a campaign's map, with the feeds' cache
discipline (their change counter is the ETag; a 304 reads nothing else)."""

from flask import Blueprint, Response, request
from flask_babel import get_locale
from sqlalchemy import select

from organiser.caching import ProcessCache
from organiser.extensions import db
from organiser.feeds.views import cache_headers, conditional
from organiser.lobbies.listing import place_filter
from organiser.lobbies.models import Campaign
from organiser.maps.geojson import feature_collection, mapped_lobbies

bp = Blueprint("maps", __name__)

GEOJSON_TYPE = "application/geo+json"

# Built collections in this process, by the feeds' ETag (it changes with any change to a
# lobby or campaign), campaign, place and language (the markers' times are written in it):
# never stale, bounded by their total size.
collections = ProcessCache("campaign maps", maxsize=16 * 1024 * 1024, sizeof=len)


@bp.get("/campaigns/<slug>/lobbies.geojson")
@conditional
def campaign_lobbies(checked, slug: str):
    """The campaign's lobbies that have coordinates; ?country= and ?city= narrow them; in the
    reader's language (map.js asks with the page's ?lang=)."""
    place = place_filter(request.args)
    key = (checked.etag, slug, place, str(get_locale()))
    body = collections.get(key)
    if body is None:
        campaign = db.first_or_404(select(Campaign).where(Campaign.slug == slug))
        body = feature_collection(mapped_lobbies(campaign.id, place))
        collections.set(key, body)
    response = cache_headers(Response(body, content_type=GEOJSON_TYPE), checked)
    response.vary.update(("Accept-Language", "Cookie"))
    return response
