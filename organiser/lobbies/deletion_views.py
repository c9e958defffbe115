"""Deleting a lobby, a target or a campaign: a page that says what goes with it, then a POST
with its CSRF token. Only the campaign's organisers see either (others get a 404)."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

from organiser.extensions import db
from organiser.lobbies import deletion
from organiser.lobbies.permissions import owned_campaign, owned_lobby, owned_target
from organiser.panels import panels

bp = Blueprint("delete", __name__, url_prefix="/organise")


@bp.before_request
@login_required
def require_login():
    """Every page here is for logged-in organisers."""


class DeleteForm(FlaskForm):
    """A confirmation: the button and the CSRF token."""


class CampaignDeleteForm(FlaskForm):
    """Deleting a campaign takes everything in it: its name is typed to confirm."""

    name = StringField(
        _l("Type the campaign’s name to confirm"),
        validators=[
            DataRequired(message=_l("Type the campaign’s name to confirm.")),
            Length(max=200),
        ],
    )

    def __init__(self, expected: str, **kwargs):
        super().__init__(**kwargs)
        self.expected = expected

    def validate_name(self, field):
        """The very name, spaces around it aside."""
        if (field.data or "").strip() != self.expected:
            raise ValidationError(_("Type the campaign’s name exactly as shown."))


def confirm_page(kind: str, thing, losses, form, back: str):
    """The confirmation page for deleting one thing, with what other features say of it (the
    panels of page "delete_<kind>", given the thing as <kind>)."""
    return render_template(
        "organise/delete.html",
        kind=kind,
        thing=thing,
        losses=losses,
        form=form,
        back=back,
        panels=panels(f"delete_{kind}", **{kind: thing}),
    )


@bp.route("/lobbies/<slug>/delete", methods=["GET", "POST"])
def lobby(slug: str):
    """Delete a lobby (to call one off and keep it listed, cancel it instead)."""
    found = owned_lobby(slug)
    form = DeleteForm()
    if form.validate_on_submit():
        title, campaign_slug = found.title, found.campaign.slug
        deletion.delete_lobby(found)
        db.session.commit()
        flash(_("Lobby “%(title)s” deleted.", title=title))
        return redirect(url_for("organise.campaign", slug=campaign_slug))
    back = url_for("organise.edit_lobby", slug=slug)
    return confirm_page("lobby", found, deletion.lobby_losses(found), form, back)


@bp.route("/targets/<int:target_id>/delete", methods=["GET", "POST"])
def target(target_id: int):
    """Delete a target; lobbies and petitions naming it stay."""
    found = owned_target(target_id)
    form = DeleteForm()
    if form.validate_on_submit():
        name, campaign_slug = found.name, found.campaign.slug
        deletion.delete_target(found)
        db.session.commit()
        flash(_("Target “%(name)s” deleted.", name=name))
        return redirect(url_for("organise.campaign", slug=campaign_slug))
    back = url_for("organise.edit_target", target_id=target_id)
    return confirm_page("target", found, deletion.target_losses(found), form, back)


@bp.route("/campaigns/<slug>/delete", methods=["GET", "POST"])
def campaign(slug: str):
    """Delete a campaign and everything in it."""
    found = owned_campaign(slug)
    form = CampaignDeleteForm(found.name)
    if form.validate_on_submit():
        name = found.name
        deletion.delete_campaign(found)
        db.session.commit()
        flash(_("Campaign “%(name)s” deleted.", name=name))
        return redirect(url_for("organise.dashboard"))
    back = url_for("organise.campaign", slug=slug)
    return confirm_page("campaign", found, deletion.campaign_losses(found), form, back)
