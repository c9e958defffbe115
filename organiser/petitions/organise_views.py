"""The organisers' side of petitions: create, edit, paper signatures, invalidate, export."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import func, select

from organiser.extensions import db
from organiser.lobbies.models import Campaign
from organiser.lobbies.permissions import owned_campaign
from organiser.petitions import page, refs, services, signing
from organiser.petitions.counting import confirmed_count
from organiser.petitions.export import petition_csv
from organiser.petitions.forms import InvalidateForm, PaperForm, PetitionForm
from organiser.petitions.models import Petition, Signature
from organiser.petitions.writer_queue import writer_queue
from organiser.submissions import create_once

bp = Blueprint("organise_petitions", __name__, url_prefix="/organise")


@bp.before_request
@login_required
def require_login():
    """Every page here is for logged-in organisers."""


def owned_petition(slug: str) -> Petition:
    """The petition if the current organiser owns its campaign; 404 otherwise."""
    petition = db.first_or_404(select(Petition).where(Petition.slug == slug))
    if not petition.campaign.is_owned_by(current_user):
        abort(404)
    return petition


def petition_form(campaign: Campaign, petition: Petition | None = None) -> PetitionForm:
    """The petition form with the campaign's targets to choose from."""
    form = PetitionForm(obj=petition) if petition else PetitionForm()
    form.target_id.choices = [(0, _("No target"))] + [(t.id, t.name) for t in campaign.targets]
    if petition is not None and not form.is_submitted():
        form.target_id.data = petition.target_id or 0
        form.opens_on.data = petition.opens_at.date() if petition.opens_at else None
        form.closes_on.data = petition.closes_at.date() if petition.closes_at else None
    return form


@bp.route("/campaigns/<slug>/petitions/new", methods=["GET", "POST"])
def new_petition(slug: str):
    """Open a petition in the campaign."""
    campaign = owned_campaign(slug)
    form = petition_form(campaign)
    if form.validate_on_submit():
        with writer_queue():
            petition = create_once(
                form,
                current_user,
                Petition,
                lambda: services.create_petition(campaign, **form.model_fields()),
            )
            db.session.commit()
        flash(_("Petition “%(title)s” created.", title=petition.title))
        return redirect(url_for(".manage", slug=petition.slug))
    return render_template(
        "organise/form.html",
        form=form,
        title=_("New petition for %(campaign)s", campaign=campaign.name),
    )


@bp.route("/petitions/<slug>/edit", methods=["GET", "POST"])
def edit_petition(slug: str):
    """Change a petition's text, target, goal, dates or status."""
    petition = owned_petition(slug)
    form = petition_form(petition.campaign, petition)
    if form.validate_on_submit():
        with writer_queue():
            services.update_petition(petition, **form.model_fields())
            db.session.commit()
        refs.forget(slug)  # this process shows the change at once, others within seconds
        page.forget(slug)
        flash(_("Petition saved."))
        return redirect(url_for(".manage", slug=petition.slug))
    title = _("Edit %(title)s", title=petition.title)
    return render_template("organise/form.html", form=form, title=title)


def signature_tally(petition_id: int) -> dict:
    """Rows by state, for the organiser's page."""
    rows = db.session.execute(
        select(
            Signature.confirmed_at.is_not(None),
            Signature.invalidated_at.is_not(None),
            Signature.source,
            func.count(),
        )
        .where(Signature.petition_id == petition_id)
        .group_by(
            Signature.confirmed_at.is_not(None),
            Signature.invalidated_at.is_not(None),
            Signature.source,
        )
    ).all()
    tally = {"unconfirmed": 0, "invalidated": 0, "paper": 0}
    for confirmed, invalidated, source, n in rows:
        if invalidated:
            tally["invalidated"] += n
        elif not confirmed:
            tally["unconfirmed"] += n
        elif source == "paper":
            tally["paper"] += n
    return tally


@bp.route("/petitions/<slug>")
def manage(slug: str, paper_form=None, invalidate_form=None):
    """A petition's count, its export, paper signatures and invalidation."""
    petition = owned_petition(slug)
    return render_template(
        "petitions/manage.html",
        petition=petition,
        count=confirmed_count(petition.id),
        tally=signature_tally(petition.id),
        paper_form=paper_form or PaperForm(),
        invalidate_form=invalidate_form or InvalidateForm(),
    )


def paper_signature(petition: Petition, form: PaperForm) -> Signature:
    """The paper signature the validated form describes."""
    country, city = form.country.data or "", form.city.data or ""
    return signing.add_paper(petition, form.name.data, city, country, form.name_in_letter.data)


@bp.route("/petitions/<slug>/paper", methods=["POST"])
def add_paper(slug: str):
    """Enter a signature collected on paper."""
    petition = owned_petition(slug)
    form = PaperForm()
    if not form.validate_on_submit():
        return manage(slug, paper_form=form), 422
    with writer_queue():
        create_once(form, current_user, Signature, lambda: paper_signature(petition, form))
        db.session.commit()
    flash(_("Paper signature of %(name)s added.", name=form.name.data.strip()))
    return redirect(url_for(".manage", slug=slug))


@bp.route("/petitions/<slug>/invalidate", methods=["POST"])
def invalidate(slug: str):
    """Invalidate signatures by email domain, IP address or time range; the count follows."""
    petition = owned_petition(slug)
    form = InvalidateForm()
    if not form.validate_on_submit():
        return manage(slug, invalidate_form=form), 422
    with writer_queue():
        n = signing.invalidate(petition, **form.criteria())
        db.session.commit()
    flash(ngettext("%(num)d signature invalidated.", "%(num)d signatures invalidated.", n))
    return redirect(url_for(".manage", slug=slug))


@bp.route("/petitions/<slug>/delete", methods=["GET", "POST"])
def delete_petition(slug: str):
    """Delete a petition and its signatures, after a page that counts them."""
    petition = owned_petition(slug)
    form = FlaskForm()  # the button and its CSRF token
    if form.validate_on_submit():
        title, campaign_slug = petition.title, petition.campaign.slug
        with writer_queue():
            services.delete_petition(petition)
            db.session.commit()
        refs.forget(slug)
        page.forget(slug)
        flash(_("Petition “%(title)s” deleted.", title=title))
        return redirect(url_for("organise.campaign", slug=campaign_slug))
    counts = {
        "signatures": services.signature_rows(petition.id),
        "confirmed": confirmed_count(petition.id),
    }
    return render_template(
        "organise/delete.html",
        kind="petition",
        thing=petition,
        losses={"counts": counts},
        panels=[],
        form=form,
        back=url_for(".manage", slug=slug),
    )


@bp.route("/petitions/<slug>/signatures.csv")
def export(slug: str):
    """The petition's signatures as CSV, for its organisers only."""
    petition = owned_petition(slug)
    response = Response(petition_csv(petition.id), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{petition.slug}.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response
