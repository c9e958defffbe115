"""Benchmark: signing and the petition page under gunicorn (4 sync workers), load from wrk.

    .venv/bin/python bench/signatures.py            # SQLite, then PostgreSQL
    BENCH_DATABASES=sqlite .venv/bin/python bench/signatures.py     # one of them
    BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1/db .venv/bin/python bench/...

Each database gets a fresh schema; figures are ratios against baselines measured in the same
run on the same server: signing POST vs a bare route doing one raw INSERT (and commit) into the
same database; the petition page with 1,000,000 confirmed signatures vs a hello-world route.
Every route is warmed up (BENCH_WARM_UP, 3 s), then measured for BENCH_SECONDS (15) in
BENCH_ROUNDS (3) alternating runs: throughput is their mean; p99 is the median round's, and the
worst round's is printed beside it (one stall of a shared machine lands in one round).
Mail jobs go to RQ on Redis (the production path); the queue is emptied afterwards.
Needs wrk (apt-get install wrk) and Redis on 127.0.0.1:6379. Never part of the test suite.
"""

import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REDIS = "redis://127.0.0.1:6379/14"
SECRET = "bench secret key"
DURATION = int(os.environ.get("BENCH_SECONDS", 15))  # per route, over all rounds
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
ROUND_DURATION = f"{DURATION / ROUNDS:g}s"
WARM_UP = os.environ.get("BENCH_WARM_UP", "3s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "8")
BIG = int(os.environ.get("BENCH_SIGNATURES", 1_000_000))


def bench_app():
    """The application plus two baseline routes (gunicorn 'bench.signatures:bench_app()')."""
    from flask import request
    from sqlalchemy import text

    from organiser import create_app
    from organiser.extensions import csrf, db

    app = create_app()

    @app.route("/bench/hello")
    def hello():
        return "Hello, world!"

    @app.route("/bench/insert", methods=["POST"])
    @csrf.exempt
    def raw_insert():
        db.session.execute(
            text("INSERT INTO bench_insert (email, created_at) VALUES (:email, CURRENT_TIMESTAMP)"),
            {"email": request.form.get("email", "")},
        )
        db.session.commit()
        return "", 302

    return app


def prepare(database_url: str) -> None:
    """Fresh schema, a petition to sign, one with BIG confirmed signatures, the baseline table."""
    from sqlalchemy import text

    from organiser import create_app
    from organiser.accounts.services import create_organiser
    from organiser.extensions import db
    from organiser.lobbies.services import create_campaign
    from organiser.petitions.counting import recount
    from organiser.petitions.services import create_petition
    from organiser.petitions.stats import refresh

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET})
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS bench_insert"))
        db.create_all()
        key = "INTEGER PRIMARY KEY" if db.engine.dialect.name == "sqlite" else "SERIAL PRIMARY KEY"
        columns = "email VARCHAR(254), created_at TIMESTAMP WITH TIME ZONE"
        db.session.execute(text(f"CREATE TABLE bench_insert (id {key}, {columns})"))
        owner = create_organiser("bench@example.org", "Bench", "bench password 123")
        campaign = create_campaign(owner, name="Bench", organisation_name="Bench")
        create_petition(campaign, title="Sign here", text="Benchmark petition.", goal=10**6)
        big = create_petition(campaign, title="Big", text="A million signers.", goal=2 * BIG)
        db.session.commit()
        fill(db, big.id)
        recount(big.id)
        db.session.commit()
        for petition_id in (big.id, big.id - 1):  # as the job worker would, every 30 s
            refresh(petition_id)
        # Vacuum, analyse and checkpoint after the bulk load now, so that neither autovacuum
        # nor a checkpoint of the million rows starts in the middle of a measurement (they did,
        # and made a slow tail on whichever route was running).
        postgres = db.engine.dialect.name == "postgresql"
        statements = (
            ["VACUUM ANALYZE", "CHECKPOINT"]
            if postgres
            else ["ANALYZE", "PRAGMA wal_checkpoint(TRUNCATE)"]
        )
        with db.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            for statement in statements:
                connection.exec_driver_sql(statement)
        db.engine.dispose()


