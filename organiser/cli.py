"""Commands: flask create-organiser, flask seed-demo."""

import secrets
import sys
from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from organiser import demo
from organiser.accounts.services import create_organiser, find_organiser
from organiser.extensions import db

DEMO_EMAIL = "demo@example.org"


@click.command("create-organiser")
@click.option("--email", required=True, help="The organiser's login email.")
@click.option("--name", required=True, help="The organiser's name.")
@with_appcontext
def create_organiser_command(email: str, name: str) -> None:
    """Create an organiser account; the password is prompted for, or read from stdin."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        organiser = create_organiser(email, name, password)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created organiser {organiser.email}.")


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Load the demo campaigns and lobbies and a demo organiser; running it again adds nothing."""
    login_file = Path(current_app.instance_path) / "demo-organiser.txt"
    organiser = find_organiser(DEMO_EMAIL)
    if organiser is None:
        password = secrets.token_urlsafe(12)
        organiser = create_organiser(DEMO_EMAIL, "Demo Organiser", password)
        login_file.write_text(f"email: {DEMO_EMAIL}\npassword: {password}\n")
        login_file.chmod(0o600)
    added = demo.seed(organiser, date.today())
    db.session.commit()
    click.echo(f"Demo data: {added} lobbies added.")
    if login_file.exists():
        click.echo(f"Log in at /organise/login as the demo organiser:\n{login_file.read_text()}")


def register_commands(app: Flask) -> None:
    """Make the commands available as `flask ...`."""
    app.cli.add_command(create_organiser_command)
    app.cli.add_command(seed_demo_command)
