"""The subscribe page in the reader's language: its countries named and sorted in it."""

import re

import pytest

from organiser import i18n


@pytest.fixture(autouse=True)
def russian_offered(monkeypatch):
    """Russian among the languages offered (whatever the catalogs' state)."""
    monkeypatch.setitem(i18n.LANGUAGES, "ru", "Русский")


def country_options(page: str) -> list[str]:
    """The country filter's options after "all", as shown."""
    select = re.search(r'<select id="country".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="\w+">([^<]+)</option>', select)


def test_countries_are_named_and_sorted_in_the_readers_language(client, campaign, make_lobby):
    make_lobby(campaign, city="Berlin", country="DE", zone="Europe/Berlin")
    make_lobby(campaign, city="Vienna", country="AT", zone="Europe/Vienna")
    make_lobby(campaign)  # London
    english = client.get("/calendar?lang=en").get_data(as_text=True)
    assert country_options(english) == ["Austria", "Germany", "United Kingdom"]
    russian = client.get("/calendar?lang=ru").get_data(as_text=True)
    assert country_options(russian) == ["Австрия", "Великобритания", "Германия"]
