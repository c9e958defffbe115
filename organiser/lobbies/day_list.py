"""The campaign page's lobbies (place links, upcoming and past days), rendered once per change
in each worker: a campaign of 500 lobbies is too long a list to lay out at every view.

A kept list is current while the lobbies' version is unchanged and until the next of its lobbies
ends (that one then moves to the past). The version comes from the feature that counts changes
to lobbies, campaigns and targets (the feeds' change counter, raised in the transaction of any
such change), which registers it with register_version from its init_app; the lobbies package
knows none of the features that add to its pages. With none registered, nothing is kept.
"""

from collections.abc import Callable, Hashable
from datetime import datetime

from flask import Flask, current_app, render_template
from markupsafe import Markup

from organiser.caching import ProcessCache
from organiser.lobbies.listing import Place, campaign_lobbies, place_choices
from organiser.lobbies.localtime import by_local_day, reader_language

# (rendered list, instant it stops being current), by counter, campaign, place and the
# reader's language (the list's words, dates and country names are in it).
VERSION = "organiser.lobbies_version"
kept_lists = ProcessCache(
    "campaign lobby lists", maxsize=32 * 1024 * 1024, sizeof=lambda kept: len(kept[0])
)


def register_version(app: Flask, read_version: Callable[[], Hashable]) -> None:
    """Let this app's campaign pages keep their lists while read_version() gives the same value
    (it must change in the transaction of every change to a lobby, campaign or target)."""
    app.extensions[VERSION] = read_version


def campaign_list(campaign_id: int, place: Place, now: datetime) -> Markup:
    """The campaign's lobbies in that place, as the page shows them."""
    read_version = current_app.extensions.get(VERSION)
    if read_version is None:
        return render_list(campaign_id, place, now)[0]
    key = (read_version(), campaign_id, place, reader_language())
    kept = kept_lists.get(key)
    if kept is not None and now < kept[1]:
        return kept[0]
    html, until = render_list(campaign_id, place, now)
    kept_lists.set(key, (html, until))
    return html


def render_list(campaign_id: int, place: Place, now: datetime) -> tuple[Markup, datetime]:
    """The list rendered now, and when it stops being current (the next lobby's end; or
    the latest instant there is, when every lobby is over)."""
    lobbies = campaign_lobbies(campaign_id)
    countries, cities = place_choices(lobbies, place)
    shown = [lobby for lobby in lobbies if place.keeps(lobby)]
    upcoming = [lobby for lobby in shown if lobby.ends_at >= now]
    html = render_template(
        "lobbies/_campaign_lobbies.html",
        place=place,
        countries=countries,
        cities=cities,
        shown=len(shown),
        upcoming=by_local_day(upcoming),
        past=by_local_day((lobby for lobby in shown if lobby.ends_at < now), newest_first=True),
        now=now,
    )
    until = min(
        (lobby.ends_at for lobby in upcoming), default=datetime.max.replace(tzinfo=now.tzinfo)
    )
    return Markup(html), until  # noqa: S704 (a template of ours, autoescaped by Jinja)
