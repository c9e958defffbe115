"""A real SMTP server for tests: an aiosmtpd handler that keeps what it receives (the `smtp`
fixture in tests/petitions/conftest.py runs one on loopback for the app)."""

import re
import socket
import time
from email import message_from_bytes
from email.message import EmailMessage

LINK_RE = re.compile(r"https://organiser\.test(/petitions/(confirm|withdraw)/[A-Za-z0-9._-]+)")


def free_port() -> int:
    """A free loopback port (for servers that cannot take port 0)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []  # each message's envelope recipients (RCPT TO)
        self.fail_next = 0

    async def handle_DATA(self, server, session, envelope):
        if self.fail_next:
            self.fail_next -= 1
            return "451 Try again later"
        self.recipients.append(list(envelope.rcpt_tos))
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def wait_for(self, n: int, timeout: float = 30.0) -> list[EmailMessage]:
        """Block until n messages have arrived (the timeout is a deadline for a loaded machine)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.messages) >= n, f"expected {n} messages, got {len(self.messages)}"
        return self.messages

    @staticmethod
    def links(message) -> dict[str, str]:
        """The confirm and withdraw paths in a message."""
        body = message.get_payload(decode=True).decode()
        return {kind: path for path, kind in LINK_RE.findall(body)}
