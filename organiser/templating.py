"""Filters and globals the templates use."""

from urllib.parse import urlencode

from flask import Flask

from organiser.lobbies.localtime import clock_time, wall_clock
from organiser.lobbies.places import country_name


def osm_link(lobby) -> str:
    """An OpenStreetMap link for the lobby's place: its point if known, else a search."""
    if lobby.latitude is not None and lobby.longitude is not None:
        return (
            f"https://www.openstreetmap.org/?mlat={lobby.latitude}&mlon={lobby.longitude}"
            f"#map=18/{lobby.latitude}/{lobby.longitude}"
        )
    query = ", ".join(
        part
        for part in (
            lobby.address.replace("\n", ", "),
            lobby.postcode,
            lobby.city,
            country_name(lobby.country),
        )
        if part
    )
    return "https://www.openstreetmap.org/search?" + urlencode({"query": query})


def register_template_helpers(app: Flask) -> None:
    """Local time, country names and map links for templates."""
    app.add_template_filter(wall_clock, "wall_clock")
    app.add_template_filter(clock_time, "clock_time")
    app.add_template_filter(country_name, "country_name")
    app.add_template_global(osm_link, "osm_link")
