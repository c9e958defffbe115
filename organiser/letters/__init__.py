"""Protest letters: letter texts per campaign or lobby, the PDF, its cache, deliveries."""

from flask import Flask

from organiser.letters import panels, views
from organiser.panels import register_panel


def init_app(app: Flask) -> None:
    """The letter pages and forms; the letter panels on the lobby and organiser pages."""
    app.register_blueprint(views.bp)
    register_panel(app, "lobby", "letters/_lobby_letter.html", panels.lobby_letter, order=20)
    register_panel(
        app,
        "organise_campaign",
        "letters/_organise_campaign.html",
        panels.campaign_letters,
        order=10,
    )
