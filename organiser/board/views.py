"""The coordinator's board: the page, its polled fragment (ETag, 304 while nothing changed),
and the form that sets a lobby's state. Owners only: others get 404 like all of /organise."""

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from organiser.board.forms import StateForm
from organiser.board.models import STATES
from organiser.board.overview import board_version, campaign_board
from organiser.board.states import by_organiser, record_state
from organiser.extensions import db
from organiser.lobbies.permissions import owned_campaign, owned_lobby

bp = Blueprint("board", __name__, url_prefix="/organise")

POLL_SECONDS = 3


@bp.before_request
@login_required
def require_login():
    """The board is for logged-in organisers."""


def board_page(campaign, posted=None):
    """The whole board page (a form sent with errors shown in its lobby's card)."""
    return render_template(
        "board/board.html",
        board=campaign_board(campaign, posted),
        version=board_version(campaign.id, current_user.id),
        states=STATES,
        poll_seconds=POLL_SECONDS,
    )


@bp.route("/campaigns/<slug>/board")
def board(slug: str):
    """Every target and lobby of the campaign, and each lobby's state through the day."""
    return board_page(owned_campaign(slug))


@bp.route("/campaigns/<slug>/board/live")
def live(slug: str):
    """The board's content for the page's script to swap in; 304 while nothing changed."""
    campaign = owned_campaign(slug)
    version = board_version(campaign.id, current_user.id)
    headers = {"Cache-Control": "no-cache, private", "Vary": "Accept-Language, Cookie"}
    if version in request.if_none_match:
        response = make_response("", 304)
    else:
        html = render_template("board/_board.html", board=campaign_board(campaign), states=STATES)
        response = make_response(html)
    response.headers.update(headers)
    response.set_etag(version)
    return response


@bp.route("/lobbies/<slug>/state", methods=["POST"])
def set_state(slug: str):
    """Set a lobby's state with a note (CSRFProtect has checked the token); back to the board
    at its card."""
    lobby = owned_lobby(slug)
    form = StateForm()
    if not form.validate():
        return board_page(lobby.campaign, posted=(lobby.id, form))
    by, note = by_organiser(current_user), form.note.data or ""
    record_state(lobby, form.state.data, by=by, note=note, may_reinstate=True)
    db.session.commit()
    flash(_("%(city)s: %(state)s.", city=lobby.city, state=STATES[form.state.data]))
    target = url_for(".board", slug=lobby.campaign.slug, _anchor=f"lobby-{lobby.slug}")
    return redirect(target)
