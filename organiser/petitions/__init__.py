"""Petitions: signatures confirmed by email, counted exactly, exported for organisers."""

from flask import Flask

from organiser.panels import register_panel
from organiser.petitions import commands, count_copy, organise_views, panels, views


def init_app(app: Flask) -> None:
    """The petition pages and the organisers' petition pages; every commit of this app's
    sessions refreshes this process's copy of the counts; the petition commands and panels."""
    app.register_blueprint(views.bp)
    app.register_blueprint(organise_views.bp)
    count_copy.init_app(app)
    for command in commands.COMMANDS:
        app.cli.add_command(command)
    register_panel(app, "lobby", "petitions/_lobby_petition.html", panels.lobby_petition, order=30)
    register_panel(
        app, "campaign", "petitions/_campaign_petitions.html", panels.campaign_petitions, order=20
    )
    register_panel(
        app,
        "organise_campaign",
        "petitions/_organise_campaign.html",
        panels.organise_petitions,
        order=20,
    )
    for thing in ("lobby", "target", "campaign"):  # what deleting one does to petitions
        deleting = getattr(panels, f"deleting_{thing}")
        register_panel(app, f"delete_{thing}", "petitions/_deleting.html", deleting, order=20)
