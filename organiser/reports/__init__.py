"""Reports of the day: per lobby, what happened, how many came, the target's response and
photos published with consent; the campaign's report page and its Atom feed."""

from flask import Flask

from organiser.panels import register_panel
from organiser.reports import panels, views


def init_app(app: Flask) -> None:
    """The report routes; the report panels on the lobby and campaign pages."""
    app.register_blueprint(views.bp)
    register_panel(app, "lobby", "reports/_lobby_report.html", panels.lobby_panel, order=30)
    register_panel(app, "campaign", "reports/_campaign_report.html", panels.campaign_panel, 15)
    register_panel(
        app, "organise_campaign", "reports/_organise_campaign.html", panels.organise_panel, 40
    )
