"""Commands: flask remove-organiser."""

import click
from flask.cli import with_appcontext

from organiser.accounts.services import remove_organiser
from organiser.extensions import db


@click.command("remove-organiser")
@click.option("--email", required=True, help="The organiser's login email.")
@with_appcontext
def remove_organiser_command(email: str) -> None:
    """Remove an organiser: they can no longer log in and every session of theirs ends at
    once. Their campaigns stay, with their other organisers."""
    try:
        organiser = remove_organiser(email)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Removed organiser {organiser.email}; their sessions have ended.")


COMMANDS = [remove_organiser_command]
