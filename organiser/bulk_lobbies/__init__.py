"""Bulk lobbies: a day of action imported from a CSV file (previewed, then saved in one
transaction), and a campaign's lobbies exported in the same shape."""

from flask import Flask

from organiser.bulk_lobbies import panels, views
from organiser.panels import register_panel


def init_app(app: Flask) -> None:
    """The import and export pages, and their links on the organiser's campaign page."""
    app.register_blueprint(views.bp)
    register_panel(
        app,
        "organise_campaign",
        "bulk_lobbies/_organise_campaign.html",
        panels.organise_bulk_lobbies,
        order=15,
    )
