"""Benchmark: pages in Russian against the same pages in English. Run by hand, never part of
the test suite.

    .venv/bin/python bench/languages.py        # SQLite files in a temporary folder
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/db .venv/bin/python bench/...

gunicorn (2 sync workers), wrk asking with Accept-Language: ru and then en (interleaved
rounds, best of each, as bench/day_of_action.py measures): a lobby page and a petition page,
target >= 0.9x (translating must not slow a page down noticeably). The calendar feeds are not
translated yet (issue 10, item 6): they are not measured here.
"""

import os
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.day_of_action import measure, seed_day_of_action, serve  # noqa: E402
from bench.feeds import make_app  # noqa: E402

RUSSIAN, ENGLISH = {"Accept-Language": "ru"}, {"Accept-Language": "en"}


def seed(database_url: str) -> tuple[str, str]:
    """A day of action (500 lobbies) and an open petition of its campaign: their slugs."""
    from sqlalchemy import select

    from organiser.extensions import db
    from organiser.lobbies.models import Campaign, Lobby
    from organiser.petitions.services import create_petition

    app = make_app(database_url)
    slug = seed_day_of_action(app)
    with app.app_context():
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
        lobby = db.session.scalar(select(Lobby.slug).where(Lobby.campaign_id == campaign.id))
        petition = create_petition(campaign, title="Free the oil workers", text="We ask.", goal=500)
        db.session.commit()
        return lobby, petition.slug


def main() -> None:
    folder = tempfile.mkdtemp(prefix="bench-languages-")
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/languages.db"
    print(f"database: {database_url.split('@')[-1]}")
    lobby, petition = seed(database_url)
    server, base = serve(database_url)
    try:
        pages = {"lobby": f"{base}/lobbies/{lobby}", "petition": f"{base}/petitions/{petition}"}
        for url in pages.values():
            for headers, word in ((RUSSIAN, b'lang="ru"'), (ENGLISH, b'lang="en"')):
                for _ in range(4):  # both workers warm, in both languages
                    request = urllib.request.Request(url, headers=headers)
                    assert word in urllib.request.urlopen(request, timeout=60).read()
        targets = {}
        for name, url in pages.items():
            targets[f"{name} ru"] = (url, RUSSIAN)
            targets[f"{name} en"] = (url, ENGLISH)
        rates, per_cpu = measure(server, targets)
    finally:
        server.terminate()
        server.wait()
    for label, figures in (("req/s", rates), ("req per worker CPU-second", per_cpu)):
        print(label)
        for name in pages:
            ru, en = figures[f"{name} ru"], figures[f"{name} en"]
            print(f"  {name} page: Russian {ru:.0f}, English {en:.0f}: {ru / en:.2f}x (>= 0.9x)")


if __name__ == "__main__":
    main()
