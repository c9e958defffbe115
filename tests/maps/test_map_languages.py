"""The campaign map's markers in the reader's language: times written in it, kept apart per
language in the process cache, and the map script's words given translated by the page."""

import json
from datetime import datetime

import pytest

from organiser import i18n


@pytest.fixture(autouse=True)
def russian_offered(monkeypatch):
    """Russian among the languages offered (whatever the catalogs' state)."""
    monkeypatch.setitem(i18n.LANGUAGES, "ru", "Русский")


def test_marker_times_are_in_the_readers_language(client, campaign, make_lobby):
    make_lobby(campaign, datetime(2031, 12, 16, 12), latitude=51.4946, longitude=-0.1717)
    url = f"/campaigns/{campaign.slug}/lobbies.geojson"

    def marker_time(lang: str) -> str:
        response = client.get(f"{url}?lang={lang}")
        assert "Accept-Language" in response.vary
        return json.loads(response.data)["features"][0]["properties"]["time"]

    assert marker_time("en") == "Tue 16 December 2031, 12:00 GMT"
    assert "декабря" in marker_time("ru")
    assert marker_time("en") == "Tue 16 December 2031, 12:00 GMT"  # each language kept apart


def test_the_map_script_gets_its_words_from_the_page(client, campaign):
    page = client.get(f"/campaigns/{campaign.slug}").get_data(as_text=True)
    assert 'data-cancelled="Cancelled" data-past="Past"' in page
