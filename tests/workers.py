"""Real gunicorn workers for tests that need more than one process: a server with two sync
workers on the test's database, a small browser for it, and a way to make the second worker
answer."""

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
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')  # a form's CSRF token


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


def process_env(app, **settings: str) -> dict:
    """The environment for the app in another process (gunicorn, flask commands): the test's
    database, secret key, site address and instance folder (never the checkout's), plus these
    settings."""
    return {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "SITE_URL": app.config["SITE_URL"],
        "INSTANCE_PATH": app.instance_path,
        **settings,
    }


@contextmanager
def serving(app, log: Path, probe: str, **settings: str):
    """gunicorn with two sync workers on a free loopback port, on the app's database, with
    these settings in its environment; yields its base URL once `probe` answers. The access
    log lines are 'pid method path status'."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    # Plain http, so the session cookie is not Secure and the browser here sends it back.
    defaults = {"SITE_URL": "http://organiser.test", "RATELIMIT_STORAGE_URI": "memory://"}
    env = process_env(app, **{**defaults, **settings})
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
                urllib.request.urlopen(base + probe, timeout=5).read()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "gunicorn failed"
                time.sleep(0.3)
        with one_worker_held(base, probe):  # the other worker answers: both are up
            urllib.request.urlopen(base + probe, timeout=90).read()
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        listener.close()


@contextmanager
def one_worker_held(base: str, path: str):
    """Hold one sync worker on a GET of `path` whose headers are not finished, so the other
    worker must serve what the block asks; on leaving, finish it. Yields a list that then holds
    the held request's response bytes."""
    held = socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])))
    held.sendall(f"GET {path} HTTP/1.1\r\nHost: organiser.test\r\n".encode())
    server_port, client_port = held.getpeername()[1], held.getsockname()[1]
    deadline = time.monotonic() + 60
    while not accepted(server_port, client_port):
        assert time.monotonic() < deadline, "no worker took the held request"
        time.sleep(0.01)
    answer: list[bytes] = []
    try:
        yield answer
    finally:
        held.sendall(b"Connection: close\r\n\r\n")
        answer.append(b"".join(iter(lambda: held.recv(65536), b"")))
        held.close()


def accepted(server_port: int, client_port: int) -> bool:
    """Whether a server process has accepted our loopback connection from client_port: until it
    does, the kernel keeps the connection in the listen queue with no socket, inode 0 in
    /proc/net/tcp (Linux)."""
    ends = (f"0100007F:{server_port:04X}", f"0100007F:{client_port:04X}")
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if (fields[1], fields[2]) == ends:
            return fields[9] != "0"
    return False


def pids_serving(log: Path, after: int, line: str) -> set[str]:
    """The worker pids whose access-log lines after the first `after` end with `line`
    (e.g. 'GET /calendar.ics 200')."""
    return {
        entry.split(" ", 1)[0].strip("<>")
        for entry in log.read_text().splitlines()[after:]
        if entry.endswith(line)
    }