COLUMNS = (
    "petition_id, name, email, email_key, city, country, show_name, name_in_letter, source, "
    "created_at, confirmed_at"
)


def fill(db, petition_id: int) -> None:
    """BIG confirmed signatures in one statement, spread over 30 days, 20 countries."""
    from sqlalchemy import text

    postgres = db.engine.dialect.name == "postgresql"
    when = (
        "now() - (i % 30) * interval '1 day'"
        if postgres
        else "datetime('now', '-' || (i % 30) || ' days')"
    )
    letter = "chr(65 + i % 20)" if postgres else "char(65 + i % 20)"
    email = "'s' || i || '@example.org'"
    values = (
        f"{petition_id}, 'Signer ' || i, {email}, {email}, 'City ' || (i % 50), {letter} || 'Z', "
        f"i % 3 = 0, i % 2 = 0, 'online', {when}, {when}"
    )
    numbers = f"(SELECT i FROM generate_series(1, {BIG}) AS i) AS n" if postgres else "n"
    prefix = (
        ""
        if postgres
        else f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {BIG}) "
    )
    db.session.execute(
        text(f"{prefix}INSERT INTO signature ({COLUMNS}) SELECT {values} FROM {numbers}")
    )
    db.session.commit()


def start_gunicorn(database_url: str, instance: str):
    """gunicorn with 4 sync workers on a free port; (process, base URL)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET,
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/14",
        "SIGN_RATE_LIMIT": "100000000 per hour",
        "JOBS_REDIS_URL": REDIS,
        "PETITION_STATS_SECONDS": "30",
    }
    command = [sys.executable, "-m", "gunicorn", "--preload", "--workers", "4"]
    command += ["--bind", "127.0.0.1:0", "--log-level", "info", "bench.signatures:bench_app()"]
    log = Path(instance) / "gunicorn.log"
    with open(log, "w") as sink:  # a file, not a pipe: a full pipe would stall the workers
        process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=sink)
    url, deadline = None, time.monotonic() + 60
    while url is None:
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError("gunicorn did not start:\n" + log.read_text())
        if match := re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", log.read_text()):
            url = match.group(1)
        time.sleep(0.1)
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/bench/hello", timeout=5).read()
            break
        except OSError:
            time.sleep(0.1)
    return process, url


SIGN_LUA = """
counter, errors, n = 0, 0, 0
threads = {}
function setup(thread) n = n + 1; thread:set("id", n); table.insert(threads, thread) end
function init(args) path = args[1]; cookie = args[2]; token = args[3]; run = args[4] end
function request()
  counter = counter + 1
  local body = "csrf_token=" .. token .. "&name=Bench+Signer&city=Lyon&country=FR&consent=y" ..
    "&email=" .. run .. "-" .. id .. "-" .. counter .. "%40example.org"
  return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie}, body)
end
function response(status) if status ~= 302 then errors = errors + 1 end end
function done()
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("errors") end
  io.write("non-302 responses: " .. total .. "\\n")
end
"""


def wrk(url: str, script: str | None = None, args: tuple = (), duration: str = "10s") -> dict:
    """Run wrk; requests per second, p99 latency in ms, and errors reported by the script."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}", "--latency"]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        command + [url, *(["--", *args] if args else [])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", output).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    bad = re.search(r"non-302 responses: (\d+)", output)
    return {
        "rps": rps,
        "p99": p99,
        "errors": int(bad.group(1)) if bad else int(errors.group(1)) if errors else 0,
    }


def session_for(url: str) -> tuple[str, str]:
    """A session cookie and CSRF token from the sign form."""
    with urllib.request.urlopen(url, timeout=30) as response:
        cookie = response.headers["Set-Cookie"].split(";", 1)[0]
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.read().decode()).group(
            1
        )
    return cookie, token


