"""Sending mail: SMTP when MAIL_SERVER is set, else the log and instance/mail/ (make run).

Queue it, don't call it in a request: `jobs.enqueue("organiser.mail.send_message", to, subject,
body)`. It raises on an SMTP failure so the job queue retries it.
"""

import logging
import smtplib
import ssl
import time
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app

log = logging.getLogger(__name__)


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text UTF-8 message from the default sender."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    domain = config["MAIL_DEFAULT_SENDER"].rpartition("@")[2].strip(" >") or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(body)
    return message


def send_message(to: str, subject: str, body: str) -> None:
    """Send one message (a job): SMTP if configured, else write it to the log and a folder."""
    message = build_message(to, subject, body)
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        write_to_folder(message)
        return
    timeout = config.get("MAIL_TIMEOUT", 30)
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
        smtp.send_message(message)


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
