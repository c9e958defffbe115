"""The confirmation email: queued by id after the request commits, composed and sent by the job."""

from flask import current_app, render_template

from organiser import jobs
from organiser.extensions import db
from organiser.mail import send_message
from organiser.petitions.models import Signature
from organiser.petitions.tokens import CONFIRM, WITHDRAW, make_token


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
        f"You have signed: {title}"
        if signature.confirmed_at
        else f"Please confirm your signature: {title}"
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


def send_confirmation(signature_id: int) -> None:
    """The job: compose and send the email, unless the signature was withdrawn meanwhile."""
    signature = db.session.get(Signature, signature_id)
    if signature is None or signature.email is None:
        return
    subject, body = confirmation_email(signature)
    send_message(signature.email, subject, body)


def queue_confirmation(signature_id: int) -> str:
    """Queue the confirmation email (call after commit); returns the job id."""
    return jobs.enqueue(send_confirmation, signature_id)
