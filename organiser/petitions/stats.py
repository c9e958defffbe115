"""The petition page's breakdowns: by day, country and city, and recent public names.

They scan the signatures (seconds for a million), so a job computes them into PetitionSummary
every PETITION_STATS_SECONDS and pages read that row; the count itself is always exact
(counting.confirmed_count). Emails never leave this module's queries.

No breakdown may single a signer out: a country or town with fewer than SMALLEST_GROUP
signers is not named but counted in "other" (towns are free text: spellings that differ only
in case and spaces are one town). The signatures per day are shown as they are: they name
nothing about anyone, and the public count, exact at every moment, already tells when each
signature was confirmed.
"""

import json
import time as clock
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from organiser import jobs
from organiser.caching import ProcessCache
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.petitions.counting import counted_signatures
from organiser.petitions.models import PetitionSummary, Signature
from organiser.petitions.writer_queue import writer_queue

CHART_DAYS = 30
SMALLEST_GROUP = 5  # a country or town with fewer signers is counted in "other", not named
SHOWN_GROUPS = 10

_queued = ProcessCache("petition breakdowns queued", maxsize=1024)  # (engine, id) -> when


@dataclass
class PetitionStats:
    """What the page shows beside the count."""

    by_day: list[tuple[date, int]] = field(default_factory=list)
    by_country: list[tuple[str, int]] = field(default_factory=list)
    by_city: list[tuple[str, int]] = field(default_factory=list)
    recent_names: list[tuple[str, str]] = field(default_factory=list)
    other_countries: int = 0  # signers of countries not named (small or beyond the first ten)
    other_cities: int = 0


def grouped(cells) -> list[tuple[str, int]]:
    """(value, count) pairs with spellings that differ only in case and spaces merged, under
    the most common spelling; largest first."""
    groups: dict[str, dict[str, int]] = {}
    for value, n in cells:
        spellings = groups.setdefault(" ".join(value.split()).casefold(), {})
        spellings[value] = spellings.get(value, 0) + n
    merged = [
        (max(spellings, key=lambda v: (spellings[v], v)), sum(spellings.values()))
        for spellings in groups.values()
    ]
    return sorted(merged, key=lambda cell: (-cell[1], cell[0]))


def suppressed(cells, other: int = 0) -> tuple[list[tuple[str, int]], int]:
    """The cells that may be shown (SMALLEST_GROUP or more, the first SHOWN_GROUPS), and the
    count of everyone else, added to other."""
    cells = grouped(cells)
    shown = [(value, n) for value, n in cells if n >= SMALLEST_GROUP][:SHOWN_GROUPS]
    return shown, other + sum(n for _, n in cells) - sum(n for _, n in shown)


def compute(petition_id: int, today: date) -> PetitionStats:
    """Query the breakdowns for one petition."""
    counted = counted_signatures(petition_id)
    first = today - timedelta(days=CHART_DAYS - 1)
    since = datetime.combine(first, time(), UTC)
    day = func.date(Signature.confirmed_at)
    per_day = dict(
        (str(d), n)
        for d, n in db.session.execute(
            select(day, func.count()).where(counted, Signature.confirmed_at >= since).group_by(day)
        )
    )
    by_day = [
        (first + timedelta(days=i), per_day.get(str(first + timedelta(days=i)), 0))
        for i in range(CHART_DAYS)
    ]

    def breakdown(column) -> tuple[list[tuple[str, int]], int]:
        query = select(column, func.count()).where(counted, column != "").group_by(column)
        return suppressed(db.session.execute(query).all())

    recent = db.session.execute(
        select(Signature.name, Signature.city)
        .where(counted, Signature.show_name.is_(True), Signature.name != "")
        .order_by(Signature.confirmed_at.desc())
        .limit(10)
    ).all()
    by_country, other_countries = breakdown(Signature.country)
    by_city, other_cities = breakdown(Signature.city)
    return PetitionStats(
        by_day=by_day,
        by_country=by_country,
        by_city=by_city,
        recent_names=[(name, city) for name, city in recent],
        other_countries=other_countries,
        other_cities=other_cities,
    )


def to_json(stats: PetitionStats) -> str:
    """The stats as stored."""
    data = asdict(stats)
    data["by_day"] = [(day.isoformat(), n) for day, n in stats.by_day]
    return json.dumps(data)


def from_json(text: str) -> PetitionStats:
    """The stats as stored, read back (small groups suppressed again: rows stored before
    suppression show none)."""
    data = json.loads(text)
    by_country, other_countries = suppressed(data["by_country"], data.get("other_countries", 0))
    by_city, other_cities = suppressed(data["by_city"], data.get("other_cities", 0))
    return PetitionStats(
        by_day=[(date.fromisoformat(day), n) for day, n in data["by_day"]],
        by_country=by_country,
        by_city=by_city,
        recent_names=[tuple(pair) for pair in data["recent_names"]],
        other_countries=other_countries,
        other_cities=other_cities,
    )


def refresh(petition_id: int) -> None:
    """The job: compute the breakdowns and store them (skipped if another run just did)."""
    ttl = current_app.config.get("PETITION_STATS_SECONDS", 30)
    now = utcnow()
    row = db.session.get(PetitionSummary, petition_id)
    if row is not None and row.computed_at > now - timedelta(seconds=ttl / 2):
        return
    data = to_json(compute(petition_id, now.date()))
    if row is None:
        db.session.add(PetitionSummary(petition_id=petition_id, computed_at=now, data=data))
    else:
        row.computed_at, row.data = now, data
    try:
        with writer_queue():
            db.session.commit()
    except IntegrityError:  # another worker stored it first
        db.session.rollback()


def petition_stats(petition_id: int, today: date) -> PetitionStats | None:
    """The stored breakdowns, a refresh queued when stale; None until the first is ready.

    With PETITION_STATS_SECONDS = 0 they are computed on every view (tests, tiny sites).
    """
    ttl = current_app.config.get("PETITION_STATS_SECONDS", 30)
    if ttl <= 0:
        return compute(petition_id, today)
    row = db.session.get(PetitionSummary, petition_id)
    if row is None or row.computed_at < utcnow() - timedelta(seconds=ttl):
        queue_refresh(petition_id, ttl)
    return from_json(row.data) if row is not None else None


def queue_refresh(petition_id: int, ttl: float) -> None:
    """Queue a refresh, at most once per ttl from this process."""
    now, key = clock.monotonic(), (db.engine, petition_id)
    if now - _queued.get(key, -ttl) < ttl:
        return
    _queued.set(key, now)  # two threads may both queue: the second refresh returns at once
    try:
        jobs.enqueue(refresh, petition_id)
    except jobs.JobsUnavailable as error:  # the page shows the breakdowns it has; try later
        current_app.logger.warning("petition breakdowns not refreshed: %s", error)


def chart_bars(by_day: list[tuple[date, int]], width: int = 300, height: int = 80) -> list[dict]:
    """SVG bar geometry for signatures per day (server-rendered, no script)."""
    peak = max((n for _, n in by_day), default=0) or 1
    step = width / max(len(by_day), 1)
    return [
        {
            "x": round(i * step, 2),
            "width": round(step * 0.8, 2),
            "height": round(height * n / peak, 2),
            "y": round(height - height * n / peak, 2),
            "day": day,
            "count": n,
        }
        for i, (day, n) in enumerate(by_day)
    ]
