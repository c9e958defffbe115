"""The hosts' pages: the public form to propose a lobby, the confirmation link's page, and
the host's private page for their approved lobby."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from sqlalchemy import delete, select
from wtforms import SelectChoice

from organiser.board.forms import StateForm
from organiser.board.models import STATES
from organiser.board.states import current_states, record_state
from organiser.extensions import db, limiter
from organiser.hosting import services
from organiser.hosting.emails import queue_confirmation
from organiser.hosting.forms import ButtonForm, HostForm
from organiser.hosting.models import HostedLobby
from organiser.jobs import JobsUnavailable
from organiser.lobbies.localtime import zone_names
from organiser.lobbies.models import Campaign
from organiser.lobbies.places import countries, default_zone
from organiser.photos.uploads import accepts_photos
from organiser.reports.services import ReportRejected, report_form, save_report

bp = Blueprint("hosting", __name__)

# Pages at a private link: kept by no cache, and the link never sent on as a Referer.
PRIVATE = {"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"}


def open_campaign(slug: str) -> Campaign:
    """The campaign if it takes hosts' proposals; 404 otherwise (closed looks absent)."""
    return db.first_or_404(
        select(Campaign).where(Campaign.slug == slug, Campaign.hosting_open.is_(True))
    )


def host_form(campaign: Campaign) -> HostForm:
    """The host's form, the campaign's targets (or none) to choose from."""
    form = HostForm()
    form.target_id.choices = [SelectChoice(0, _("No target / not sure"))] + [
        SelectChoice(t.id, f"{t.name}, {t.city}") for t in campaign.targets
    ]
    form.target_places = {  # a chosen target fills a place left blank (LobbyForm's rule)
        t.id: {name: getattr(t, name) for name in HostForm.PLACE_FIELDS} for t in campaign.targets
    }
    return form


def render_host_form(campaign: Campaign, form: HostForm, status: int = 200):
    """The form page, with every time zone offered."""
    page = render_template(
        "hosting/form.html",
        campaign=campaign,
        form=form,
        zones=sorted(zone_names()),
        default_zones={code: default_zone(code) or "" for code in countries()},
    )
    return page, status


def proposal_limit_key() -> str:
    """Rate-limit key: the client's address and the campaign."""
    return f"host|{get_remote_address()}|{(request.view_args or {}).get('slug', '')}"


@bp.get("/campaigns/<slug>/host")
def host(slug: str):
    """The form a local host fills in to add their city's lobby."""
    campaign = open_campaign(slug)
    return render_host_form(campaign, host_form(campaign))


@bp.post("/campaigns/<slug>/host")
@limiter.limit(
    lambda: current_app.config["HOST_PROPOSAL_RATE_LIMIT"],
    key_func=proposal_limit_key,
    deduct_when=lambda response: response.status_code == 302,  # a form sent back costs nothing
)
def propose(slug: str):
    """Save the proposal as pending and mail the host a link to confirm their email."""
    campaign = open_campaign(slug)
    form = host_form(campaign)
    if not form.validate_on_submit():
        return render_host_form(campaign, form, 422)
    if form.website.data:  # the honeypot: a bot filled the hidden field; store nothing
        return redirect(url_for(".sent", slug=campaign.slug))
    proposal, token = services.propose(campaign, **form.proposal_fields())
    db.session.commit()
    if token is None:  # confirmed already: the organisers have it
        return redirect(url_for(".sent", slug=campaign.slug))
    try:
        queue_confirmation(proposal, token)
    except JobsUnavailable as error:  # no email, no way to confirm: keep nothing
        current_app.logger.warning("host confirmation not queued: %s", error)
        db.session.execute(delete(HostedLobby).where(HostedLobby.id == proposal.id))
        db.session.commit()
        page = render_template("hosting/mail_unavailable.html", campaign=campaign)
        return page, 503, {"Retry-After": "120"}
    return redirect(url_for(".sent", slug=campaign.slug))


@bp.get("/campaigns/<slug>/host/sent")
def sent(slug: str):
    """After proposing: check your email (the same page for a bot caught by the honeypot)."""
    campaign = db.first_or_404(select(Campaign).where(Campaign.slug == slug))
    return render_template("hosting/sent.html", campaign=campaign)


@bp.route("/host/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    """The link in the email opens a page with a button; only the button confirms (mail
    scanners follow links, they do not press buttons)."""
    proposal = services.by_confirm_token(token)
    if proposal is None:
        abort(404)
    if services.link_expired(proposal, current_app.config["CONFIRM_TOKEN_DAYS"]):
        return render_template("hosting/link_expired.html", proposal=proposal), 410
    form = ButtonForm()
    if form.validate_on_submit():
        newly = services.confirm_email(proposal)
        db.session.commit()
        page = render_template("hosting/confirmed.html", proposal=proposal, newly=newly)
        return page, 200, PRIVATE
    return render_template("hosting/confirm.html", proposal=proposal, form=form), 200, PRIVATE


def hosted_lobby(token: str) -> HostedLobby:
    """The approved hosted lobby this private link opens; 404 for any other token. The link
    alone names the lobby: nothing in a form can point it at another."""
    hosted = services.by_host_token(token)
    if hosted is None:
        abort(404)
    return hosted


def host_page(hosted: HostedLobby, state_form=None, report=None, status: int = 200):
    """The host's page: the lobby, its state now and a form to change it, its report form."""
    lobby = hosted.lobby
    now = current_states([lobby.id]).get(lobby.id)
    page = render_template(
        "hosting/host_page.html",
        hosted=hosted,
        lobby=lobby,
        token=request.view_args["token"],
        state=now,
        states=STATES,
        state_form=state_form or StateForm(formdata=None, state=now.state if now else None),
        report_form=report or report_form(lobby),
    )
    return page, status, PRIVATE


@bp.get("/host/<token>")
def host_lobby(token: str):
    """The host's private page for their lobby."""
    return host_page(hosted_lobby(token))


@bp.post("/host/<token>/state")
def host_state(token: str):
    """The host sets their lobby's state on the day (delivered, refused, doors locked, ...)."""
    hosted = hosted_lobby(token)
    form = StateForm()
    if not form.validate_on_submit():
        return host_page(hosted, state_form=form, status=422)
    by = f"{hosted.host_name} (host)"
    record_state(hosted.lobby, form.state.data, by=by, note=form.note.data or "")
    db.session.commit()
    flash(_("Your lobby is now: %(state)s.", state=STATES[form.state.data]))
    return redirect(url_for(".host_lobby", token=token))


@bp.post("/host/<token>/report")
@accepts_photos
def host_report(token: str):
    """The host posts (or corrects) their lobby's report, photos included, all or nothing."""
    hosted = hosted_lobby(token)
    form = report_form(hosted.lobby)
    if form.validate_on_submit():
        try:
            save_report(hosted.lobby, form, by=f"{hosted.host_name} (host)")
        except ReportRejected:
            db.session.rollback()
        else:
            db.session.commit()
            flash(_("Your report is published."))
            return redirect(url_for(".host_lobby", token=token))
    return host_page(hosted, report=form, status=422)


@bp.errorhandler(429)
def too_many(error):
    """A clear page when one address proposes too often."""
    return render_template("hosting/rate_limited.html", limit=error.description), 429
