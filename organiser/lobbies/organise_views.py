"""The organisers' area: their campaigns, targets and lobbies."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms import SelectChoice

from organiser.accounts.models import Organiser
from organiser.accounts.services import find_organiser
from organiser.extensions import db
from organiser.lobbies import services
from organiser.lobbies.forms import CampaignForm, CancelForm, OwnerForm, TargetForm, model_fields
from organiser.lobbies.lobby_form import LobbyForm
from organiser.lobbies.localtime import zone_names
from organiser.lobbies.models import Campaign, Lobby, Target
from organiser.lobbies.permissions import owned_campaign, owned_lobby, owned_target
from organiser.lobbies.places import countries, default_zone
from organiser.panels import panels
from organiser.submissions import create_once

bp = Blueprint("organise", __name__, url_prefix="/organise")


@bp.before_request
@login_required
def require_login():
    """Every page here is for logged-in organisers."""


@bp.route("/")
def dashboard():
    """The organiser's own campaigns."""
    campaigns = db.session.scalars(
        select(Campaign)
        .join(Campaign.owners)
        .where(Organiser.id == current_user.id)
        .order_by(Campaign.name)
    ).all()
    return render_template("organise/dashboard.html", campaigns=campaigns)


@bp.route("/campaigns/new", methods=["GET", "POST"])
def new_campaign():
    """Start a campaign; its creator owns it."""
    form = CampaignForm()
    if form.validate_on_submit():
        campaign = create_once(
            form,
            current_user,
            Campaign,
            lambda: services.create_campaign(current_user, **model_fields(form)),
        )
        db.session.commit()
        flash(_("Campaign “%(name)s” created.", name=campaign.name))
        return redirect(url_for(".campaign", slug=campaign.slug))
    return render_template("organise/form.html", form=form, title=_("New campaign"))


def campaign_page(campaign: Campaign, owner_form: OwnerForm):
    """The organiser's campaign page, with the panels other features add to it."""
    # What the page lists, loaded here: templates never query.
    db.session.refresh(campaign, ["lobbies", "targets", "owners"])
    return render_template(
        "organise/campaign.html",
        campaign=campaign,
        owner_form=owner_form,
        panels=panels("organise_campaign", campaign=campaign),
    )


@bp.route("/campaigns/<slug>")
def campaign(slug: str):
    """A campaign's lobbies and targets, with what can be done to them."""
    found = owned_campaign(slug)
    return campaign_page(found, OwnerForm())


@bp.route("/campaigns/<slug>/owners", methods=["POST"])
def add_owner(slug: str):
    """Share the campaign with another organiser, who can then change everything in it."""
    found = owned_campaign(slug)
    form = OwnerForm()
    if form.validate_on_submit():
        organiser = find_organiser(form.email.data)
        if organiser is None:
            form.email.errors.append(
                _(
                    "No organiser has this email: they need an account first "
                    "(flask create-organiser)."
                )
            )
        else:
            added = services.add_owner(found, organiser)
            db.session.commit()
            if added:
                flash(_("%(name)s now organises this campaign.", name=organiser.name))
            else:
                flash(_("%(name)s already organises this campaign.", name=organiser.name))
            return redirect(url_for(".campaign", slug=found.slug))
    return campaign_page(found, form)


@bp.route("/campaigns/<slug>/edit", methods=["GET", "POST"])
def edit_campaign(slug: str):
    """Change a campaign's name, description and letterhead."""
    found = owned_campaign(slug)
    form = CampaignForm(obj=found)
    if form.validate_on_submit():
        services.update(found, **model_fields(form))
        db.session.commit()
        flash(_("Campaign saved."))
        return redirect(url_for(".campaign", slug=found.slug))
    delete_url = url_for("delete.campaign", slug=found.slug)
    return render_template(
        "organise/form.html",
        form=form,
        title=_("Edit %(name)s", name=found.name),
        delete_url=delete_url,
    )


@bp.route("/campaigns/<slug>/targets/new", methods=["GET", "POST"])
def new_target(slug: str):
    """Add an embassy, consulate or company the campaign lobbies."""
    found = owned_campaign(slug)
    form = TargetForm()
    if form.validate_on_submit():
        target = create_once(
            form, current_user, Target, lambda: services.create_target(found, **model_fields(form))
        )
        db.session.commit()
        flash(_("Target “%(name)s” added.", name=target.name))
        return redirect(url_for(".campaign", slug=found.slug))
    title = _("New target for %(campaign)s", campaign=found.name)
    return render_template("organise/form.html", form=form, title=title)


