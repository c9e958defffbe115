"""Benchmark: the day of action. Run by hand, never part of the test suite.

    .venv/bin/python bench/day_of_action.py              # SQLite files in a temporary folder
    BENCH_PARTS=a .venv/bin/python bench/day_of_action.py     # only (a); ab, b, ...
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/db .venv/bin/python bench/...

Prints ratios against a hello-world route of the same app, measured in the same run
(gunicorn, 2 sync workers, load from wrk, interleaved rounds, best of each):
(a) the campaign's day-of-action page with 500 lobbies, target >= 0.5x hello;
(b) its map's GeoJSON with 500 lobbies: 200 >= 0.5x hello, 304 >= 0.8x hello.
Needs wrk (apt-get install wrk).
(c) importing a 1,000-row CSV (the confirm request, through the app, on a fresh schema) against
    creating the same lobbies through lobbies.services.create_lobby in a loop and one commit:
    target <= 1.5x and under 10 s (best of BENCH_ROUNDS interleaved rounds; no wrk needed).
"""

import csv
import io
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.feeds import cpu_seconds, make_app, wrk  # noqa: E402 (the checkout on the path first)

SITE = "https://lobbies.example.org"
DURATION = os.environ.get("BENCH_DURATION", "3s")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 5))
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "8")
LOBBIES = 500
# Cities of a day of action: (city, country, zone, latitude, longitude).
CITIES = [
    ("London", "GB", "Europe/London", 51.4946, -0.1717),
    ("Berlin", "DE", "Europe/Berlin", 52.4829, 13.2653),
    ("Brussels", "BE", "Europe/Brussels", 50.8333, 4.3666),
    ("Vienna", "AT", "Europe/Vienna", 48.1975, 16.3725),
    ("Graz", "AT", "Europe/Vienna", 47.0707, 15.4395),
    ("Stockholm", "SE", "Europe/Stockholm", 59.3326, 18.0649),
    ("Gothenburg", "SE", "Europe/Stockholm", 57.7089, 11.9746),
    ("Luleå", "SE", "Europe/Stockholm", 65.5848, 22.1547),
    ("Mansfield", "GB", "Europe/London", 53.1472, -1.1987),
    ("Sydney", "AU", "Australia/Sydney", -33.8731, 151.2065),
]


def seed_day_of_action(app, count: int = LOBBIES) -> str:
    """A fresh schema with one campaign of count lobbies across ten cities over three days
    (a few cancelled, all with coordinates and a target); the campaign's slug."""
    from sqlalchemy import insert

    from organiser.accounts.services import create_organiser
    from organiser.extensions import db
    from organiser.lobbies import services
    from organiser.lobbies.models import Demand, Lobby

    rng = random.Random(9)
    with app.app_context():
        db.drop_all()
        db.create_all()
        owner = create_organiser(f"{uuid.uuid4().hex}@example.org", "Bench", "bench password 1")
        campaign = services.create_campaign(
            owner, name="Day of action", organisation_name="Campaign Kazakhstan"
        )
        target = services.create_target(
            campaign, kind="embassy", name="Embassy of Kazakhstan", city="London", country="GB"
        )
        day = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
        rows = []
        for n in range(count):
            city, country, zone, lat, lng = CITIES[n % len(CITIES)]
            start = day + timedelta(days=rng.randrange(-1, 2), minutes=15 * rng.randrange(40))
            rows.append(
                dict(
                    campaign_id=campaign.id,
                    target_id=target.id,
                    title=f"Day of action: {city} {n} — Жанаозен ✊",
                    slug=f"lobby-{n}",
                    venue="Outside the embassy",
                    address=f"{n} Thurloe Square",
                    postcode="SW7 2SD",
                    city=city,
                    country=country,
                    directions="",
                    latitude=lat + rng.uniform(-0.05, 0.05),
                    longitude=lng + rng.uniform(-0.05, 0.05),
                    timezone=zone,
                    starts_at=start,
                    ends_at=start + timedelta(hours=1),
                    description="",
                    status="cancelled" if n % 25 == 0 else "scheduled",
                    cancellation_reason="",
                    uid=f"{uuid.uuid4()}@lobbies.example.org",
                    sequence=0,
                    created_at=day,
                    updated_at=day,
                )
            )
        db.session.execute(insert(Lobby), rows)
        ids = db.session.scalars(Lobby.__table__.select().with_only_columns(Lobby.id)).all()
        demands = [
            dict(lobby_id=i, position=1, text="Release all political prisoners!") for i in ids
        ]
        db.session.execute(insert(Demand), demands)
        db.session.commit()
        return campaign.slug


