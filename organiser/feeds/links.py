"""Addresses for subscribing to a feed and adding one lobby, in each calendar's own form."""

from datetime import UTC, datetime
from urllib.parse import quote, urlencode

from flask_babel import gettext as _

from organiser.feeds.ical import clean_text, location_text
from organiser.lobbies.places import country_name


def webcal(url: str) -> str:
    """The webcal:// form of an http(s) feed address (calendar apps open it to subscribe)."""
    return "webcal://" + url.split("://", 1)[-1]


def subscribe_links(feed_url: str, name: str) -> dict[str, str]:
    """webcal, Google Calendar (subscribe by URL) and Outlook links for a feed."""
    query = urlencode({"url": feed_url, "name": name})
    return {
        "https": feed_url,
        "webcal": webcal(feed_url),
        "google": "https://calendar.google.com/calendar/r?cid=" + quote(webcal(feed_url), safe=""),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?" + query,
        "office": "https://outlook.office.com/calendar/0/addfromweb?" + query,
    }


def utc_stamp(instant: datetime, basic: bool = True) -> str:
    """A UTC instant as the calendars' links take it: 20310620T110000Z (basic) or
    2031-06-20T11:00:00Z. The year always has four digits: strftime's %Y writes year 1 as
    "1" here, which the calendars would read as another date."""
    instant = instant.astimezone(UTC)  # the same instant back when it is in UTC already
    year = f"{instant.year:04d}"
    return year + (f"{instant:%m%dT%H%M%SZ}" if basic else f"{instant:-%m-%dT%H:%M:%SZ}")


def event_links(lobby, page_url: str) -> dict[str, str]:
    """Google Calendar and Outlook links that add this one lobby."""
    title = clean_text(lobby.title)
    if lobby.is_cancelled:
        title = _("Cancelled: %(title)s", title=title)
    where = location_text(lobby, country_name)
    details = f"{page_url}"
    google = urlencode(
        {
            "action": "TEMPLATE",
            "text": title,
            "dates": f"{utc_stamp(lobby.starts_at)}/{utc_stamp(lobby.ends_at)}",
            "ctz": lobby.timezone,
            "location": where,
            "details": details,
        }
    )
    outlook = urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": title,
            "startdt": utc_stamp(lobby.starts_at, basic=False),
            "enddt": utc_stamp(lobby.ends_at, basic=False),
            "location": where,
            "body": details,
        }
    )
    return {
        "google": "https://calendar.google.com/calendar/render?" + google,
        "outlook": "https://outlook.live.com/calendar/0/deeplink/compose?" + outlook,
        "office": "https://outlook.office.com/calendar/0/deeplink/compose?" + outlook,
    }
