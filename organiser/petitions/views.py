"""Public petition pages: read and sign, confirm, withdraw."""

from datetime import timedelta
from functools import lru_cache

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_decimal, format_timedelta, get_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from organiser.db_types import utcnow
from organiser.extensions import db, limiter
from organiser.jobs import JobsUnavailable
from organiser.lobbies.places import countries
from organiser.petitions import signing
from organiser.petitions.counting import confirmed_count
from organiser.petitions.emails import queue_confirmation
from organiser.petitions.forms import SignForm
from organiser.petitions.models import Petition, Signature
from organiser.petitions.page import find_petition, reader_page, render_with_count
from organiser.petitions.refs import petition_ref
from organiser.petitions.tokens import CONFIRM, WITHDRAW, TokenError, matches, read_token
from organiser.petitions.writer_queue import writer_queue

bp = Blueprint("petitions", __name__, url_prefix="/petitions")


def sign_limit_key() -> str:
    """Rate-limit key: the client's address and the petition."""
    return f"{get_remote_address()}|{(request.view_args or {}).get('slug', '')}"


def render_petition(petition: Petition, form: SignForm, status: int):
    """The page with the form's errors."""
    return render_with_count(petition, form), status


@bp.get("/<slug>")
def petition(slug: str):
    """Read a petition: count, goal, chart, breakdowns, the form."""
    return reader_page(slug)


@bp.post("/<slug>")
@limiter.limit(lambda: current_app.config["SIGN_RATE_LIMIT"], key_func=sign_limit_key)
def sign(slug: str):
    """Sign a petition; the confirmation email is queued once the signature is saved."""
    found = petition_ref(slug)
    form = SignForm()
    if not form.validate_on_submit():
        return render_petition(find_petition(slug), form, 422)
    if form.website.data:  # the honeypot: a bot filled the hidden field; store nothing
        return redirect(url_for(".check_email", slug=found.slug))
    if not found.is_open(utcnow()):
        return refuse_signature(slug, form)
    resend = timedelta(minutes=current_app.config["CONFIRM_RESEND_MINUTES"])
    try:
        with writer_queue():
            result = signing.sign(found, form.model_fields(), get_remote_address(), resend)
            db.session.commit()
    except signing.PetitionClosed:  # closed moments ago, in another worker
        db.session.rollback()
        return refuse_signature(slug, form)
    except SQLAlchemyError as error:
        db.session.rollback()
        current_app.logger.warning("signature not saved: %s", error)
        return render_template("petitions/unavailable.html", petition=found), 503
    if result.send_mail:
        try:
            queue_confirmation(result.signature_id)
        except JobsUnavailable as error:  # saved, but no email: the next try sends one
            current_app.logger.warning("confirmation email not queued: %s", error)
            with writer_queue():
                signing.allow_resend(result.signature_id)
                db.session.commit()
            page = render_template("petitions/mail_delayed.html", petition=found)
            return page, 503, {"Retry-After": "120"}
    return redirect(url_for(".check_email", slug=found.slug))


def refuse_signature(slug: str, form: SignForm):
    """The page again, which says the petition is not taking signatures (and since when)."""
    return render_petition(find_petition(slug), form, 409)


@bp.route("/<slug>/check-email")
def check_email(slug: str):
    """After signing: the same page whether the email is new or known (nothing is revealed)."""
    return render_template("petitions/check_email.html", petition=petition_ref(slug))


def signature_from_token(purpose: str, token: str):
    """The signature a link is for, or an error page (forged, expired, or already withdrawn)."""
    try:
        signature_id, fingerprint = read_token(purpose, token)
    except TokenError as error:
        return None, (render_template("petitions/bad_link.html", expired=error.expired), 400)
    signature = db.session.get(Signature, signature_id)
    if signature is None or not matches(signature, fingerprint):
        return None, (render_template("petitions/bad_link.html", gone=True), 404)
    return signature, None


@bp.route("/confirm/<token>")
def confirm(token: str):
    """Open the link from the email: the signature is confirmed and counted."""
    signature, error_page = signature_from_token(CONFIRM, token)
    if error_page:
        return error_page
    try:
        with writer_queue():
            newly = signing.confirm(signature)
            db.session.commit()
    except signing.PetitionClosed:
        db.session.rollback()
        return render_template(
            "petitions/closed_before_confirmed.html", petition=signature.petition
        ), 409
    return render_template(
        "petitions/confirmed.html",
        petition=signature.petition,
        newly=newly,
        count=confirmed_count(signature.petition_id),
    )


@bp.route("/withdraw/<token>", methods=["GET", "POST"])
def withdraw(token: str):
    """Withdraw a signature: the link shows a button (mail scanners follow links, not forms)."""
    signature, error_page = signature_from_token(WITHDRAW, token)
    if error_page:
        return error_page
    petition = signature.petition
    if request.method == "POST":  # CSRFProtect has checked the token
        with writer_queue():
            signing.withdraw(signature)
            db.session.commit()
        return render_template("petitions/withdrawn.html", petition=petition)
    return render_template("petitions/withdraw.html", petition=petition, signature=signature)


@bp.errorhandler(429)
def too_many(error):
    """A clear page when an address signs too often."""
    return render_template("petitions/rate_limited.html", limit=limit_text(error)), 429


def limit_text(error) -> str:
    """The limit hit, "10 per 1 hour", in the reader's language (the limiter says it in
    English)."""
    item = getattr(getattr(error, "limit", None), "limit", None)
    if item is None:
        return error.description
    period = format_timedelta(timedelta(seconds=item.get_expiry()))
    return _("%(num)s per %(period)s", num=format_decimal(item.amount), period=period)


@bp.app_template_global()
def country_options(selected: str | None) -> Markup:
    """The country <option>s, built once per country and language (250 WTForms options cost
    ~40 ms)."""
    return _country_options(str(get_locale()), selected if selected in countries() else "")


@lru_cache(maxsize=600)
def _country_options(language: str, selected: str) -> Markup:
    options = [("", _("Choose your country")), *countries().items()]
    return Markup("").join(
        Markup('<option value="{}"{}>{}</option>').format(
            code, Markup(" selected") if code == selected else "", name
        )
        for code, name in options
    )
