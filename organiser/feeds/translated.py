"""Feeds in other languages than English: the lobby_event table keeps English VEVENTs (what
plain feeds and subscribed calendars read); other languages' VEVENTs are kept in each worker
(cache.translated), keyed on the lobby's lobby_event revision, so any change to a lobby
rebuilds it in every language, and the UID and SEQUENCE are the same in all of them.
"""

from functools import partial

from flask import current_app

from organiser.db_types import utcnow
from organiser.feeds import cache, ical
from organiser.feeds.sources import event_sources
from organiser.lobbies.places import country_name, local_country_name

ENGLISH = "en"
BUILD_CHUNK = 500


def namer(language: str):
    """The country names a feed in this language writes in LOCATION."""
    return country_name if language == ENGLISH else partial(local_country_name, language=language)


def _key(row, language: str, format_key: str) -> tuple:
    return (language, format_key, row.id, row.uid, row.revision or 0)


def events(rows, language: str, format_key: str, store) -> dict[int, bytes]:
    """Each row's VEVENT in this language (the language in force): from this worker's memory,
    else built now. A lobby with no lobby_event row yet gets one at revision 0 (store), so the
    next change to it moves the revision on and its kept bytes are no longer used."""
    found = {row.id: cache.translated.get(_key(row, language, format_key)) for row in rows}
    missing = [row for row in rows if found[row.id] is None]
    site_url, dtstamp = current_app.config["SITE_URL"], utcnow()
    for start in range(0, len(missing), BUILD_CHUNK):
        chunk = missing[start : start + BUILD_CHUNK]
        lobbies = event_sources([row.id for row in chunk])
        inserts = []
        for row in chunk:
            lobby = lobbies.get(row.id)
            if lobby is None:  # deleted meanwhile: leave it out
                del found[row.id]
                continue
            built = ical.event_bytes(lobby, site_url, dtstamp, namer(language))
            found[row.id] = built
            cache.translated.set(_key(row, language, format_key), built)
            if row.revision is None:
                inserts.append({"lid": row.id, "ics": None, "key": ""})
        store([], inserts)
    return found
