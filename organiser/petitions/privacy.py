"""Keeping personal data no longer than needed: IP addresses, then whole signatures."""

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from organiser.extensions import db
from organiser.petitions.models import Petition, Signature
from organiser.petitions.outbox import OutboxMail


def months_before(now: datetime, months: int) -> datetime:
    """The instant `months` months (of 30.44 days) before now."""
    return now - timedelta(days=round(months * 30.44))


def forget_ips(now: datetime, days: int) -> int:
    """Clear the IP address of signatures older than `days` (limits no longer need it)."""
    return db.session.execute(
        update(Signature)
        .where(Signature.ip.is_not(None), Signature.created_at < now - timedelta(days=days))
        .values(ip=None)
        .execution_options(synchronize_session=False)
    ).rowcount


def anonymise_closed(now: datetime, months: int) -> list[tuple[str, int]]:
    """Strip names, emails and IPs from petitions closed more than `months` ago.

    Country and city stay (they are the page's breakdowns) and so does the count; their
    confirmation emails leave the outbox (a failure's message may name the address).
    """
    cutoff = months_before(now, months)
    petitions = db.session.scalars(
        select(Petition).where(Petition.closes_at.is_not(None), Petition.closes_at < cutoff)
    ).all()
    done = []
    for petition in petitions:
        n = db.session.execute(
            update(Signature)
            .where(
                Signature.petition_id == petition.id,
                (Signature.email.is_not(None)) | (Signature.name != "") | Signature.ip.is_not(None),
            )
            .values(name="", email=None, email_key=None, ip=None, show_name=False)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.execute(
            delete(OutboxMail)
            .where(
                OutboxMail.signature_id.in_(
                    select(Signature.id).where(Signature.petition_id == petition.id)
                )
            )
            .execution_options(synchronize_session=False)
        )
        petition.anonymised_at = now
        done.append((petition.slug, n))
    db.session.flush()
    return done
