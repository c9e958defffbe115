"""Cached letter PDFs: keyed on everything that changes them, rendered once, large ones in the
background (the job queue), so no request renders for long.

A render in a request has a time bound (LETTER_RENDER_SECONDS); a render that fails or runs
past it is kept as a failed entry, so downloads get a clear 503 at once and the letter is tried
again only after LETTER_RETRY_FAILED_SECONDS (or as soon as anything in it changes).
"""

import dataclasses
import hashlib
import json
import time
from datetime import timedelta
from functools import cache

from flask import current_app
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from organiser import jobs
from organiser.caching import ProcessCache
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.letters import annex as annexes
from organiser.letters import body, services, wording
from organiser.letters.deadline import RenderTimeout, within
from organiser.letters.document import TEMPLATES
from organiser.letters.models import Letter, LetterPdf
from organiser.letters.pdf import LetterContext, render_pdf
from organiser.letters.wording import Words
from organiser.lobbies.models import Lobby
from organiser.petitions.services import lobby_petition

# Annexes with more named rows than this are rendered by a background job (~1.5 ms a row).
INLINE_ROWS = 600
STALE = timedelta(minutes=30)  # a queued render not done by then is queued again
render_count = 0  # renders done by this process (tests and benchmarks read it)
# Repeated downloads within LETTER_PDF_MEMORY_SECONDS skip the database: (slug, asked language)
# -> (when, key, language, pdf), least recently used out.
_memo = ProcessCache("letters.pdf_memo", maxsize=64)


@cache
def template_version() -> str:
    """A digest of the letter's template, stylesheet and text renderer, so a new design (or a
    new way of reading the letter's text) renders anew."""
    digest = hashlib.sha256()
    for name in ("pdf.html", "letter.css"):
        digest.update((TEMPLATES / name).read_bytes())
    for module in (body, wording):
        with open(module.__file__, "rb") as source:
            digest.update(source.read())
    return digest.hexdigest()[:16]


def qr_target(lobby: Lobby, petition) -> str:
    """The page the QR code opens: the petition if there is one, else the campaign."""
    if petition is not None:
        return services.public_link(f"/petitions/{petition.slug}")
    return services.public_link(f"/campaigns/{lobby.campaign.slug}")


