"""The feeds' panels: "Add to calendar" on a lobby's page, "Follow this campaign" on a
campaign's page (registered in organiser.feeds.init_app)."""

from flask import url_for
from flask_babel import gettext as _

from organiser.feeds.links import event_links, subscribe_links
from organiser.feeds.views import absolute, in_readers_language
from organiser.lobbies.models import Campaign, Lobby


def lobby_calendar(lobby: Lobby) -> dict:
    """The lobby's "Add to calendar" addresses: its .ics, Google, Outlook."""
    links = event_links(lobby, absolute("public.lobby", slug=lobby.slug))
    links["ics"] = url_for("feeds.lobby_ics", slug=lobby.slug, **in_readers_language())
    return {"calendar_links": links}


def campaign_calendar(campaign: Campaign) -> dict:
    """The addresses that subscribe a calendar to the campaign's feed."""
    feed = absolute("feeds.campaign_feed", slug=campaign.slug, **in_readers_language())
    return {
        "campaign": campaign,
        "feed_links": subscribe_links(feed, _("Lobbies: %(names)s", names=campaign.name)),
    }
