"""The board in the reader's language: its polled fragment is tagged per language, so a
coordinator who switches language gets the board anew, never a 304 for the other one."""

import pytest

from organiser import i18n


@pytest.fixture(autouse=True)
def russian_offered(monkeypatch):
    """Russian among the languages offered (whatever the catalogs' state)."""
    monkeypatch.setitem(i18n.LANGUAGES, "ru", "Русский")


def test_the_polled_board_differs_by_language(owner, day):
    live = day.board + "/live"
    english = owner.get(live + "?lang=en")
    assert english.status_code == 200
    assert (
        owner.get(live + "?lang=en", headers={"If-None-Match": english.headers["ETag"]}).status_code
        == 304
    )
    russian = owner.get(live + "?lang=ru", headers={"If-None-Match": english.headers["ETag"]})
    assert russian.status_code == 200
    assert russian.headers["ETag"] != english.headers["ETag"]
    assert "Accept-Language" in russian.vary
