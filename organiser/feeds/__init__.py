"""Calendar feeds: ICS for every lobby, a campaign, a country or a city, cached per change."""

from flask import Flask

from organiser.database import on_session_event
from organiser.extensions import limiter
from organiser.feeds import cache, counter, panels, views
from organiser.lobbies import day_list
from organiser.panels import register_panel


def init_app(app: Flask) -> None:
    """The feeds and the subscribe page; every flush of this app's sessions that changes what a
    feed shows raises the feeds' change counter (cache.py); the calendar panels."""
    app.register_blueprint(views.bp)
    if views.not_rate_limited not in limiter._request_filters:  # one limiter for every app
        limiter.request_filter(views.not_rate_limited)
    on_session_event(app, "before_flush", cache.before_flush)
    on_session_event(app, "do_orm_execute", cache.after_bulk_change)
    day_list.register_version(app, counter.counter_version)
    register_panel(app, "lobby", "feeds/_lobby_calendar.html", panels.lobby_calendar, order=10)
    register_panel(
        app, "campaign", "feeds/_campaign_calendar.html", panels.campaign_calendar, order=10
    )
