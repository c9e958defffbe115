"""Fixtures for the bulk lobbies tests: CSV files of lobbies, and uploading and confirming them
through the organiser's import pages, as a browser does."""

import csv
import html
import io
import re
from types import SimpleNamespace

import pytest

from organiser.extensions import db
from organiser.lobbies import services
from organiser.lobbies.models import Campaign

_HEADER = [
    "city",
    "country",
    "venue",
    "address",
    "postcode",
    "date",
    "start",
    "end",
    "zone",
    "target",
    "title",
    "demands",
]
_FIVE_CITIES = [
    {
        "city": "London",
        "country": "GB",
        "venue": "Outside the Kazakh embassy",
        "address": "33 Thurloe Square",
        "postcode": "SW7 2SD",
        "date": "2031-12-16",
        "start": "12:00",
        "end": "13:00",
        "target": "Embassy of Kazakhstan",
        "demands": "Release all political prisoners!",
    },
    {
        "city": "Berlin",
        "country": "Germany",
        "venue": "Vor der Botschaft",
        "address": "Nordsternstraße 2",
        "postcode": "14193",
        "date": "2031-12-16",
        "start": "13:00",
        "end": "14:30",
        "zone": "Europe/Berlin",
        "target": "embassy of kazakhstan",
        "title": "Berlin steht zusammen",
    },
    {
        "city": "Brussels",
        "country": "BE",
        "venue": "Avenue Van Bever",
        "address": "Avenue Van Bever 30",
        "date": "2031-12-16",
        "start": "13:00",
        "end": "14:00",
    },
    {
        "city": "Vienna",
        "country": "Austria",
        "venue": "Prinz-Eugen-Straße",
        "address": "Prinz-Eugen-Straße 32",
        "date": "2031-12-16",
        "start": "13:30",
        "end": "14:30",
    },
    {
        "city": "Luleå",
        "country": "SE",
        "venue": "Telia shop, Storgatan",
        "address": "Storgatan 40",
        "date": "2031-12-16",
        "start": "14:00",
        "end": "15:00",
        "target": "Telia",
        "demands": "Stop the cuts | Reinstate the strikers\nPay the oil workers",
    },
]
_PREVIEW_TOKEN_RE = re.compile(r'name="payload"[^>]*value="([^"]+)"')
_SUBMISSION_KEY_RE = re.compile(r'name="submission_key"[^>]*value="([^"]+)"')
_CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _to_csv(rows: list[dict], delimiter: str = ",", header: list[str] | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header or _HEADER, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


@pytest.fixture(name="five_cities")
def five_cities_fixture() -> list[dict]:
    """Five lobbies of one day of action (London, Berlin, Brussels, Vienna, Luleå), as CSV rows."""
    return [dict(row) for row in _FIVE_CITIES]


@pytest.fixture(name="lobbies_csv")
def lobbies_csv_fixture():
    """A function (rows, delimiter=",", header=None): the rows as CSV text, header first."""
    return _to_csv


@pytest.fixture(name="day_of_action")
def day_of_action_fixture(app, campaign):
    """The campaign fixture with two more targets: another "Embassy of Kazakhstan" (in Berlin)
    and Telia (in Luleå)."""
    with app.app_context():
        owned = db.session.get(Campaign, campaign.id)
        berlin = services.create_target(
            owned, kind="embassy", name="Embassy of Kazakhstan", city="Berlin", country="DE"
        )
        telia = services.create_target(
            owned, kind="company", name="Telia", city="Luleå", country="SE"
        )
        db.session.commit()
        return SimpleNamespace(**vars(campaign), berlin_target_id=berlin.id, telia_id=telia.id)


class _Importer:
    """Upload a file to a campaign's import page and confirm its preview, as a browser does."""

    def __init__(self, client):
        self.client = client

    def page(self, slug: str) -> str:
        return f"/organise/campaigns/{slug}/lobbies/import"

    def upload(self, slug: str, content: bytes | str, filename: str = "lobbies.csv"):
        """The preview page (or the form with its error) for this file."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        return self.client.submit(
            self.page(slug),
            {"file": (io.BytesIO(data), filename)},
            content_type="multipart/form-data",
        )

    def confirm_fields(self, preview) -> dict:
        """The confirm form's fields in a preview page."""
        text = preview.get_data(as_text=True)
        payload = _PREVIEW_TOKEN_RE.search(text)
        assert payload, "the preview offers no confirmation"
        return {
            "csrf_token": _CSRF_RE.search(text).group(1),
            "payload": html.unescape(payload.group(1)),
            "submission_key": _SUBMISSION_KEY_RE.search(text).group(1),
        }

    def confirm(self, slug: str, preview, **changes):
        """Post the preview's confirm form (with changes to its fields)."""
        fields = {**self.confirm_fields(preview), **changes}
        return self.client.post(f"{self.page(slug)}/confirm", data=fields)


@pytest.fixture(name="importer")
def importer_fixture(client) -> _Importer:
    """importer.upload(slug, content) and importer.confirm(slug, preview) with the client."""
    return _Importer(client)
