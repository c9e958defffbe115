"""The petition page. For anonymous readers it is rendered at most once per
PETITION_STATS_SECONDS per process and language; the exact count (in a sentence whose plural
follows it) and the reader's own CSRF token are put into that render on every request, so the
count is never stale."""

import re
import time

from flask import current_app, render_template, session, url_for
from flask_babel import format_decimal, get_locale, get_translations
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape
from sqlalchemy import select

from organiser.caching import ProcessCache
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.i18n import offered
from organiser.petitions.counting import confirmed_count
from organiser.petitions.forms import SignForm
from organiser.petitions.models import Petition
from organiser.petitions.stats import chart_bars, petition_stats

COUNT, PROGRESS, CSRF = "%%count%%", "%%progress%%", "%%csrf%%"
MARKERS = re.compile(f"({'|'.join((COUNT, PROGRESS, CSRF))})")

# (app engine, language, slug) -> (rendered at, petition id, goal, the page split at the markers)
_pages = ProcessCache("petition pages", maxsize=256)


def find_petition(slug: str) -> Petition:
    """The petition at this slug, or 404."""
    return db.first_or_404(select(Petition).where(Petition.slug == slug))


def count_sentence(count: int, goal: int) -> Markup:
    """ "1,234 confirmed signatures of a goal of 5,000", the count in bold, in the reader's
    language with the plural its count takes."""
    # The translated sentence (extracted as ungettext), escaped, then filled with markup.
    sentence = get_translations().ungettext(
        "%(num)s confirmed signature of a goal of %(goal)s",
        "%(num)s confirmed signatures of a goal of %(goal)s",
        count,
    )
    number = Markup('<strong class="count">{}</strong>').format(format_decimal(count))
    return escape(sentence) % {"num": number, "goal": format_decimal(goal)}


def render(petition: Petition, form: SignForm, count: int | None = None, csrf: str = ""):
    """The page and whether its breakdowns were ready; with count None, markers stand where
    the count and CSRF token go."""
    now = utcnow()
    stats = petition_stats(petition.id, now.date())
    html = render_template(
        "petitions/petition.html",
        petition=petition,
        form=form,
        count_sentence=COUNT if count is None else count_sentence(count, petition.goal),
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
    """Forget this process's renders of a petition's page (after an organiser's edit)."""
    for language in offered():
        _pages.pop((db.engine, language, slug))


def reader_page(slug: str) -> str:
    """The page for a GET: from the per-process render cache when the reader is anonymous."""
    if current_user.is_authenticated or session.get("_flashes"):
        return render_with_count(find_petition(slug), SignForm())
    ttl = current_app.config.get("PETITION_STATS_SECONDS", 30)
    now, key = time.monotonic(), (db.engine, str(get_locale()), slug)
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
        COUNT: count_sentence(count, goal),
        PROGRESS: str(min(count, goal)),
        CSRF: generate_csrf(),
    }
    return "".join([values.get(part, part) for part in parts])
