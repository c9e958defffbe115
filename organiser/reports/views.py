"""Report routes: the organisers' report form per lobby, the campaign's report page and its
Atom feed."""

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from organiser.board.states import by_organiser
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.lobbies.models import Campaign
from organiser.lobbies.permissions import owned_lobby
from organiser.photos.uploads import accepts_photos
from organiser.reports import feed, pages
from organiser.reports.services import ReportRejected, report_form, save_report

bp = Blueprint("reports", __name__)


@bp.route("/organise/lobbies/<slug>/report", methods=["GET", "POST"])
@accepts_photos
@login_required
def write_report(slug: str):
    """Write or correct a lobby's report; a refused photo saves nothing and says why."""
    lobby = owned_lobby(slug)
    form = report_form(lobby)
    if form.validate_on_submit():
        try:
            save_report(lobby, form, by=by_organiser(current_user))
        except ReportRejected:
            db.session.rollback()
        else:
            db.session.commit()
            flash(_("The report is published."))
            return redirect(url_for("public.lobby", slug=slug, _anchor="report"))
    action = url_for("reports.write_report", slug=slug)
    status = 422 if form.is_submitted() else 200  # sent, yet not saved: errors shown
    return render_template("reports/write.html", lobby=lobby, form=form, action=action), status


@bp.route("/campaigns/<slug>/report")
def campaign_report(slug: str):
    """The report of the day: every city's report in the order of its local time."""
    campaign = db.first_or_404(select(Campaign).where(Campaign.slug == slug))
    reports = pages.campaign_reports(campaign)
    return render_template(
        "reports/campaign.html",
        campaign=campaign,
        days=pages.by_local_date(reports),
        states=pages.day_states(reports),
        waiting=pages.still_to_report(campaign, reports, utcnow()),
    )


@bp.route("/campaigns/<slug>/reports.atom")
def campaign_feed(slug: str):
    """The campaign's reports as Atom, one entry per lobby's report; 304 from the ETag."""
    campaign = db.first_or_404(select(Campaign).where(Campaign.slug == slug))
    etag = pages.feed_etag(campaign)
    if etag in request.if_none_match:
        response = make_response(b"", 304)
    else:
        response = make_response(feed.reports_atom(campaign, pages.campaign_reports(campaign)))
        response.headers["Content-Type"] = "application/atom+xml; charset=utf-8"
    response.headers["Cache-Control"] = "public, max-age=60"
    response.set_etag(etag)
    return response
