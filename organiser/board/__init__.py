"""The day's board: each lobby's state through the day, its audit trail, the coordinator's
board that refreshes itself."""

from flask import Flask

from organiser.board import panels, views
from organiser.panels import register_panel


def init_app(app: Flask) -> None:
    """The board's pages and its link on the organiser's campaign page."""
    app.register_blueprint(views.bp)
    register_panel(
        app, "organise_campaign", "board/_organise_campaign.html", panels.campaign_board_link, 5
    )