def plan(letter: Letter, lobby: Lobby):
    """(cache key, context without annex rows, petition, annex stats) for this letter."""
    petition = lobby_petition(lobby) if letter.include_annex else None
    stats = annexes.annex_stats(petition)
    qr_url = qr_target(lobby, petition)
    context = services.letter_context(letter, lobby, None, qr_url, petition is not None)
    fields = dataclasses.asdict(context)
    fields["day"] = context.day.isoformat()
    words = Words(context.language).version()  # a new translation of its fixed words too
    payload = json.dumps(
        [template_version(), words, fields, stats], sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(payload.encode()).hexdigest(), context, petition, stats


def with_annex(context: LetterContext, petition) -> LetterContext:
    """The context with the petition's annex rows (a query), or with no annex if it has none."""
    annex = annexes.annex_signers(petition) if petition is not None else None
    return dataclasses.replace(context, annex=annex if annex and annex.total else None)


def render(context: LetterContext, processes: int = 1, seconds: float | None = None) -> bytes:
    """Render the letter (the expensive part), within `seconds` when given (RenderTimeout)."""
    global render_count
    render_count += 1
    if seconds is None:
        return render_pdf(context, processes=processes)
    return within(seconds, in_this_app(render_pdf), context)


def in_this_app(work):
    """work, run in this app's context in whatever thread runs it (the letter's fixed words are
    looked up in the app's catalogs under the letter's language)."""
    app = current_app._get_current_object()

    def run(*args):
        with app.app_context():
            return work(*args)

    return run


def retry_in(entry: LetterPdf) -> float:
    """Seconds until a failed entry is tried again (0: now)."""
    kept = timedelta(seconds=current_app.config["LETTER_RETRY_FAILED_SECONDS"])
    return max((entry.created_at + kept - utcnow()).total_seconds(), 0)


def still_good(entry: LetterPdf) -> bool:
    """Whether a cached entry stands: ready, a failure not yet due for retry, or a render
    queued or under way for less than STALE (a job lost with a stopped worker is queued again)."""
    if entry.status == "ready":
        return True
    if entry.status == "failed":
        return retry_in(entry) > 0
    return entry.created_at > utcnow() - STALE


def render_now(entry: LetterPdf, context: LetterContext, petition) -> None:
    """Render a new entry in this request, within LETTER_RENDER_SECONDS: ready, or failed."""
    context = with_annex(context, petition)
    try:
        entry.pdf = render(context, seconds=current_app.config["LETTER_RENDER_SECONDS"])
        entry.status = "ready"
    except (body.LetterTooComplex, RenderTimeout) as error:
        current_app.logger.warning("letter %s not rendered: %s", entry.key, error)
        entry.status = "failed"
    except Exception:  # a layout error: kept as a failure all the same, and logged in full
        current_app.logger.exception("letter %s not rendered", entry.key)
        entry.status = "failed"


def cached_pdf(letter: Letter, lobby: Lobby) -> tuple[LetterPdf, bool]:
    """(entry, whether it is new): the cached PDF, rendered now if small, else queued; or the
    failure of its last render, kept for a while.

    The caller commits, then starts the job for a new queued entry (start_job).
    """
    key, context, petition, stats = plan(letter, lobby)
    found = db.session.get(LetterPdf, key)
    if found is not None and still_good(found):
        return found, False
    if found is not None:  # a lost job or an old failure: try again
        db.session.delete(found)
        db.session.flush()
    entry = LetterPdf(key=key, lobby_id=lobby.id, language=letter.language, rows=stats[1])
    if stats[1] <= INLINE_ROWS:
        render_now(entry, context, petition)
    else:
        entry.status = "queued"
    db.session.execute(
        delete(LetterPdf).where(
            LetterPdf.lobby_id == lobby.id,
            LetterPdf.language == letter.language,
            LetterPdf.key != key,
        )
    )
    db.session.add(entry)
    try:
        db.session.flush()
    except IntegrityError:  # another worker stored the same key first: use theirs
        db.session.rollback()
        return db.session.get(LetterPdf, key), False
    return entry, True


def start_job(entry: LetterPdf) -> None:
    """Queue the background render of a new, committed, queued entry. If the queue cannot be
    reached the entry stays queued, and a download after STALE queues it again."""
    try:
        jobs.enqueue(render_in_background, entry.key, entry.lobby_id, entry.language, retries=1)
    except jobs.JobsUnavailable as error:
        current_app.logger.warning("letter render not queued: %s", error)


def render_in_background(key: str, lobby_id: int, language: str) -> None:
    """Job: render a large letter and store it under its key (skipped if already done)."""
    entry = db.session.get(LetterPdf, key)
    lobby = db.session.get(Lobby, lobby_id)
    letter = services.pick_letter(lobby, language) if lobby else None
    if entry is None or entry.status != "queued" or letter is None:
        return
    entry.status = "rendering"
    db.session.commit()
    _, context, petition, _ = plan(letter, lobby)
    context = with_annex(context, petition)
    try:
        pdf = render(context, current_app.config["LETTER_RENDER_PROCESSES"])
    except Exception:
        db.session.rollback()
        entry = db.session.get(LetterPdf, key)
        if entry is not None:  # downloads say so until LETTER_RETRY_FAILED_SECONDS have passed
            entry.status, entry.created_at = "failed", utcnow()
            db.session.commit()
        raise
    entry = db.session.get(LetterPdf, key)
    if entry is not None:
        entry.pdf, entry.status = pdf, "ready"
        db.session.commit()


def remembered(slug: str, language: str) -> tuple[str, str, bytes] | None:
    """(key, language, pdf) served for this download within LETTER_PDF_MEMORY_SECONDS."""
    found = _memo.get((slug, language))
    seconds = current_app.config["LETTER_PDF_MEMORY_SECONDS"]
    if found is None or found[0] < time.monotonic() - seconds:
        return None
    return found[1:]


def remember(slug: str, language: str, entry: LetterPdf) -> None:
    """Keep a ready PDF in the memo for this download."""
    _memo.set((slug, language), (time.monotonic(), entry.key, entry.language, entry.pdf))


def forget() -> None:
    """Empty the memo (after a letter changes in this process)."""
    _memo.clear()