def serve(database_url: str):
    """gunicorn (2 sync workers) on a free port with the app and bench/feeds.py's hello-world
    route; (process, base URL)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1024)
    env = {**os.environ, "DATABASE_URL": database_url, "SITE_URL": SITE, "SECRET_KEY": "bench"}
    server = subprocess.Popen(
        ["gunicorn", "--workers", "2", "--bind", f"fd://{listener.fileno()}"]
        + ["--log-level", "warning", "bench.feeds:bench_app()"],
        cwd=ROOT,
        env={**env, "PATH": f"{Path(sys.executable).parent}:{env['PATH']}"},
        pass_fds=[listener.fileno()],
    )
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/bench/hello", timeout=60).read()
            return server, base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def measure(server, targets: dict[str, tuple[str, dict]]) -> tuple[dict, dict]:
    """Best requests/s of each target over interleaved rounds (the machine is shared), and
    best requests per CPU-second of the workers (steadier when other jobs load the machine)."""
    rates = {name: 0.0 for name in targets}
    per_cpu = {name: 0.0 for name in targets}
    for _ in range(ROUNDS):
        for name, (url, headers) in targets.items():
            before = cpu_seconds(server.pid)
            rate, requests = wrk(url, headers)
            rates[name] = max(rates[name], rate)
            per_cpu[name] = max(per_cpu[name], requests / (cpu_seconds(server.pid) - before))
    return rates, per_cpu


def day_of_action_pages(database_url: str, parts: str) -> None:
    """(a) the campaign page and (b) its GeoJSON, 200 and 304, against hello world."""
    slug = seed_day_of_action(make_app(database_url))
    server, base = serve(database_url)
    try:
        page, geojson = f"{base}/campaigns/{slug}", f"{base}/campaigns/{slug}/lobbies.geojson"
        for _ in range(4):  # both workers warm
            body = urllib.request.urlopen(page, timeout=60).read()
            with urllib.request.urlopen(geojson, timeout=60) as response:
                etag, features = response.headers["ETag"], response.read().count(b'"Feature"')
        assert body.count(b'class="title"') == LOBBIES and features == LOBBIES
        targets = {"hello": (base + "/bench/hello", {})}
        if "a" in parts:
            targets["page"] = (page, {})
        if "b" in parts:
            targets["200"] = (geojson, {})
            targets["304"] = (geojson, {"If-None-Match": etag})
        rates, per_cpu = measure(server, targets)
    finally:
        server.terminate()
        server.wait()
    print(f"gunicorn, 2 sync workers, {LOBBIES} lobbies, page {len(body) // 1000} kB")
    for label, figures in (("req/s", rates), ("req per worker CPU-second", per_cpu)):
        hello = figures["hello"]
        print(f"{label}: hello world {hello:.0f}")
        if "a" in parts:
            page = figures["page"]
            print(f"  (a) campaign page {page:.0f}: {page / hello:.2f}x hello (target >= 0.5x)")
        if "b" in parts:
            ok, unchanged = figures["200"], figures["304"]
            print(
                f"  (b) GeoJSON 200 {ok:.0f}: {ok / hello:.2f}x hello (target >= 0.5x); "
                f"304 {unchanged:.0f}: {unchanged / hello:.2f}x (target >= 0.8x)"
            )


IMPORT_ROWS = 1_000
PREVIEW_RE = re.compile(r'name="(payload|submission_key)"[^>]*value="([^"]+)"')


def lobbies_file(count: int = IMPORT_ROWS) -> str:
    """A CSV of count lobbies across the ten cities over a day (zones given where the country
    has several), each with its city's "Embassy of Kazakhstan" and two demands."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["city", "country", "venue", "address", "postcode", "date", "start", "end"]
                    + ["zone", "target", "title", "demands", "latitude", "longitude"])  # fmt: skip
    for n in range(count):
        city, country, zone, lat, lng = CITIES[n % len(CITIES)]
        start = 9 * 60 + 15 * (n % 36)
        writer.writerow([
            city, country, "Outside the embassy", f"{n} Thurloe Square", "SW7 2SD", "2031-12-16",
            f"{start // 60:02d}:{start % 60:02d}", f"{start // 60 + 1:02d}:{start % 60:02d}",
            zone if country == "AU" else "", "Embassy of Kazakhstan", f"Day of action {n}",
            "Release all political prisoners! | Drop the charges", lat, lng,
        ])  # fmt: skip
    return buffer.getvalue()


