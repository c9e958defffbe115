"""Confirmation emails survive: a sender that dies holding one, SMTP down past every retry, and
two senders at once (each email delivered once), against a real SMTP server."""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import delete, update

from organiser import jobs
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.petitions import outbox, signing
from organiser.petitions.emails import deliver_due, send_confirmation
from organiser.petitions.models import Petition
from tests.mail_server import Inbox, free_port
from tests.workers import ROOT, process_env

FLASK = Path(sys.executable).parent / "flask"


def wait_until(condition, seconds: float = 60.0, what: str = "the condition"):
    """Poll until condition() is true; fail after the deadline."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def saved_signatures(app, petition, n: int) -> list[int]:
    """n signatures saved as the signing form saves them, their emails in the outbox and no
    send queued (as if the process that was to send them had died); their ids."""
    with app.app_context():
        found = db.session.get(Petition, petition.id)
        ids = [
            signing.sign(
                found,
                {"name": f"Signer {i}", "email": f"signer{i}@example.org", "country": "GB"},
                "192.0.2.1",
                timedelta(minutes=10),
            ).signature_id
            for i in range(n)
        ]
        db.session.commit()
        return ids


def jobs_worker(app, port: int, *args: str) -> subprocess.Popen:
    """`flask jobs-worker` in its own process, mailing through the SMTP server at port."""
    env = process_env(
        app,
        JOBS_REDIS_URL="",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(port),
        MAIL_OUTBOX_LEASE_SECONDS=str(app.config["MAIL_OUTBOX_LEASE_SECONDS"]),
        MAIL_OUTBOX_POLL_SECONDS="0.2",
        JOBS_RETRY_DELAYS="0",
    )
    return subprocess.Popen(
        [str(FLASK), "jobs-worker", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


class Stalling:
    """An SMTP server that takes a message's DATA and never answers it (a sender stuck in
    mid-send); it accepts nothing."""

    def __init__(self):
        self.stalled = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.stalled.set()
        await asyncio.sleep(3600)
        return "451 Never"


@pytest.fixture
def stalling_smtp():
    """The stalling server on loopback; its handler and port."""
    handler = Stalling()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop(no_assert=True)


def test_a_sender_killed_holding_a_mail_leaves_it_to_another_sender(
    app, client, petition, smtp, stalling_smtp, count
):
    app.config["MAIL_OUTBOX_LEASE_SECONDS"] = 2
    [signature_id] = saved_signatures(app, petition, 1)
    stalled, port = stalling_smtp
    worker = jobs_worker(app, port)
    try:
        wait_until(lambda: stalled.stalled.is_set() or worker.poll() is not None, what="a send")
        assert worker.poll() is None, worker.stderr.read()
        with app.app_context():
            held = outbox.state(signature_id)
            assert held.claim is not None and held.sent_at is None  # claimed, mid-send
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        worker.stderr.close()

    def another_sender_sent_it() -> bool:
        with app.app_context():
            deliver_due()
        return len(smtp.messages) > 0

    wait_until(another_sender_sent_it, what="another sender, once the claim expired")
    assert smtp.recipients == [["signer0@example.org"]]
    assert client.get(smtp.links(smtp.messages[0])["confirm"]).status_code == 200
    assert count(petition) == 1


def test_smtp_down_past_every_retry_then_signing_again_sends_the_link(
    app, client, petition, smtp, sign_form, count, rows
):
    app.config.update(JOBS_RETRIES=2, JOBS_RETRY_DELAYS=[0])
    smtp.fail_next = 3  # the first send and both retries are refused
    url = f"/petitions/{petition.slug}"
    assert client.submit(url, sign_form).status_code == 302  # "check your email"
    jobs.wait_idle()
    assert smtp.messages == [] and smtp.fail_next == 0  # every attempt was made, and failed

    assert client.submit(url, sign_form).status_code == 302  # at once, well within the resend time
    message = smtp.wait_for(1)[0]
    assert client.get(smtp.links(message)["confirm"]).status_code == 200
    assert count(petition) == 1 and len(rows()) == 1


class Gate:
    """An SMTP server that holds each message until two are being sent at the same time (so
    two senders are provably at work together), then accepts every one."""

    def __init__(self, inbox: Inbox):
        self.inbox, self.sending, self.opened = inbox, 0, False

    async def handle_DATA(self, server, session, envelope):
        self.sending += 1
        deadline = time.monotonic() + 30
        while not self.opened and time.monotonic() < deadline:
            self.opened = self.sending >= 2
            await asyncio.sleep(0.01)
        self.sending -= 1
        return await self.inbox.handle_DATA(server, session, envelope)


def test_two_senders_at_once_deliver_each_mail_once(app, petition, rows):
    saved_signatures(app, petition, 30)
    inbox = Inbox()
    gate = Gate(inbox)
    controller = Controller(gate, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        senders = [jobs_worker(app, controller.port, "--burst") for _ in range(2)]
        for sender in senders:
            _, errors = sender.communicate(timeout=180)
            assert sender.returncode == 0, errors
    finally:
        controller.stop()
    assert gate.opened, "the two senders never sent at the same time"
    recipients = sorted(to for [to] in inbox.recipients)
    assert recipients == sorted(f"signer{i}@example.org" for i in range(30))  # each once
    with app.app_context():
        assert all(outbox.state(row.id).sent_at is not None for row in rows())


def test_anonymising_a_closed_petition_leaves_nothing_of_its_mail(app, runner, petition, smtp):
    app.config["JOBS_RETRIES"] = 0
    smtp.fail_next = 1
    [signature_id] = saved_signatures(app, petition, 1)
    with app.app_context():
        assert deliver_due() == 0  # refused, and not retried: given up, with the reason kept
        assert "451" in outbox.state(signature_id).last_error
        db.session.execute(
            update(Petition)
            .where(Petition.id == petition.id)
            .values(status="closed", closes_at=utcnow() - timedelta(days=400))
        )
        db.session.commit()
    assert runner.invoke(args=["anonymise-signatures"]).exit_code == 0
    with app.app_context():
        assert outbox.state(signature_id) is None


def test_a_send_queued_by_the_version_before_the_outbox_still_goes_out(app, petition, smtp):
    [signature_id] = saved_signatures(app, petition, 1)
    with app.app_context():
        db.session.execute(delete(outbox.OutboxMail))  # saved before the outbox existed
        db.session.commit()
        jobs.enqueue(send_confirmation, signature_id)  # its job, still in the queue
    smtp.wait_for(1)
    assert smtp.recipients == [["signer0@example.org"]]
