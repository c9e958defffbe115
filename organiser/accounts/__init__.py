"""Organiser accounts: login, passwords, permissions."""

from flask import Flask

from organiser.accounts import commands, sessions, views


def init_app(app: Flask) -> None:
    """The login, logout and password pages, revocable sessions, the account commands."""
    app.register_blueprint(views.bp)
    sessions.init_app(app)
    for command in commands.COMMANDS:
        app.cli.add_command(command)
