"""Filters and globals the templates use: times, dates and country names in the reader's
language (English: "Mon 4 January 2027, 14:00 GMT", "Monday 4 January 2027", "5 January")."""

from datetime import datetime
from urllib.parse import urlencode

from flask import Flask

from organiser.lobbies.localtime import (
    clock_time,
    day_heading,
    day_of_month,
    long_date,
    reader_language,
    wall_clock,
)
from organiser.lobbies.places import country_name, local_country_name


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


def local_wall_clock(instant: datetime, zone_name: str) -> str:
    """An instant on the venue's clock, in the reader's language."""
    return wall_clock(instant, zone_name, reader_language())


def register_template_helpers(app: Flask) -> None:
    """Local time, dates, country names and map links for templates."""
    app.add_template_filter(local_wall_clock, "wall_clock")
    app.add_template_filter(clock_time, "clock_time")
    app.add_template_filter(day_heading, "day_heading")
    app.add_template_filter(long_date, "long_date")
    app.add_template_filter(day_of_month, "day_of_month")
    app.add_template_filter(local_country_name, "country_name")
    app.add_template_global(osm_link, "osm_link")
