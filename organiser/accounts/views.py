"""Login, logout and changing one's password, for organisers."""

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
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from organiser.accounts.forms import LoginForm, PasswordForm
from organiser.accounts.redirects import safe_next
from organiser.accounts.services import authenticate, change_password
from organiser.accounts.sessions import end_sessions, start_session
from organiser.extensions import db, limiter

bp = Blueprint("accounts", __name__, url_prefix="/organise")


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
            start_session(organiser)
            login_user(organiser)
            db.session.commit()
            return redirect(next_url)
        form.password.errors.append(_("Email or password is not right."))
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Log out: every session of this account ends, on every device."""
    end_sessions(current_user._get_current_object())
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are logged out."))
    return redirect(url_for("public.home"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def password():
    """Change one's password; the account's other sessions end, this one goes on."""
    form = PasswordForm()
    if form.validate_on_submit():
        organiser = current_user._get_current_object()
        if change_password(organiser, form.current_password.data, form.new_password.data):
            db.session.commit()
            login_user(organiser)  # this session goes on with the account's new token
            flash(_("Your password is changed. Every other session of yours has ended."))
            return redirect(url_for("organise.dashboard"))
        form.current_password.errors.append(_("This is not your current password."))
    return render_template("accounts/password.html", form=form)