def fresh_campaign(app) -> tuple[int, str]:
    """An empty schema with one organiser and a campaign with an embassy in each city."""
    from organiser.accounts.services import create_organiser
    from organiser.extensions import db
    from organiser.lobbies import services

    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.create_all()
        owner = create_organiser("bench@example.org", "Bench", "bench password 1")
        campaign = services.create_campaign(
            owner, name="Day of action", organisation_name="Campaign Kazakhstan"
        )
        for city, country, *_ in CITIES:
            services.create_target(
                campaign, kind="embassy", name="Embassy of Kazakhstan", city=city, country=country
            )
        db.session.commit()
        return campaign.id, campaign.slug


def import_through_the_app(app, text: str) -> float:
    """Seconds the confirm request takes to save the file's lobbies (the preview before it is
    not timed: it is what the organiser reads first)."""
    _, slug = fresh_campaign(app)
    client = app.test_client()
    login = {"email": "bench@example.org", "password": "bench password 1"}
    client.post("/organise/login", data=login)
    url = f"/organise/campaigns/{slug}/lobbies/import"
    preview = client.post(url, data={"file": (io.BytesIO(text.encode()), "day.csv")})
    fields = dict(PREVIEW_RE.findall(preview.get_data(as_text=True)))
    assert len(fields) == 2, "the preview offers no confirmation"
    began = time.perf_counter()
    done = client.post(f"{url}/confirm", data=fields)
    seconds = time.perf_counter() - began
    assert done.status_code == 302, done.status_code
    return seconds


def create_in_a_loop(app, text: str) -> float:
    """Seconds for create_lobby over the same lobbies (read from the file beforehand, untimed)
    and one commit."""
    from organiser.bulk_lobbies.services import check_text
    from organiser.extensions import db
    from organiser.lobbies import services
    from organiser.lobbies.models import Campaign

    campaign_id, _ = fresh_campaign(app)
    with app.test_request_context():
        campaign = db.session.get(Campaign, campaign_id)
        drafts = check_text(campaign, text).drafts
        began = time.perf_counter()
        for draft in drafts:
            services.create_lobby(campaign, draft.demands, **draft.fields)
        db.session.commit()
        return time.perf_counter() - began


def bulk_import(database_url: str) -> None:
    """(c) the confirm request importing 1,000 rows vs create_lobby in a loop."""
    from organiser import create_app

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": database_url, "SITE_URL": SITE, "WTF_CSRF_ENABLED": False,
         "RATELIMIT_STORAGE_URI": "memory://"}
    )  # fmt: skip
    text = lobbies_file()
    best_import = best_loop = float("inf")
    for _ in range(max(ROUNDS, 3)):  # interleaved, so load from elsewhere weighs on both
        best_loop = min(best_loop, create_in_a_loop(app, text))
        best_import = min(best_import, import_through_the_app(app, text))
    print(
        f"(c) importing {IMPORT_ROWS:,} CSV rows {best_import:.2f} s vs create_lobby in a loop "
        f"{best_loop:.2f} s: {best_import / best_loop:.2f}x (target <= 1.5x, under 10 s)"
    )


def main() -> None:
    folder = tempfile.mkdtemp(prefix="bench-day-")
    parts = os.environ.get("BENCH_PARTS", "abc")
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/day.db"
    print(f"database: {database_url.split('@')[-1]}")
    if "a" in parts or "b" in parts:
        day_of_action_pages(database_url, parts)
    if "c" in parts:
        bulk_import(database_url)


if __name__ == "__main__":
    main()
