"""Login and logout for organisers."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import login_required, login_user, logout_user

from organiser.accounts.forms import LoginForm
from organiser.accounts.models import Organiser
from organiser.accounts.services import authenticate
from organiser.extensions import db, limiter, login_manager

bp = Blueprint("accounts", __name__, url_prefix="/organise")


@login_manager.user_loader
def load_organiser(organiser_id: str) -> Organiser | None:
    """The logged-in organiser, from the id in the session."""
    return db.session.get(Organiser, int(organiser_id)) if organiser_id.isdigit() else None


def safe_next(target: str | None) -> str:
    """Where to go after login: only a path on this site, never another host."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("organise.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    """Log an organiser in; the same answer for an unknown email and a wrong password."""
    form = LoginForm()
    if form.validate_on_submit():
        organiser = authenticate(form.email.data, form.password.data)
        if organiser:
            next_url = safe_next(request.args.get("next"))
            session.clear()
            login_user(organiser)
            db.session.commit()
            return redirect(next_url)
        form.password.errors.append("Email or password is not right.")
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Log out and forget the session."""
    logout_user()
    session.clear()
    flash("You are logged out.")
    return redirect(url_for("public.home"))
