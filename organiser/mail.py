"""Email addresses and sending mail: SMTP when MAIL_SERVER is set, else the log and
instance/mail/ (make run).

An address is accepted only as a bare addr-spec (no display name, angle brackets, comments,
quoted local part, list or line break), normalised by email-validator; `send_message` refuses
any other recipient, so no path can mail two people or a header. Don't send in a request: the
petitions' outbox (petitions/outbox.py) or a job does. It raises on an SMTP failure.
"""

import logging
import smtplib
import ssl
import time
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from email_validator import EmailNotValidError, validate_email
from flask import current_app

log = logging.getLogger(__name__)


class NotABareAddress(ValueError):
    """Text that is not one bare email address (the reason is email-validator's)."""


@dataclass(frozen=True)
class Address:
    """A mailbox: `email` as stored and mailed (email-validator's normalised form), `key` the
    same with the part before the @ case-folded: two spellings of one mailbox share the key."""

    email: str
    key: str
    ascii_email: str | None  # the domain in punycode, when the local part is ASCII


def parse_address(text: str) -> Address:
    """The one mailbox a bare addr-spec names; NotABareAddress for anything else. The part
    before the @ must be ASCII (a Unicode one needs SMTPUTF8, which many servers refuse) and
    within RFC 5321's lengths."""
    try:
        valid = validate_email(
            text.strip(), check_deliverability=False, allow_smtputf8=False, strict=True
        )
    except EmailNotValidError as error:
        raise NotABareAddress(str(error)) from error
    return Address(
        email=valid.normalized,
        key=f"{valid.local_part.casefold()}@{valid.domain}",
        ascii_email=valid.ascii_email,
    )


def recipient(to: str) -> str:
    """The address to put on the envelope and in To:, if `to` is already one normalised bare
    address (what parse_address gives); NotABareAddress otherwise."""
    address = parse_address(to)
    if to not in (address.email, address.ascii_email):
        raise NotABareAddress(f"not a normalised address: {to!r}")
    return address.ascii_email or address.email


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text UTF-8 message from the default sender to one bare address."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = recipient(to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    domain = config["MAIL_DEFAULT_SENDER"].rpartition("@")[2].strip(" >") or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(body)
    return message


def send_message(to: str, subject: str, body: str) -> None:
    """Send one message to one bare address: SMTP if configured, else the log and a folder."""
    message = build_message(to, subject, body)
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        write_to_folder(message)
        return
    timeout = config["MAIL_TIMEOUT"]
    if config.get("MAIL_USE_SSL"):
        smtp = smtplib.SMTP_SSL(
            config["MAIL_SERVER"],
            config["MAIL_PORT"],
            timeout=timeout,
            context=ssl.create_default_context(),
        )
    else:
        smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout)
    with smtp:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(message, to_addrs=[str(message["To"])])


def mail_folder() -> Path:
    """Where messages go when there is no mail server."""
    return Path(current_app.instance_path) / "mail"


def write_to_folder(message: EmailMessage) -> Path:
    """Write the message to instance/mail/ and the log, so links can be followed locally."""
    folder = mail_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}.eml"
    path.write_bytes(bytes(message))
    log.warning(
        "MAIL_SERVER is not set; mail to %s written to %s:\n%s",
        message["To"],
        path,
        message.get_content(),
    )
    return path
