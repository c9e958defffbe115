"""The feed cache stays right across real gunicorn workers sharing one database (an SQLite
file, or PostgreSQL when TEST_DATABASE_URL is set): a change made through the form in one
worker shows in the feed every worker serves."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import CSRF_RE, PASSWORD, make_lobby
from tests.feeds.conftest import lobby_form

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


class Browser:
    """Just enough of a browser: cookies, and forms posted with their CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def get(self, path: str, headers: dict | None = None):
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def submit(self, path: str, data: dict) -> int:
        status, _, page = self.get(path)
        assert status == 200, (path, status)
        token = CSRF_RE.search(page.decode()).group(1)
        body = urllib.parse.urlencode({"csrf_token": token, **data}).encode()
        try:
            with self.opener.open(self.base + path, data=body, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def server(app, tmp_path):
    """gunicorn with two sync workers on a free loopback port, on the test's database."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    log = tmp_path / "access.log"
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "workers test secret",
        "SITE_URL": "http://organiser.test",
        "RATELIMIT_STORAGE_URI": "memory://",
    }
    process = subprocess.Popen(
        [str(GUNICORN), "--workers", "2", "--bind", f"fd://{listener.fileno()}"]
        + ["--access-logfile", str(log), "--access-logformat", "%(p)s %(m)s %(U)s %(s)s"]
        + ["app:app"],
        cwd=ROOT,
        env=env,
        pass_fds=[listener.fileno()],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(base + "/calendar", timeout=5).read()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "gunicorn failed"
                time.sleep(0.3)
        yield base, log
    finally:
        process.terminate()
        process.wait(timeout=30)
        listener.close()


def feed_pids(log: Path, after: int) -> set[str]:
    """The worker pids that served the feed in the access log's lines after the first `after`."""
    lines = log.read_text().splitlines()[after:]
    return {
        m.group(1) for m in map(re.compile(r"<?(\d+)>? GET /calendar.ics 200").match, lines) if m
    }


def test_a_change_in_one_worker_shows_in_every_worker(app, campaign, organiser, server):
    slug = make_lobby(app, campaign, title="Before the change")
    base, log = server
    browser = Browser(base)
    first = [browser.get("/calendar.ics") for _ in range(6)]
    assert {status for status, _, _ in first} == {200}
    assert len({headers["ETag"] for _, headers, _ in first}) == 1
    assert all(b"SUMMARY:Before the change" in body for _, _, body in first)
    old_etag = first[0][1]["ETag"]

    assert browser.submit("/organise/login", {"email": organiser.email, "password": PASSWORD})
    edit = f"/organise/lobbies/{slug}/edit"
    assert browser.submit(edit, lobby_form(title="After the change")) == 302

    # Hold one sync worker on a request whose headers are not finished, so the other worker
    # must serve the next one; then finish it: each worker serves the feed once.
    seen = len(log.read_text().splitlines())
    held = socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])))
    held.sendall(b"GET /calendar.ics HTTP/1.1\r\nHost: organiser.test\r\n")
    time.sleep(0.5)
    status, headers, body = browser.get("/calendar.ics", {"If-None-Match": old_etag})
    held.sendall(b"Connection: close\r\n\r\n")
    held_response = b"".join(iter(lambda: held.recv(65536), b""))
    held.close()
    for answer in (body, held_response):
        assert b"SUMMARY:After the change" in answer and b"Before the change" not in answer
        assert b"SEQUENCE:1" in answer
    assert status == 200 and headers["ETag"] != old_etag
    assert len(feed_pids(log, seen)) == 2, "both workers should have served the new feed"
    status, _, _ = browser.get("/calendar.ics", {"If-None-Match": headers["ETag"]})
    assert status == 304
