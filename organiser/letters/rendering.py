"""Cached letter PDFs: keyed on everything that changes them, rendered once, large ones in the
background (the job queue), so no request renders for long."""

import dataclasses
import hashlib
import json
import os
import threading
import time
from collections import OrderedDict
from datetime import timedelta
from functools import cache

from flask import current_app
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from organiser import jobs
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.letters import annex as annexes
from organiser.letters import services
from organiser.letters.models import Letter, LetterPdf
from organiser.letters.pdf import TEMPLATES, render_pdf
from organiser.lobbies.models import Lobby
from organiser.petitions.services import lobby_petition

# Annexes with more named rows than this are rendered by a background job (~1.5 ms a row).
INLINE_ROWS = 600
STALE = timedelta(minutes=30)  # a queued render not done by then is queued again
render_count = 0  # renders done by this process (tests and benchmarks read it)


def setting(name: str, default: float) -> float:
    """A letters setting: the app's config, else the environment, else the default."""
    value = current_app.config.get(name, os.environ.get(name))
    return default if value in (None, "") else float(value)


@cache
def template_version() -> str:
    """A digest of the letter's template and stylesheet, so a new design renders anew."""
    digest = hashlib.sha256()
    for name in ("pdf.html", "letter.css"):
        digest.update((TEMPLATES / name).read_bytes())
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
    payload = json.dumps([template_version(), fields, stats], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest(), context, petition, stats


def render_letter(letter: Letter, lobby: Lobby, context, petition, processes: int = 1) -> bytes:
    """Render the letter with its annex rows (the expensive part)."""
    global render_count
    annex = annexes.annex_signers(petition) if petition is not None else None
    render_count += 1
    context = dataclasses.replace(context, annex=annex if annex and annex.total else None)
    return render_pdf(context, processes=processes)


def cached_pdf(letter: Letter, lobby: Lobby) -> tuple[LetterPdf, bool]:
    """(entry, whether it is new): the cached PDF, rendered now if small, else queued.

    The caller commits, then starts the job for a new queued entry (start_job).
    """
    key, context, petition, stats = plan(letter, lobby)
    found = db.session.get(LetterPdf, key)
    if found is not None and (found.status == "ready" or found.created_at > utcnow() - STALE):
        return found, False
    if found is not None:  # its job was lost (a worker stopped): queue it again
        db.session.delete(found)
        db.session.flush()
    entry = LetterPdf(key=key, lobby_id=lobby.id, language=letter.language, rows=stats[1])
    if stats[1] <= INLINE_ROWS:
        entry.pdf = render_letter(letter, lobby, context, petition)
        entry.status = "ready"
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
    try:
        processes = int(setting("LETTER_RENDER_PROCESSES", 1))
        pdf = render_letter(letter, lobby, context, petition, processes)
    except Exception:
        db.session.rollback()
        db.session.execute(delete(LetterPdf).where(LetterPdf.key == key))
        db.session.commit()  # the next download queues it again
        raise
    entry = db.session.get(LetterPdf, key)
    if entry is not None:
        entry.pdf, entry.status = pdf, "ready"
        db.session.commit()


# A short per-process memo in front of the database cache: repeated downloads within
# LETTER_PDF_MEMORY_SECONDS (default 2) skip the database (bounded, least recently used out).
MEMO_ENTRIES = 64
_memo: OrderedDict[tuple[str, str], tuple[float, str, str, bytes]] = OrderedDict()
_memo_lock = threading.Lock()


def remembered(slug: str, language: str, seconds: float) -> tuple[str, str, bytes] | None:
    """(key, language, pdf) served for this download within the last seconds, if any."""
    with _memo_lock:
        found = _memo.get((slug, language))
        if found is None or found[0] < time.monotonic() - seconds:
            return None
        _memo.move_to_end((slug, language))
        return found[1:]


def remember(slug: str, language: str, entry: LetterPdf) -> None:
    """Keep a ready PDF in the memo for this download."""
    with _memo_lock:
        _memo[(slug, language)] = (time.monotonic(), entry.key, entry.language, entry.pdf)
        _memo.move_to_end((slug, language))
        while len(_memo) > MEMO_ENTRIES:
            _memo.popitem(last=False)


def forget() -> None:
    """Empty the memo (after a letter changes in this process)."""
    with _memo_lock:
        _memo.clear()