@bp.route("/targets/<int:target_id>/edit", methods=["GET", "POST"])
def edit_target(target_id: int):
    """Change a target's address or head of mission."""
    target = owned_target(target_id)
    form = TargetForm(obj=target)
    if form.validate_on_submit():
        services.update(target, **model_fields(form))
        db.session.commit()
        flash(_("Target saved."))
        return redirect(url_for(".campaign", slug=target.campaign.slug))
    delete_url = url_for("delete.target", target_id=target.id)
    return render_template(
        "organise/form.html",
        form=form,
        title=_("Edit %(name)s", name=target.name),
        delete_url=delete_url,
    )


def lobby_form(campaign: Campaign, lobby: Lobby | None = None, copy: bool = False) -> LobbyForm:
    """The lobby form with the campaign's targets to choose from (and their places, to fill
    the lobby's from), filled from a lobby on GET (copy: for a duplicate in another city)."""
    form = LobbyForm()
    form.target_id.choices = [SelectChoice(0, _("No target"))] + [
        SelectChoice(t.id, f"{t.name}, {t.city}") for t in campaign.targets
    ]
    form.target_places = {
        t.id: {name: getattr(t, name) for name in LobbyForm.PLACE_FIELDS} for t in campaign.targets
    }
    if lobby is not None and request.method == "GET":
        form.load_duplicate(lobby) if copy else form.load(lobby)
    return form


def create_lobby(campaign: Campaign, form: LobbyForm) -> Lobby:
    """The lobby the validated form describes, in the campaign."""
    return services.create_lobby(campaign, form.demand_lines(), **form.lobby_fields())


def render_lobby_form(form: LobbyForm, title: str, **context):
    """The lobby form page, with every time zone offered."""
    return render_template(
        "organise/lobby_form.html",
        form=form,
        title=title,
        zones=sorted(zone_names()),
        default_zones={code: default_zone(code) or "" for code in countries()},
        **context,
    )


@bp.route("/campaigns/<slug>/lobbies/new", methods=["GET", "POST"])
def new_lobby(slug: str):
    """Schedule a lobby in the campaign."""
    found = owned_campaign(slug)
    form = lobby_form(found)
    if form.validate_on_submit():
        lobby = create_once(form, current_user, Lobby, lambda: create_lobby(found, form))
        db.session.commit()
        flash(_("Lobby “%(title)s” scheduled.", title=lobby.title))
        return redirect(url_for("public.lobby", slug=lobby.slug))
    title = _("New lobby for %(campaign)s", campaign=found.name)
    return render_lobby_form(form, title, follow_country=True)


@bp.route("/lobbies/<slug>/edit", methods=["GET", "POST"])
def edit_lobby(slug: str):
    """Change or move a lobby; subscribed calendars follow."""
    lobby = owned_lobby(slug)
    form = lobby_form(lobby.campaign, lobby)
    if form.validate_on_submit():
        services.update_lobby(lobby, form.demand_lines(), **form.lobby_fields())
        db.session.commit()
        flash(_("Lobby saved."))
        return redirect(url_for("public.lobby", slug=lobby.slug))
    return render_lobby_form(
        form,
        _("Edit %(title)s", title=lobby.title),
        delete_url=url_for("delete.lobby", slug=lobby.slug),
    )


@bp.route("/lobbies/<slug>/duplicate", methods=["GET", "POST"])
def duplicate_lobby(slug: str):
    """A new lobby prefilled from this one: change the city and time, keep the rest."""
    original = owned_lobby(slug)
    form = lobby_form(original.campaign, original, copy=True)
    if form.validate_on_submit():
        lobby = create_once(
            form, current_user, Lobby, lambda: create_lobby(original.campaign, form)
        )
        db.session.commit()
        flash(_("Lobby “%(title)s” in %(city)s scheduled.", title=lobby.title, city=lobby.city))
        return redirect(url_for(".campaign", slug=original.campaign.slug))
    return render_lobby_form(
        form,
        _("Duplicate %(title)s", title=original.title),
        duplicating=original,
        follow_country=True,
    )


@bp.route("/lobbies/<slug>/cancel", methods=["GET", "POST"])
def cancel_lobby(slug: str):
    """Call a lobby off; it stays listed, marked cancelled, in every calendar."""
    lobby = owned_lobby(slug)
    form = CancelForm()
    if form.validate_on_submit():
        services.cancel_lobby(lobby, (form.reason.data or "").strip())
        db.session.commit()
        flash(_("Lobby cancelled. Subscribed calendars will show it as cancelled."))
        return redirect(url_for("public.lobby", slug=lobby.slug))
    return render_template("organise/cancel.html", form=form, lobby=lobby)


@bp.route("/lobbies/<slug>/reinstate", methods=["POST"])
def reinstate_lobby(slug: str):
    """Put a cancelled lobby back on."""
    lobby = owned_lobby(slug)  # CSRFProtect has already checked the token
    services.reinstate_lobby(lobby)
    db.session.commit()
    flash(_("Lobby reinstated."))
    return redirect(url_for("public.lobby", slug=lobby.slug))