def clean_up(database_url: str) -> None:
    """Drop everything the benchmark made (the database may be a test database)."""
    from sqlalchemy import text

    from organiser import create_app
    from organiser.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET})
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS bench_insert"))
        db.session.commit()
        db.engine.dispose()


def run(label: str, database_url: str) -> None:
    """Prepare, serve, load, print the figures for one database."""
    from organiser.jobs import rq_queue

    started = time.monotonic()
    prepare(database_url)
    print(
        f"\n== {label}: schema and {BIG:,} signatures ready in {time.monotonic() - started:.0f} s"
    )
    with tempfile.TemporaryDirectory() as instance:
        process, base = start_gunicorn(database_url, instance)
        try:
            script = Path(instance) / "sign.lua"
            script.write_text(SIGN_LUA)
            insert_script = Path(instance) / "insert.lua"
            insert_script.write_text(SIGN_LUA.replace('"csrf_token=" .. token .. "&', '"'))
            cookie, token = session_for(base + "/petitions/sign-here")
            tag = uuid.uuid4().hex[:6]
            targets = {  # name: (url, script, script arguments)
                "raw": (base + "/bench/insert", str(insert_script), ("/bench/insert",)),
                "sign": (base + "/petitions/sign-here", str(script), ("/petitions/sign-here",)),
                "hello": (base + "/bench/hello", None, ()),
                "page": (base + "/petitions/big", None, ()),
            }

            def load(name: str, run_tag: str, duration: str) -> dict:
                url, lua, args = targets[name]
                args = (*args, cookie, token, tag + run_tag) if lua else ()
                return wrk(url, lua, args, duration)

            # Every route is warmed up first (imports, connections, compiled statements, the
            # page cache of each worker) so that no figure pays for a cold start. Then each
            # pair (baseline, measured) alternates in ROUNDS short runs, so that load from
            # elsewhere on the machine weighs on both sides of a ratio alike.
            for name in targets:
                load(name, name[0] + "w", WARM_UP)
            runs = {name: [] for name in targets}
            for round_ in range(ROUNDS):
                for name in targets:
                    runs[name].append(load(name, f"{name[0]}{round_}", ROUND_DURATION))
            raw, sign, hello, page = (combined(runs[name]) for name in targets)
        finally:
            process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
            process.wait(timeout=60)
            clean_up(database_url)
            rq_queue(REDIS).empty()  # the next database starts with an empty queue
    report("raw INSERT route", raw)
    report("signing POST", sign)
    print(f"  signing / raw insert: {sign['rps'] / raw['rps']:.2f} (target >= 0.5, p99 <= 50 ms)")
    report("hello world", hello)
    report(f"petition page ({BIG:,})", page)
    print(f"  petition page / hello: {page['rps'] / hello['rps']:.2f} (target >= 0.5)")


def combined(runs: list[dict]) -> dict:
    """Rounds of equal length as one: mean throughput, the median and the worst round's p99,
    all bad responses."""
    return {
        "rps": sum(run["rps"] for run in runs) / len(runs),
        "p99": statistics.median(run["p99"] for run in runs),
        "worst_p99": max(run["p99"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
    }


def report(name: str, figures: dict) -> None:
    """One line of figures."""
    print(
        f"{name:24} {figures['rps']:8.0f} req/s  p99 {figures['p99']:6.1f} ms"
        f" (worst round {figures['worst_p99']:6.1f})  bad responses {figures['errors']}"
    )


def main() -> None:
    """SQLite, then PostgreSQL."""
    databases = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    if "sqlite" in databases:
        with tempfile.TemporaryDirectory() as folder:
            run("SQLite", f"sqlite:///{folder}/bench.sqlite3")
    postgres = os.environ.get(
        "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1/organiser_petitions"
    )
    if "postgresql" in databases:
        run("PostgreSQL", postgres)


if __name__ == "__main__":
    main()
