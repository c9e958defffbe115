"""Local hosts: a public form to propose a city's lobby, confirmed by email, approved by the
campaign's organisers into a lobby, and the host's private link to run it on the day."""

import os

from flask import Flask

from organiser.hosting import organise_views, panels, views
from organiser.panels import register_panel


def init_app(app: Flask) -> None:
    """The hosts' pages and the organisers' hosting pages; the panels on the campaign pages;
    HOST_PROPOSAL_RATE_LIMIT (proposals per address per campaign) unless configured."""
    app.config.setdefault(
        "HOST_PROPOSAL_RATE_LIMIT", os.environ.get("HOST_PROPOSAL_RATE_LIMIT", "5 per hour")
    )
    app.register_blueprint(views.bp)
    app.register_blueprint(organise_views.bp)
    register_panel(app, "campaign", "hosting/_campaign_invite.html", panels.invite_hosts, order=40)
    register_panel(
        app,
        "organise_campaign",
        "hosting/_organise_campaign.html",
        panels.organise_hosting,
        order=40,
    )
