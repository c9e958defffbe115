"""The organisers' side of hosting: switch it on, see the proposals, approve one through the
lobby form prefilled from it, or reject it. Owners of the campaign only."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from organiser.extensions import db
from organiser.hosting import services
from organiser.hosting.drafts import LobbyDraft
from organiser.hosting.emails import queue_host_link, queue_rejection
from organiser.hosting.forms import ButtonForm, HostingSwitchForm
from organiser.hosting.models import HostedLobby
from organiser.jobs import JobsUnavailable
from organiser.lobbies import organise_views
from organiser.lobbies.permissions import owned_campaign

bp = Blueprint("organise_hosting", __name__, url_prefix="/organise")


@bp.before_request
@login_required
def require_login():
    """Every page here is for logged-in organisers."""


def owned_proposal(proposal_id: int) -> HostedLobby:
    """The proposal if the current organiser owns its campaign; 404 otherwise."""
    proposal = db.get_or_404(HostedLobby, proposal_id)
    if not proposal.campaign.is_owned_by(current_user):
        abort(404)
    return proposal


@bp.post("/campaigns/<slug>/hosting")
def switch(slug: str):
    """Open or close the campaign to local hosts' proposals."""
    campaign = owned_campaign(slug)
    form = HostingSwitchForm()
    if form.validate_on_submit():
        services.switch_hosting(campaign, form.open.data == "1")
        db.session.commit()
        if campaign.hosting_open:
            flash(_("Local hosts can now propose lobbies."))
        else:
            flash(_("Local hosts can no longer propose lobbies."))
    return redirect(url_for("organise.campaign", slug=campaign.slug))


@bp.get("/campaigns/<slug>/proposals")
def proposals(slug: str):
    """The campaign's proposals: those ready to approve, those waiting for the host's email."""
    campaign = owned_campaign(slug)
    return render_template(
        "hosting/proposals.html",
        campaign=campaign,
        proposals=services.campaign_proposals(campaign.id),
        form=ButtonForm(),
    )


def not_ready(proposal: HostedLobby):
    """409: this proposal cannot be approved (unconfirmed email, or rejected)."""
    page = render_template("hosting/not_ready.html", proposal=proposal)
    return page, 409


@bp.route("/proposals/<int:proposal_id>/approve", methods=["GET", "POST"])
def approve(proposal_id: int):
    """The lobby form prefilled from the proposal; saving it creates the lobby (once)."""
    proposal = owned_proposal(proposal_id)
    campaign = proposal.campaign
    if proposal.status == "approved" and proposal.lobby is not None:
        flash(_("This proposal is approved already: here is its lobby."))
        return redirect(url_for("public.lobby", slug=proposal.lobby.slug))
    if proposal.status != "pending" or not proposal.is_confirmed:
        return not_ready(proposal)
    form = organise_views.lobby_form(campaign)
    if not form.is_submitted():
        form.load(LobbyDraft(proposal, services.latest_demands(campaign.id)))
    if form.validate_on_submit():
        try:
            lobby, token = services.approve(
                proposal, lambda: organise_views.create_lobby(campaign, form)
            )
        except services.NotReady:
            db.session.rollback()
            return not_ready(proposal)
        db.session.commit()
        if token is not None:
            mail_host(proposal, lobby, token)
            flash(
                _(
                    "Lobby in %(city)s approved and scheduled; the host is mailed their link.",
                    city=lobby.city,
                )
            )
        return redirect(url_for("public.lobby", slug=lobby.slug))
    return organise_views.render_lobby_form(
        form, _("Approve the lobby in %(city)s", city=proposal.city), proposal=proposal
    )


def mail_host(proposal: HostedLobby, lobby, token: str) -> None:
    """Queue the host's email with their link; if the queue is down, say so (a new link can
    be sent from the proposals page)."""
    try:
        queue_host_link(proposal, lobby, token)
    except JobsUnavailable as error:
        current_app.logger.warning("host link not queued: %s", error)
        flash(_("The host's email could not be sent now: send them a new link later."))


@bp.post("/proposals/<int:proposal_id>/reject")
def reject(proposal_id: int):
    """Reject a proposal: it never becomes a lobby."""
    proposal = owned_proposal(proposal_id)
    if ButtonForm().validate_on_submit() and services.reject(proposal):
        db.session.commit()
        flash(_("Proposal for %(city)s rejected.", city=proposal.city))
        if proposal.is_confirmed:  # an address never confirmed is not written to again
            try:
                queue_rejection(proposal)
            except JobsUnavailable as error:
                current_app.logger.warning("host's rejection not queued: %s", error)
    return redirect(url_for(".proposals", slug=proposal.campaign.slug))


@bp.post("/proposals/<int:proposal_id>/new-link")
def new_link(proposal_id: int):
    """Send the host of an approved lobby a new private link (the old one stops working)."""
    proposal = owned_proposal(proposal_id)
    if proposal.status != "approved" or proposal.lobby is None:
        abort(404)
    if ButtonForm().validate_on_submit():
        token = services.new_host_link(proposal)
        db.session.commit()
        mail_host(proposal, proposal.lobby, token)
        flash(
            _(
                "A new link is on its way to %(name)s; the old one no longer works.",
                name=proposal.host_name,
            )
        )
    return redirect(url_for(".proposals", slug=proposal.campaign.slug))
