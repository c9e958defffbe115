"""Letter routes: the public PDF per lobby, and the organisers' letter and delivery forms."""

import math
from datetime import datetime

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from organiser.board.states import by_organiser, record_delivered
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.letters import preview, rendering, services
from organiser.letters.body import LetterTooComplex
from organiser.letters.forms import DeliveryForm, LetterForm
from organiser.letters.models import Letter
from organiser.letters.wording import language_name
from organiser.lobbies.localtime import LocalTimeError, to_utc, venue_time
from organiser.lobbies.models import Lobby
from organiser.lobbies.permissions import owned_campaign, owned_lobby
from organiser.photos.models import Photo
from organiser.photos.services import PhotoRejected, store_photo
from organiser.photos.uploads import accepts_photos
from organiser.submissions import create_once

bp = Blueprint("letters", __name__)


@bp.route("/lobbies/<slug>/letter.pdf")
def letter_pdf(slug: str):
    """The lobby's letter as PDF (?lang= picks a language; else the first), from the cache."""
    asked = request.args.get("lang", "")[:8]
    if memo := rendering.remembered(slug, asked):
        return pdf_response(slug, *memo)
    lobby = db.first_or_404(
        select(Lobby)
        .where(Lobby.slug == slug)
        .options(joinedload(Lobby.campaign), joinedload(Lobby.target), selectinload(Lobby.demands))
    )
    letter = services.pick_letter(lobby, asked)
    if letter is None:
        abort(404)
    entry, new = rendering.cached_pdf(letter, lobby)
    db.session.commit()
    if new and entry.status == "queued":
        rendering.start_job(entry)
    if entry.status == "failed":  # kept: the render is not tried again for a while
        retry = str(max(math.ceil(rendering.retry_in(entry)), 1))
        page = render_template("letters/unprintable.html", lobby=lobby)
        return page, 503, {"Retry-After": retry, "Cache-Control": "no-store"}
    if entry.status != "ready":
        page = render_template("letters/preparing.html", lobby=lobby, entry=entry, now=utcnow())
        return page, 202, {"Retry-After": "3", "Cache-Control": "no-store"}
    rendering.remember(slug, asked, entry)
    return pdf_response(slug, entry.key, entry.language, entry.pdf)


def pdf_response(slug: str, key: str, language: str, pdf: bytes):
    """The PDF, inline, with its cache key as ETag (a repeat with If-None-Match gets 304)."""
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    filename = f"letter-{slug}-{language}.pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "public, max-age=60"
    response.set_etag(key)
    return response.make_conditional(request)


@bp.route("/letters/letter.css")
def letter_css():
    """The letter's stylesheet, for the HTML preview (CSP allows only same-origin styles)."""
    css = preview.screen_stylesheet(request.args.get("lang", "en"))
    return css, 200, {"Content-Type": "text/css; charset=utf-8", "Cache-Control": "max-age=300"}


def owned_letter(letter_id: int) -> Letter:
    """The letter if the current organiser owns its campaign; 404 otherwise."""
    letter = db.get_or_404(Letter, letter_id)
    if not current_user.is_authenticated or not letter.campaign.is_owned_by(current_user):
        abort(404)
    return letter


LANGUAGE_TAKEN = _l("There is already a letter in this language: edit that one.")


def language_free(form: LetterForm, campaign, lobby, letter_id: int = 0) -> bool:
    """Refuse a second letter in the same language (with the error next to the field)."""
    if services.language_taken(campaign, lobby, form.language.data, but=letter_id):
        form.language.errors.append(LANGUAGE_TAKEN)
        return False
    return True


def create_letter(form: LetterForm, campaign, lobby) -> Letter | None:
    """Save a new letter and commit; a repeat of the same submission gets the letter the first
    one saved (create_once). None, with the error by the field, if the language is taken, even
    by a save that raced this one (the unique index decides)."""
    fields = form.letter_fields()
    try:
        letter = create_once(
            form, current_user, Letter, lambda: services.create_letter(campaign, lobby, **fields)
        )
    except services.LanguageTaken:
        db.session.rollback()
        form.language.errors.append(LANGUAGE_TAKEN)
        return None
    db.session.commit()
    return letter


def after_save(letter: Letter):
    """Back to where the letter belongs: the lobby for its own version, else the campaign."""
    rendering.forget()  # this worker serves the new text at once; others within seconds
    if letter.lobby is not None:
        return redirect(url_for("public.lobby", slug=letter.lobby.slug))
    return redirect(url_for("organise.campaign", slug=letter.campaign.slug))


def letter_page(form: LetterForm, title: str, letter: Letter | None = None):
    """The letter form page."""
    return render_template("letters/form.html", form=form, title=title, letter=letter)


