"""Commands: flask recount-signatures, flask anonymise-signatures, flask jobs-worker."""

import click
from flask import current_app
from flask.cli import with_appcontext

from organiser import jobs
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.petitions.counting import recount_all
from organiser.petitions.emails import deliver_due
from organiser.petitions.privacy import anonymise_closed, forget_ips
from organiser.petitions.writer_queue import writer_queue


@click.command("recount-signatures")
@with_appcontext
def recount_signatures_command() -> None:
    """Count each petition's confirmed signatures and repair its counter."""
    with writer_queue():
        results = recount_all()
        db.session.commit()
    for slug, before, after in results:
        note = "ok" if before == after else f"repaired (was {before})"
        click.echo(f"{slug}: {after} {note}")


@click.command("anonymise-signatures")
@click.option("--months", type=int, default=None, help="Default: ANONYMISE_AFTER_MONTHS.")
@with_appcontext
def anonymise_signatures_command(months: int | None) -> None:
    """Strip personal data from petitions closed long enough ago, and old IP addresses."""
    config = current_app.config
    now = utcnow()
    months = config["ANONYMISE_AFTER_MONTHS"] if months is None else months
    with writer_queue():
        ips = forget_ips(now, config["SIGNATURE_IP_DAYS"])
        done = anonymise_closed(now, months)
        db.session.commit()
    click.echo(f"IP addresses cleared: {ips}.")
    for slug, n in done:
        click.echo(f"{slug}: {n} signatures anonymised.")


@click.command("jobs-worker")
@click.option("--burst", is_flag=True, help="Stop when no mail is due and the queue is empty.")
@with_appcontext
def jobs_worker_command(burst: bool) -> None:
    """Send the mail outbox's due mail every MAIL_OUTBOX_POLL_SECONDS and, with JOBS_REDIS_URL,
    run the RQ worker for the job queue (mail, large PDFs)."""
    app = current_app._get_current_object()
    interval = app.config["MAIL_OUTBOX_POLL_SECONDS"]
    jobs.run_worker(app, burst=burst, tasks=(deliver_due,), interval=interval)


COMMANDS = [recount_signatures_command, anonymise_signatures_command, jobs_worker_command]
