"""Photos no row refers to any more (their lobby or campaign was deleted: the database
cascades to the rows that named them, not to the photos) are pruned by `flask prune-photos`."""

from datetime import timedelta

import click
from flask.cli import with_appcontext
from sqlalchemy import Column, delete, exists

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.photos.models import Photo


def referring_columns() -> list[Column]:
    """Every column of every model whose foreign key names a photo (reports, deliveries...)."""
    return [
        key.parent
        for table in db.metadata.sorted_tables
        for key in table.foreign_keys
        if key.column.table.name == Photo.__tablename__
    ]


def prune_orphans(older_than: timedelta) -> int:
    """Delete photos stored more than older_than ago that nothing refers to (a younger one
    may belong to a form being saved); how many went."""
    unused = [~exists().where(column == Photo.id) for column in referring_columns()]
    result = db.session.execute(
        delete(Photo).where(Photo.created_at < utcnow() - older_than, *unused)
    )
    return result.rowcount


@click.command("prune-photos")
@click.option("--hours", default=24, show_default=True, help="Keep younger photos.")
@with_appcontext
def prune_photos_command(hours: int) -> None:
    """Delete the photos no report or delivery refers to any more."""
    count = prune_orphans(timedelta(hours=hours))
    db.session.commit()
    click.echo(f"{count} unused photo{'s' if count != 1 else ''} deleted.")
