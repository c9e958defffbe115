"""Organiser: lobbies at embassies, calendar feeds, protest letters and petitions."""

import os

from flask import Flask
from flask_babel import gettext
from werkzeug.middleware.proxy_fix import ProxyFix

from organiser import (
    accounts,
    addresses,
    board,
    bulk_lobbies,
    caching,
    cli,
    config,
    database,
    errors,
    feeds,
    hosting,
    i18n,
    letters,
    lobbies,
    maps,
    petitions,
    photos,
    rate_limits,
    reports,
    routing,
    security,
    templating,
)
from organiser.extensions import csrf, db, login_manager, migrate
from organiser.i18n import gettext_noop
from organiser.logs import register_logging


def create_app(overrides: dict | None = None, instance_path: str | None = None) -> Flask:
    """Build the application; overrides (tests) win over the environment, and instance_path
    (tests: a tmp directory) over overrides' INSTANCE_PATH, then the environment's."""
    overrides = overrides or {}
    app = Flask(
        __name__,
        template_folder="../templates",
        instance_relative_config=True,
        instance_path=instance_path or overrides.get("INSTANCE_PATH") or config.instance_path(),
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.update(config.from_environment(app.instance_path))
    app.config.update(overrides)
    app.config["INSTANCE_PATH"] = app.instance_path  # an app built from this config keeps it
    register_logging(app)
    caching.init_app(app)
    register_extensions(app)
    i18n.init_app(app)  # the reader's language, for everything below
    database.init_app(app)
    routing.register_converters(app)  # before any blueprint adds a rule
    # Each feature: its blueprints, its listeners on this app's sessions, its commands, and
    # the panels it adds to other features' pages (panels.py).
    accounts.init_app(app)
    lobbies.init_app(app)
    feeds.init_app(app)
    maps.init_app(app)
    letters.init_app(app)
    board.init_app(app)
    petitions.init_app(app)
    hosting.init_app(app)  # after lobbies: its panels go on the campaign pages
    photos.init_app(app)  # before security's body limit: photo uploads may be larger
    reports.init_app(app)
    bulk_lobbies.init_app(app)
    errors.register_error_pages(app)
    security.register_body_limit(app)
    security.register_host_check(app)
    security.register_security_headers(app)
    templating.register_template_helpers(app)
    addresses.init_app(app)  # addresses in their country's order
    cli.register_commands(app)
    register_proxies(app)  # last: it wraps every middleware above
    return app


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions to this app."""
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(app.root_path, "..", "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = gettext_noop("Please log in to organise.")
    login_manager.localize_callback = gettext  # flashed in the reader's language
    rate_limits.init_app(app)


def register_proxies(app: Flask) -> None:
    """Trust X-Forwarded-For/-Proto/-Host from TRUSTED_PROXIES proxies in front, and only then.
    Outermost, so every other check sees the host and address the proxy forwarded."""
    if app.config.get("TRUSTED_PROXIES"):
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
