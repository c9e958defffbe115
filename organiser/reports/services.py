"""Saving a lobby's report with its photos, all or nothing (services flush, views commit)."""

from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.lobbies.models import Lobby
from organiser.photos.services import PhotoRejected, add_photo, clean_photo
from organiser.reports.forms import ReportForm
from organiser.reports.models import PHOTOS_MAX, LobbyReport, ReportPhoto


class ReportRejected(ValueError):
    """The report was not saved: the form's fields carry the reasons (a refused photo, too
    many photos); nothing of it was written."""


def lobby_report(lobby: Lobby) -> LobbyReport | None:
    """The lobby's report with its photos, or None."""
    return db.session.scalar(
        select(LobbyReport)
        .where(LobbyReport.lobby_id == lobby.id)
        .options(selectinload(LobbyReport.photos))
    )


def report_form(lobby: Lobby) -> ReportForm:
    """The report form for this lobby: the saved report filled in (or the sent form, on a
    POST), its photos listed so they can be removed."""
    report = lobby_report(lobby)
    if report is None:
        return ReportForm()
    form = ReportForm(text=report.text, attendance=report.attendance, response=report.response)
    form.existing = list(report.photos)
    return form


def add_error(field, message: str) -> None:
    """Show message next to field (after validation its errors are a list)."""
    field.errors = [*field.errors, message]


def cleaned_uploads(form: ReportForm) -> list:
    """Each new photo's entry and its clean JPEG; every refusal marked on its own field."""
    cleaned, refused = [], False
    for entry in form.photos:
        if not entry.file.data:
            continue
        try:
            cleaned.append((entry, clean_photo(entry.file.data)))
        except PhotoRejected as error:
            add_error(entry.file, str(error))
            refused = True
    if refused:
        raise ReportRejected("a photo was refused")
    return cleaned


def save_report(lobby: Lobby, form: ReportForm, *, by: str) -> LobbyReport:
    """Write the validated form as the lobby's report, by this author (a display name);
    ReportRejected with the reasons on the form's fields, and nothing written, if a photo is
    refused or there would be more than PHOTOS_MAX."""
    report = lobby_report(lobby)
    kept = [p for p in (report.photos if report else []) if p.id not in set(form.remove.data or [])]
    uploads = [entry for entry in form.photos if entry.file.data]
    if len(kept) + len(uploads) > PHOTOS_MAX:
        room = PHOTOS_MAX - len(kept)
        add_error(
            form.photos.entries[0].file,
            ngettext(
                "A report holds at most %(max)d photos: add %(num)d more at most, "
                "or remove some first.",
                "A report holds at most %(max)d photos: add %(num)d more at most, "
                "or remove some first.",
                max(room, 0),
                max=PHOTOS_MAX,
            ),
        )
        raise ReportRejected("too many photos")
    cleaned = cleaned_uploads(form)  # before anything is written: all or nothing
    if report is None:
        report = LobbyReport(lobby=lobby)
        db.session.add(report)
    report.text = form.text.data.strip()
    report.attendance = form.attendance.data
    report.response = (form.response.data or "").strip()
    report.author = by[:200]
    report.updated_at = utcnow()
    for gone in set(report.photos) - set(kept):
        report.photos.remove(gone)
        db.session.delete(gone.photo)
    last = max((p.position for p in kept), default=-1)
    for position, (entry, clean) in enumerate(cleaned, start=last + 1):
        report.photos.append(
            ReportPhoto(
                photo=add_photo(clean),
                position=position,
                caption=entry.caption.data.strip(),
                consent=True,
            )
        )
    db.session.flush()
    return report
