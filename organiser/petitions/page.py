"""The petition page. For anonymous readers it is rendered at most once per
PETITION_STATS_SECONDS per process; the exact count and the reader's own CSRF token are put
into that render on every request, so the count is never stale."""

import re
import time

from flask import current_app, render_template, session, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select

from organiser.caching import ProcessCache
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.petitions.counting import confirmed_count
from organiser.petitions.forms import SignForm
from organiser.petitions.models import Petition
from organiser.petitions.stats import chart_bars, petition_stats

COUNT, PLURAL, PROGRESS, CSRF = "%%count%%", "%%plural%%", "%%progress%%", "%%csrf%%"
MARKERS = re.compile(f"({'|'.join((COUNT, PLURAL, PROGRESS, CSRF))})")

# (app engine, slug) -> (rendered at, petition id, goal, the page split at the markers)
_pages = ProcessCache("petition pages", maxsize=256)


def find_petition(slug: str) -> Petition:
    """The petition at this slug, or 404."""
    return db.first_or_404(select(Petition).where(Petition.slug == slug))


def render(petition: Petition, form: SignForm, count: int | None = None, csrf: str = ""):
    """The page and whether its breakdowns were ready; with count None, markers stand where
    the count and CSRF token go."""
    now = utcnow()
    stats = petition_stats(petition.id, now.date())
    html = render_template(
        "petitions/petition.html",
        petition=petition,
        form=form,
        count_text=COUNT if count is None else f"{count:,}",
        count_plural=PLURAL if count is None else ("" if count == 1 else "s"),
        progress=PROGRESS if count is None else min(count, petition.goal),
        csrf_value=CSRF if count is None else csrf,
        stats=stats,
        bars=chart_bars(stats.by_day) if stats else [],
        is_open=petition.is_open(now),
        opens_later=petition.opens_at is not None and now < petition.opens_at,
        closed_on=petition.closes_at if petition.closes_at and petition.closes_at <= now else None,
        share_url=current_app.config["SITE_URL"] + url_for(".petition", slug=petition.slug),
    )
    return html, stats is not None


def render_with_count(petition: Petition, form: SignForm) -> str:
    """The page rendered in full for this request (form errors, organisers, flashed notes)."""
    return render(petition, form, confirmed_count(petition.id), generate_csrf())[0]


def forget(slug: str) -> None:
    """Forget this process's render of a petition's page (after an organiser's edit)."""
    _pages.pop((db.engine, slug))


def reader_page(slug: str) -> str:
    """The page for a GET: from the per-process render cache when the reader is anonymous."""
    if current_user.is_authenticated or session.get("_flashes"):
        return render_with_count(find_petition(slug), SignForm())
    ttl = current_app.config.get("PETITION_STATS_SECONDS", 30)
    now, key = time.monotonic(), (db.engine, slug)
    hit = _pages.get(key)
    if hit is None or now - hit[0] >= ttl:
        petition = find_petition(slug)
        html, ready = render(petition, SignForm())
        hit = (now, petition.id, petition.goal, MARKERS.split(html))
        if ready:  # until the breakdowns are ready, render again each time
            _pages.set(key, hit)
    _, petition_id, goal, parts = hit
    count = confirmed_count(petition_id)
    values = {
        COUNT: f"{count:,}",
        PLURAL: "" if count == 1 else "s",
        PROGRESS: str(min(count, goal)),
        CSRF: generate_csrf(),
    }
    return "".join([values.get(part, part) for part in parts])
