"""Benchmark: calendar feeds. Run by hand, never part of the test suite.

    .venv/bin/python bench/feeds.py                 # SQLite files in a temporary folder
    BENCH_PARTS=c .venv/bin/python bench/feeds.py   # only (c); BENCH_PARTS=ab for (a) and (b)
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/db .venv/bin/python bench/feeds.py

Prints ratios against baselines measured in the same run:
(a) cold build of a 10,000-lobby feed (nothing cached) vs serialising the same events with bare
    icalendar (one Calendar, one Event per lobby, the same properties; lobbies already loaded);
(b) rebuild after editing one of those 10,000 lobbies vs the full cold build of (a);
(c) /calendar.ics with 1,000 lobbies under gunicorn (2 sync workers, load from wrk): 304 and
    200 requests/s vs a hello-world route of the same app (interleaved rounds, best of each).
Targets: (a) <= 1.2x, (b) <= 0.1x, (c) 304 >= 0.8x hello, 200 >= 0.5x hello. Needs wrk.
"""

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

ZONES = ["Europe/London", "Europe/Berlin", "America/New_York", "Asia/Almaty", "Asia/Tokyo"]
SITE = "https://lobbies.example.org"
DURATION = os.environ.get("BENCH_DURATION", "3s")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 5))
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "8")


def bench_app():
    """The application plus a hello-world route (gunicorn 'bench.feeds:bench_app()')."""
    from organiser import create_app

    app = create_app()

    @app.route("/bench/hello")
    def hello():
        return "Hello, world!"

    return app


def make_app(database_url: str):
    from organiser import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SITE_URL": SITE})


def seed(app, count: int) -> None:
    """A fresh schema with count lobbies (three demands each) in five zones, over two years."""
    from sqlalchemy import insert

    from organiser.accounts.services import create_organiser
    from organiser.extensions import db
    from organiser.lobbies import services
    from organiser.lobbies.models import Demand, Lobby

    rng = random.Random(1)
    with app.app_context():
        db.drop_all()
        db.create_all()
        owner = create_organiser(f"{uuid.uuid4().hex}@example.org", "Bench", "bench password 1")
        campaign = services.create_campaign(owner, name="Campaign", organisation_name="Campaign")
        target = services.create_target(
            campaign, kind="embassy", name="Embassy of Kazakhstan", city="London", country="GB"
        )
        now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        rows = []
        for n in range(count):
            start = now + timedelta(hours=rng.randrange(-24 * 300, 24 * 700))
            rows.append(
                dict(
                    campaign_id=campaign.id,
                    target_id=target.id,
                    title=f"Day of action: lobby {n} — Жанаозен ✊",
                    slug=f"lobby-{n}",
                    venue="Outside the embassy",
                    address=f"{n} Thurloe Square",
                    postcode="SW7 2SD",
                    city=rng.choice(["London", "Berlin", "New York", "Almaty", "Tokyo"]),
                    country=rng.choice(["GB", "DE", "US", "KZ", "JP"]),
                    directions="Nearest tube: South Kensington",
                    latitude=51.5,
                    longitude=-0.17,
                    timezone=rng.choice(ZONES),
                    starts_at=start,
                    ends_at=start + timedelta(hours=1),
                    description="",
                    status="scheduled",
                    cancellation_reason="",
                    uid=f"{uuid.uuid4()}@lobbies.example.org",
                    sequence=0,
                    created_at=now,
                    updated_at=now,
                )
            )
        db.session.execute(insert(Lobby), rows)
        ids = db.session.scalars(Lobby.__table__.select().with_only_columns(Lobby.id)).all()
        demands = [
            dict(lobby_id=i, position=p, text=f"Demand {p}: release all political prisoners!")
            for i in ids
            for p in (1, 2, 3)
        ]
        db.session.execute(insert(Demand), demands)
        db.session.commit()


def forget(app) -> None:
    """Nothing cached: no stored VEVENTs, no feed or VTIMEZONE in memory."""
    from organiser.extensions import db
    from organiser.feeds import cache, ical
    from organiser.feeds.models import LobbyEvent

    with app.app_context():
        db.session.execute(LobbyEvent.__table__.delete())
        db.session.commit()
    cache.feeds.clear()
    ical.timezone_bytes.cache_clear()


def build_feed(app) -> tuple[float, bytes]:
    """Seconds to answer /calendar.ics's body (and keep what was built), and the body."""
    from organiser.extensions import db
    from organiser.feeds import services

    with app.test_request_context("/calendar.ics"):
        started = time.perf_counter()
        body = services.feed_bytes(services.Filters(), services.validators())
        db.session.commit()
        return time.perf_counter() - started, body


