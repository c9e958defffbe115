"""The campaign map: Leaflet (vendored under static/, no CDN) over tiles from MAP_TILE_URL,
markers from the campaign's lobbies as GeoJSON, and the pin in the organisers' lobby form."""

from flask import Flask

from organiser.maps import views

LEAFLET = "vendor/leaflet-1.9.4"  # static folder of the pinned Leaflet (npm pack leaflet@1.9.4)


def init_app(app: Flask) -> None:
    """The GeoJSON endpoint, and where templates find Leaflet (`leaflet` global)."""
    app.register_blueprint(views.bp)
    app.add_template_global(LEAFLET, "leaflet")
