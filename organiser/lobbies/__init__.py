"""Campaigns, targets, lobbies and their demands."""

from flask import Flask

from organiser.lobbies import deletion_views, organise_views, views


def init_app(app: Flask) -> None:
    """The public lobby and campaign pages and the organisers' area (other features add their
    panels to these pages from their own init_app); deleting lobbies, targets, campaigns."""
    app.register_blueprint(views.bp)
    app.register_blueprint(organise_views.bp)
    app.register_blueprint(deletion_views.bp)