def bare_icalendar(app) -> float:
    """Seconds to serialise the same events with icalendar alone: the same property values
    (the same text helpers), one Calendar, lobbies loaded beforehand, nothing stored."""
    from icalendar import Calendar, Event, Timezone
    from sqlalchemy import select
    from sqlalchemy.orm import joinedload, selectinload

    from organiser.extensions import db
    from organiser.feeds.ical import description_text, location_text
    from organiser.feeds.services import PAST_DAYS
    from organiser.lobbies.models import Lobby
    from organiser.lobbies.places import country_name

    with app.app_context():
        since = datetime.now(UTC) - timedelta(days=PAST_DAYS + 1)
        lobbies = db.session.scalars(
            select(Lobby)
            .options(joinedload(Lobby.campaign), joinedload(Lobby.target))
            .options(selectinload(Lobby.demands))
            .where(Lobby.ends_at >= since)
            .order_by(Lobby.starts_at)
        ).all()
        started = time.perf_counter()
        calendar = Calendar()
        for key, value in (("prodid", "-//bench//EN"), ("version", "2.0"), ("method", "PUBLISH")):
            calendar.add(key, value)
        for zone in ZONES:
            calendar.add_component(Timezone.from_tzid(zone))
        stamp = datetime.now(UTC)
        for lobby in lobbies:
            event = Event()
            event.add("uid", lobby.uid)
            event.add("dtstamp", stamp)
            event.add("created", lobby.created_at)
            event.add("last-modified", lobby.updated_at)
            event.add("sequence", lobby.sequence)
            event.add("dtstart", lobby.local_start)
            event.add("dtend", lobby.local_end)
            event.add("summary", lobby.title)
            event.add("status", "CONFIRMED")
            event.add("location", location_text(lobby, country_name))
            event.add("geo", (lobby.latitude, lobby.longitude))
            event.add("description", description_text(lobby, SITE))
            event.add("url", f"{SITE}/lobbies/{lobby.slug}")
            event.add("categories", [lobby.campaign.name])
            calendar.add_component(event)
        calendar.to_ical()
        return time.perf_counter() - started


def edit_one(app) -> None:
    from sqlalchemy import select

    from organiser.extensions import db
    from organiser.lobbies import services
    from organiser.lobbies.models import Lobby

    with app.app_context():
        lobby = db.session.scalar(select(Lobby).where(Lobby.slug == "lobby-5000"))
        services.update_lobby(lobby, ["A new demand"], title="Moved lobby")
        db.session.commit()


def cpu_seconds(master: int) -> float:
    """CPU time (user + system) used so far by the gunicorn master's worker processes."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def wrk(url: str, headers: dict | None = None) -> tuple[float, int]:
    """Requests per second wrk sees at url, and how many requests it made."""
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", url]
    for name, value in (headers or {}).items():
        args[1:1] = ["-H", f"{name}: {value}"]
    output = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise SystemExit(f"errors from {url}: {output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rate, int(re.search(r"(\d+) requests in", output).group(1))


def served(database_url: str) -> tuple[dict[str, float], dict[str, float]]:
    """(c): gunicorn on the 1,000-lobby database: requests per second, and requests per
    CPU-second of the workers (steadier on a shared machine), for hello, 304 and 200."""
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
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(base + "/calendar.ics", timeout=60) as response:
                    etag = response.headers["ETag"]
                break
            except OSError:
                time.sleep(0.2)
        for _ in range(4):  # both workers hold the feed in memory
            urllib.request.urlopen(base + "/calendar.ics", timeout=60).read()
        targets = {
            "hello": (base + "/bench/hello", {}),
            "304": (base + "/calendar.ics", {"If-None-Match": etag}),
            "200": (base + "/calendar.ics", {}),
        }
        rates = {name: 0.0 for name in targets}
        per_cpu = {name: 0.0 for name in targets}
        for _ in range(ROUNDS):  # interleaved rounds, best of each: the machine is shared
            for name, (url, headers) in targets.items():
                before = cpu_seconds(server.pid)
                rate, requests = wrk(url, headers)
                rates[name] = max(rates[name], rate)
                per_cpu[name] = max(per_cpu[name], requests / (cpu_seconds(server.pid) - before))
        return rates, per_cpu
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    folder = tempfile.mkdtemp(prefix="bench-feeds-")
    parts = os.environ.get("BENCH_PARTS", "abc")
    if "a" in parts or "b" in parts:
        big_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/big.db"
        app = make_app(big_url)
        seed(app, 10_000)
        print(f"database: {big_url.split('@')[-1]}")
        # Interleaved, best of three each, so a change in the machine's load hits both sides.
        bares, colds = [], []
        for _ in range(3):
            bares.append(bare_icalendar(app))
            forget(app)
            seconds, body = build_feed(app)
            colds.append(seconds)
        bare, cold = min(bares), min(colds)
        events = body.count(b"BEGIN:VEVENT")
        print(f"(a) cold build, {events} events: {cold:.2f} s; bare icalendar {bare:.2f} s")
        print(f"    ratio {cold / bare:.2f}x  (target <= 1.2x)")
        edit_one(app)
        rebuild, body = build_feed(app)
        assert b"Moved lobby" in body
        print(f"(b) rebuild after one edit: {rebuild * 1000:.0f} ms; cold build {cold:.2f} s")
        print(f"    ratio {rebuild / cold:.3f}x  (target <= 0.1x)")
    if "c" in parts:
        small_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/small.db"
        seed(make_app(small_url), 1_000)
        rates, per_cpu = served(small_url)
        for label, figures, unit in (
            ("requests/s", rates, "req/s"),
            ("requests per worker CPU-second", per_cpu, "req/CPU-s"),
        ):
            print(
                f"(c) gunicorn, 2 sync workers, /calendar.ics with 1,000 lobbies, {label}: hello "
                f"{figures['hello']:.0f} {unit}, 304 {figures['304']:.0f}, 200 {figures['200']:.0f}"
            )
            print(
                f"    304 {figures['304'] / figures['hello']:.2f}x hello (target >= 0.8x); "
                f"200 {figures['200'] / figures['hello']:.2f}x hello (target >= 0.5x)"
            )


if __name__ == "__main__":
    main()
