"""The petition page's breakdowns: by day, country and city, and recent public names.

They scan the signatures (seconds for a million), so a job computes them into PetitionSummary
every PETITION_STATS_SECONDS and pages read that row; the count itself is always exact
(services.confirmed_count). Emails never leave this module's queries.
"""

import json
import threading
import time as clock
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from organiser import jobs
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.petitions.models import PetitionSummary, Signature
from organiser.petitions.services import counted_signatures

CHART_DAYS = 30

_lock = threading.Lock()


@dataclass
class PetitionStats:
    """What the page shows beside the count."""

    by_day: list[tuple[date, int]] = field(default_factory=list)
    by_country: list[tuple[str, int]] = field(default_factory=list)
    by_city: list[tuple[str, int]] = field(default_factory=list)
    recent_names: list[tuple[str, str]] = field(default_factory=list)


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

    def top(column, limit: int) -> list[tuple[str, int]]:
        query = select(column, func.count().label("n")).where(counted, column != "")
        query = query.group_by(column).order_by(func.count().desc(), column).limit(limit)
        return [(value, n) for value, n in db.session.execute(query)]

    recent = db.session.execute(
        select(Signature.name, Signature.city)
        .where(counted, Signature.show_name.is_(True), Signature.name != "")
        .order_by(Signature.confirmed_at.desc())
        .limit(10)
    ).all()
    return PetitionStats(
        by_day=by_day,
        by_country=top(Signature.country, 10),
        by_city=top(Signature.city, 10),
        recent_names=[(name, city) for name, city in recent],
    )


def to_json(stats: PetitionStats) -> str:
    """The stats as stored."""
    data = asdict(stats)
    data["by_day"] = [(day.isoformat(), n) for day, n in stats.by_day]
    return json.dumps(data)


def from_json(text: str) -> PetitionStats:
    """The stats as stored, read back."""
    data = json.loads(text)
    return PetitionStats(
        by_day=[(date.fromisoformat(day), n) for day, n in data["by_day"]],
        by_country=[tuple(pair) for pair in data["by_country"]],
        by_city=[tuple(pair) for pair in data["by_city"]],
        recent_names=[tuple(pair) for pair in data["recent_names"]],
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
    now = clock.monotonic()
    queued = current_app.extensions.setdefault("petition_refreshes", {})
    with _lock:
        if now - queued.get(petition_id, -ttl) < ttl:
            return
        queued[petition_id] = now
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
