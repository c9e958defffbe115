"""Error pages in the site's layout; no request ends in a bare 500."""

import sqlite3
from contextlib import suppress

import psycopg
from flask import Flask, current_app, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from organiser.extensions import db

# A database error from the session itself, or from a driver's raw connection.
DATABASE_ERRORS = (SQLAlchemyError, sqlite3.Error, psycopg.Error)

MESSAGES = {
    400: _l(
        "The request could not be understood. If you were sending a form, reload the page "
        "and try again."
    ),
    403: _l("You are not allowed to do that."),
    404: _l("There is nothing at this address. The lobby or campaign may have a different link."),
    405: _l("That page cannot be used this way."),
    413: _l("What you sent is too large."),
    429: _l("Too many attempts. Please wait a minute and try again."),
    500: _l("Something went wrong on our side. Nothing you sent was half-saved; please try again."),
}
# The errors' names as Werkzeug gives them in English, in the reader's language.
NAMES = {
    400: _l("Bad Request"),
    403: _l("Forbidden"),
    404: _l("Not Found"),
    405: _l("Method Not Allowed"),
    409: _l("Conflict"),
    413: _l("Request Entity Too Large"),
    429: _l("Too Many Requests"),
    500: _l("Internal Server Error"),
}


def render_error(error: HTTPException):
    """The error page for an HTTP error."""
    code = error.code or 500
    message = MESSAGES.get(code, error.description)
    name = NAMES.get(code, error.name)
    return render_template("errors/error.html", code=code, name=name, message=message), code


def render_csrf_error(error: CSRFError):
    """A form sent without a valid CSRF token: 400 with a hint to reload."""
    message = _(
        "This form has expired or was not sent from this site. Reload the page and try again."
    )
    name = _("Bad request")
    return render_template("errors/error.html", code=400, name=name, message=message), 400


def render_unexpected(error: Exception):
    """Log it, roll back anything half-done, then show a friendly 500."""
    current_app.logger.exception("Unexpected error", exc_info=error)
    db.session.rollback()
    return render_error(InternalServerError())


def render_unavailable(error: Exception):
    """The database cannot be reached (or stays locked): 503 on a page that needs nothing of
    it, not even the signed-in organiser."""
    current_app.logger.warning("database unavailable: %s", error)
    with suppress(SQLAlchemyError):  # a connection that is already gone has nothing to undo
        db.session.rollback()
    # Straight from Jinja: render_template's context processors would load the organiser.
    page = current_app.jinja_env.get_template("errors/unavailable.html").render()
    return page, 503, {"Retry-After": "60"}


def end_transaction(response):
    """End the request's transaction before its response goes out. A database that went away
    since the request's last statement fails here, answered with the 503 page, and not at
    teardown, where the failure would reach the web server as its own bare 500."""
    if not db.session.registry.has():
        return response
    try:
        db.session.close()
    except DATABASE_ERRORS as error:
        return current_app.make_response(render_unavailable(error))
    return response


def remove_session_quietly(_error: BaseException | None) -> None:
    """Teardown never raises: a session that cannot end cleanly is logged and dropped (its
    connection is invalidated; the database discards what was not committed)."""
    try:
        db.session.remove()
    except Exception as error:  # teardown runs after the response: nothing to show anyone
        current_app.logger.warning("database session not closed cleanly: %s", error)
        db.session.registry.clear()


def register_error_pages(app: Flask) -> None:
    """Every HTTP error, CSRF failures and unexpected exceptions get the site's error page."""
    app.register_error_handler(CSRFError, render_csrf_error)
    # SQLAlchemy's, and the drivers' own from the few raw connections kept for speed.
    for unreachable in (OperationalError, sqlite3.OperationalError, psycopg.OperationalError):
        app.register_error_handler(unreachable, render_unavailable)
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(Exception, render_unexpected)
    app.after_request(end_transaction)
    # Teardown functions run last-registered first: this removes the session before
    # Flask-SQLAlchemy's own teardown (registered by db.init_app) would try, unguarded.
    app.teardown_appcontext(remove_session_quietly)
