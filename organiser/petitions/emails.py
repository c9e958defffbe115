"""The confirmation email: in the outbox with the signature (outbox.py), composed when it is
sent, by the job queued once the request commits or by the sweep of `flask jobs-worker`.

It is written in the language the signature was made in (Signature.language, the page signed
on), whoever sends it: the job, the sweep (no request, no page), or signing again from a page
in another language."""

import logging

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from organiser import jobs
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.mail import send_message
from organiser.petitions import outbox
from organiser.petitions.models import Signature
from organiser.petitions.tokens import CONFIRM, WITHDRAW, make_token
from organiser.petitions.writer_queue import writer_queue


def site_url(endpoint: str, **values) -> str:
    """An absolute link on the public site (SITE_URL), built without a request."""
    path = current_app.url_map.bind("", script_name="/").build(endpoint, values)
    return current_app.config["SITE_URL"] + path


def confirmation_email(signature: Signature) -> tuple[str, str]:
    """Subject and body of the email asking the signer to confirm (or saying they have)."""
    petition = signature.petition
    confirm_link = site_url(
        "petitions.confirm", token=make_token(CONFIRM, signature.id, signature.email_key)
    )
    withdraw_link = site_url(
        "petitions.withdraw", token=make_token(WITHDRAW, signature.id, signature.email_key)
    )
    title = " ".join(petition.title.split())  # no line breaks in a header
    subject = (
        _("You have signed: %(title)s", title=title)
        if signature.confirmed_at
        else _("Please confirm your signature: %(title)s", title=title)
    )
    body = render_template(
        "petitions/email_confirm.txt",
        signature=signature,
        petition=petition,
        confirm_link=confirm_link,
        withdraw_link=withdraw_link,
        days=current_app.config["CONFIRM_TOKEN_DAYS"],
    )
    return subject, body


log = logging.getLogger(__name__)

ORPHANS_PER_SEND = 10  # mails a job also sends that were left by a process that died


def deliver(signature_id: int, due_only: bool = False) -> bool:
    """Claim the signature's mail in the outbox, send it, mark it sent; False if there was
    nothing to claim (sent, given up, or held by another sender). A failed send is recorded
    in the outbox and raised (a job is then retried). Written in the signature's language."""
    with writer_queue():  # as every claim and mark: a burst of signers writes too
        now = utcnow()
        token = outbox.claim(signature_id, now, due_only)
        if token is None and not due_only and _queued_before_the_outbox(signature_id):
            outbox.add(signature_id, now)
            token = outbox.claim(signature_id, now, due_only)
        db.session.commit()  # the claim is seen by every other sender before the mail goes out
    if token is None:
        return False
    signature = db.session.get(Signature, signature_id)
    try:
        if signature is not None and signature.email is not None:  # else: anonymised
            with force_locale(signature.language):
                subject, body = confirmation_email(signature)
            send_message(signature.email, subject, body)
    except Exception as error:
        db.session.rollback()
        with writer_queue():
            outbox.mark_failed(signature_id, token, utcnow(), f"{type(error).__name__}: {error}")
            db.session.commit()
        raise
    with writer_queue():
        sent = outbox.mark_sent(signature_id, token, utcnow())
        db.session.commit()
    if not sent:
        log.warning("mail of signature %s sent after its claim expired", signature_id)
    return True


def _queued_before_the_outbox(signature_id: int) -> bool:
    """A job queued by a version without the outbox: the signature has no outbox row."""
    exists = db.session.get(Signature, signature_id) is not None
    return exists and outbox.state(signature_id) is None


def send_confirmation(signature_id: int, language: str | None = None) -> None:
    """The job queued after signing: send this mail, then any left by a process that died.
    `language` is ignored (jobs queued before signatures recorded theirs still pass it)."""
    if deliver(signature_id):
        deliver_due(ORPHANS_PER_SEND, orphaned_only=True)


def deliver_due(limit: int = 100, orphaned_only: bool = False) -> int:
    """The sweep: send the mails that are due (new, retries, claims whose sender died);
    the number sent. Failures are recorded and logged, not raised."""
    sent = 0
    for signature_id in outbox.due(utcnow(), limit, orphaned_only):
        db.session.rollback()  # a fresh read for each claim
        try:
            sent += deliver(signature_id, due_only=True)
        except Exception:
            log.warning("confirmation of signature %s not sent", signature_id, exc_info=True)
    db.session.commit()
    return sent


def queue_confirmation(signature_id: int) -> str:
    """Queue the send of the signature's mail in the outbox (call after commit); the job id."""
    return jobs.enqueue(send_confirmation, signature_id)