@bp.route("/organise/campaigns/<slug>/letters/new", methods=["GET", "POST"])
@login_required
def new_letter(slug: str):
    """Write the campaign's letter in a language."""
    campaign = owned_campaign(slug)
    form = LetterForm()
    if form.validate_on_submit() and (letter := create_letter(form, campaign, None)):
        flash(_("Letter in %(language)s saved.", language=language_name(letter.language)))
        return after_save(letter)
    return letter_page(form, _("New letter for %(campaign)s", campaign=campaign.name))


@bp.route("/organise/lobbies/<slug>/letters/new", methods=["GET", "POST"])
@login_required
def new_lobby_letter(slug: str):
    """Write this lobby's own version of the letter, starting from the campaign's."""
    lobby = owned_lobby(slug)
    form = LetterForm()
    if request.method == "GET":
        base = services.pick_letter(lobby, request.args.get("lang"))
        if base is not None:
            form.process(obj=base)
    if form.validate_on_submit() and (letter := create_letter(form, lobby.campaign, lobby)):
        flash(
            _("This lobby's letter in %(language)s saved.", language=language_name(letter.language))
        )
        return after_save(letter)
    return letter_page(
        form, _("Letter for %(lobby)s, %(city)s", lobby=lobby.title, city=lobby.city)
    )


@bp.route("/organise/letters/<int:letter_id>/edit", methods=["GET", "POST"])
@login_required
def edit_letter(letter_id: int):
    """Change a letter's text."""
    letter = owned_letter(letter_id)
    form = LetterForm(obj=letter)
    if form.validate_on_submit() and language_free(form, letter.campaign, letter.lobby, letter.id):
        services.save_letter(letter, letter.campaign, letter.lobby, **form.letter_fields())
        db.session.commit()
        flash(_("Letter saved."))
        return after_save(letter)
    title = _("Edit letter (%(language)s)", language=language_name(letter.language))
    return letter_page(form, title, letter)


@bp.route("/organise/letters/<int:letter_id>/delete", methods=["POST"])
@login_required
def delete_letter(letter_id: int):
    """Remove a letter (CSRFProtect has checked the token)."""
    letter = owned_letter(letter_id)
    target = after_save(letter)
    services.delete_letter(letter)
    db.session.commit()
    flash(_("Letter deleted."))
    return target


@bp.route("/organise/letters/<int:letter_id>/preview")
@login_required
def preview_letter(letter_id: int):
    """The letter as HTML, for a lobby of the campaign (?lobby=slug) or a sample."""
    letter = owned_letter(letter_id)
    try:
        html = preview.preview_html(letter, request.args.get("lobby"))
    except LetterTooComplex as error:
        return render_template("letters/unprintable.html", letter=letter, reason=str(error)), 422
    return html, 200, {"Content-Type": "text/html; charset=utf-8"}


def delivery_time(form: DeliveryForm, lobby: Lobby) -> datetime | None:
    """The delivery's instant from the form's local date and time; None, with the error next
    to its field, for a time the clocks skip or one later than now at the venue."""
    try:
        local = datetime.combine(form.date.data, form.time.data)
        delivered_at = to_utc(local, lobby.timezone, fold=0)
    except LocalTimeError as error:
        form.time.errors.append(str(error))
        return None
    return delivered_at if form.happened(delivered_at, lobby.timezone) else None


def stamped_copy(form: DeliveryForm) -> Photo | None | bool:
    """The photo of the stamped copy, stored clean (flushed); None when none was sent; False,
    with the reason next to the field, when the file cannot be taken."""
    if not form.photo.data:
        return None
    try:
        return store_photo(form.photo.data)
    except PhotoRejected as error:
        form.photo.errors.append(str(error))
        return False


@bp.route("/organise/lobbies/<slug>/delivery", methods=["GET", "POST"])
@accepts_photos
@login_required
def record_delivery(slug: str):
    """After the lobby: when the letter was handed in, to whom, what happened."""
    lobby = owned_lobby(slug)
    delivery = services.lobby_delivery(lobby)
    form = DeliveryForm()
    if request.method == "GET":
        when = venue_time(delivery.delivered_at if delivery else lobby.starts_at, lobby.timezone)
        form.date.data, form.time.data = when.date(), when.time().replace(second=0)
        if delivery:
            form.received_by.data, form.notes.data = delivery.received_by, delivery.notes
    if (
        form.validate_on_submit()
        and (delivered_at := delivery_time(form, lobby))
        and (photo := stamped_copy(form)) is not False
    ):
        received_by = (form.received_by.data or "").strip()
        notes = (form.notes.data or "").strip()
        services.record_delivery(
            lobby, photo, delivered_at=delivered_at, received_by=received_by, notes=notes
        )
        by = by_organiser(current_user)
        record_delivered(lobby, by=by, received_by=received_by, notes=notes)
        db.session.commit()
        flash(_("Delivery recorded."))
        return redirect(url_for("public.lobby", slug=lobby.slug))
    return render_template("letters/delivery.html", form=form, lobby=lobby, delivery=delivery)
