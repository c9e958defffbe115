"""The organisers' bulk lobbies: a CSV file previewed then imported in one transaction, and
the campaign's lobbies exported in the same shape (CSV or .xlsx)."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from organiser.bulk_lobbies import export, services, tokens
from organiser.bulk_lobbies.columns import COLUMNS, MAX_FILE_BYTES, REQUIRED
from organiser.bulk_lobbies.forms import ConfirmForm, UploadForm
from organiser.bulk_lobbies.preview import shown
from organiser.bulk_lobbies.reading import FileRefused, decode
from organiser.errors import render_error
from organiser.extensions import db
from organiser.lobbies.models import Campaign
from organiser.lobbies.permissions import owned_campaign
from organiser.submissions import create_once

bp = Blueprint("bulk_lobbies", __name__, url_prefix="/organise")

TOO_LARGE = _l("The file is larger than 1 MB: split it into smaller files.")
SPOILT = _l("This preview has expired or was changed: upload the file again.")
TOO_LARGE_TO_CONFIRM = _l(
    "This file is too large to confirm in one go: split it into smaller files and import each."
)


@bp.before_request
@login_required
def require_login():
    """Every page here is for logged-in organisers."""


def upload_page(campaign: Campaign, form: UploadForm, status: int = 200):
    """The import page: the form, and what the file must look like."""
    page = render_template(
        "bulk_lobbies/import.html", campaign=campaign, form=form, columns=COLUMNS, required=REQUIRED
    )
    return page, status


def preview_page(campaign: Campaign, checked: services.Checked, text: str):
    """Every row as it will be saved and every problem; the confirmation only when all is well."""
    confirm, note = None, ""
    if checked.ready:
        token = tokens.sign(campaign.id, text)
        if token is None:
            note = str(TOO_LARGE_TO_CONFIRM)
        else:
            confirm = ConfirmForm(formdata=None, payload=token)
    return render_template(
        "bulk_lobbies/preview.html",
        campaign=campaign,
        checked=checked,
        rows=[shown(draft) for draft in checked.drafts],
        confirm=confirm,
        note=note,
        upload=UploadForm(formdata=None),
    )


@bp.errorhandler(413)
def file_too_large(error):
    """A body over MAX_CONTENT_LENGTH: the import page with the reason (the site's 413 page for
    a visitor who is not logged in)."""
    if not current_user.is_authenticated or request.endpoint != "bulk_lobbies.upload":
        return render_error(error)
    form = UploadForm(formdata=None)
    form.file.errors = [str(TOO_LARGE)]
    return upload_page(owned_campaign(request.view_args["slug"]), form, 413)


@bp.route("/campaigns/<slug>/lobbies/import", methods=["GET", "POST"])
def upload(slug: str):
    """Upload a CSV file of lobbies: its preview, with the problems of each row."""
    campaign = owned_campaign(slug)
    form = UploadForm()
    if not form.validate_on_submit():
        return upload_page(campaign, form)
    data = form.file.data.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        form.file.errors.append(str(TOO_LARGE))
        return upload_page(campaign, form)
    try:
        text = decode(data)
        checked = services.check_text(campaign, text)
    except FileRefused as refused:
        form.file.errors.append(str(refused))
        return upload_page(campaign, form)
    return preview_page(campaign, checked, text)


@bp.route("/campaigns/<slug>/lobbies/import/confirm", methods=["POST"])
def confirm(slug: str):
    """Save every lobby of a previewed file in one transaction, checked again first."""
    campaign = owned_campaign(slug)
    form = ConfirmForm()
    try:
        if not form.validate_on_submit():
            raise tokens.PreviewSpoilt("no preview")
        text = tokens.unsign(form.payload.data, campaign.id)
        checked = services.check_text(campaign, text)
    except (tokens.PreviewSpoilt, FileRefused):
        upload_form = UploadForm(formdata=None)
        upload_form.file.errors = [str(SPOILT)]
        return upload_page(campaign, upload_form, 400)
    if not checked.ready:
        return preview_page(campaign, checked, text)
    added = []

    def import_all() -> Campaign:
        added.extend(services.import_lobbies(campaign, checked))
        return campaign

    create_once(form, current_user, Campaign, import_all)  # a repeat of this form adds nothing
    db.session.commit()
    if added:
        count = len(added)
        flash(
            ngettext(
                "%(count)s lobby added.",
                "%(count)s lobbies added.",
                count,
                count=format_decimal(count),
            )
        )
    else:
        flash(_("These lobbies were added already."))
    return redirect(url_for("organise.campaign", slug=campaign.slug))


def download(body: bytes, mimetype: str, filename: str) -> Response:
    """A file for the organiser's own computer, never kept by a cache."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/campaigns/<slug>/lobbies.csv")
def export_csv(slug: str):
    """The campaign's lobbies as CSV, in the import's shape."""
    campaign = owned_campaign(slug)
    return download(export.lobbies_csv(campaign), "text/csv", f"{campaign.slug}-lobbies.csv")


@bp.route("/campaigns/<slug>/lobbies.xlsx")
def export_xlsx(slug: str):
    """The campaign's lobbies as an Excel workbook."""
    campaign = owned_campaign(slug)
    body = export.lobbies_xlsx(campaign)
    return download(body, export.XLSX_TYPE, f"{campaign.slug}-lobbies.xlsx")
