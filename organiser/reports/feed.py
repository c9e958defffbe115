"""The campaign's reports as the Atom feed's entries (addresses on the public site)."""

from flask import current_app, render_template
from flask_babel import force_locale

from organiser.feeds.views import absolute
from organiser.lobbies.models import Campaign
from organiser.reports.atom import Entry, Feed, atom
from organiser.reports.models import LobbyReport


def entry(report: LobbyReport) -> Entry:
    """A report as an entry: its lobby's city and title, its text and photos as HTML."""
    lobby = report.lobby
    page = absolute("public.lobby", slug=lobby.slug)
    html = render_template(
        "reports/_report.html", report=report, lobby=lobby, site=current_app.config["SITE_URL"]
    )
    return Entry(
        id=page + "#report",
        title=f"{lobby.city}: {lobby.title}",
        link=page + "#report",
        author=report.author,
        published=report.created_at,
        updated=report.updated_at,
        html=html,
    )


def reports_atom(campaign: Campaign, reports: list[LobbyReport]) -> bytes:
    """The Atom document of these reports (in the order given), in English: one document for
    every reader (its ETag and public cache do not vary by language)."""
    page = absolute("reports.campaign_report", slug=campaign.slug)
    with force_locale("en"):
        entries = [entry(report) for report in reports]
    return atom(
        Feed(
            id=page,
            title=f"Reports: {campaign.name}",
            author=campaign.organisation_name,
            self_link=absolute("reports.campaign_feed", slug=campaign.slug),
            page_link=page,
            updated=campaign.created_at,
        ),
        entries,
    )
