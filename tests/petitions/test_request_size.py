"""A request body larger than MAX_CONTENT_LENGTH is refused whole with 413, however it is
sent: with a Content-Length, or chunked (no length up front), under gunicorn, Werkzeug's
development server and the test client. Nothing of it is saved."""

import http.client
import io
import threading
import urllib.parse

from werkzeug.serving import make_server

from tests.workers import CSRF_RE, serving

LIMIT = 4096


def sign_form_body(token: str, padding: int = LIMIT + LIMIT // 2, *, sign_form) -> bytes:
    """A valid sign form whose last field pads it (by default past LIMIT: cut at the limit,
    the fields before the padding would still make a complete signature)."""
    fields = {**sign_form, "email": "chunked@example.org", "csrf_token": token}
    return urllib.parse.urlencode({**fields, "padding": "x" * padding}).encode()


def post_chunked(base: str, path: str, cookie: str, body: bytes) -> tuple[int, bytes]:
    """POST body with Transfer-Encoding: chunked (no Content-Length), 1 kB a chunk; the
    response's status and body. A server that closes without answering fails the test."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.putrequest("POST", path)
    connection.putheader("Cookie", cookie)
    connection.putheader("Content-Type", "application/x-www-form-urlencoded")
    connection.putheader("Transfer-Encoding", "chunked")
    connection.endheaders()
    try:
        for start in range(0, len(body), 1024):
            piece = body[start : start + 1024]
            connection.send(b"%x\r\n%s\r\n" % (len(piece), piece))
        connection.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may answer before it has read everything; the answer still counts
    response = connection.getresponse()
    answer = response.status, response.read()
    connection.close()
    return answer


def open_form(base: str, slug: str) -> tuple[str, str]:
    """The session cookie and CSRF token of the petition page, as a browser gets them."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request("GET", f"/petitions/{slug}", headers={"Host": "organiser.test"})
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    connection.close()
    return cookie, CSRF_RE.search(page).group(1)


def assert_refused(app, petition, status: int, page: bytes, rows) -> None:
    assert status == 413, (status, page[-600:])
    assert b"too large" in page
    assert rows(petition_id=petition.id) == []


def test_gunicorn_refuses_a_chunked_body_past_the_limit(app, petition, tmp_path, rows, sign_form):
    log = tmp_path / "access.log"
    with serving(app, log, "/calendar", MAX_CONTENT_LENGTH=str(LIMIT)) as base:
        cookie, token = open_form(base, petition.slug)
        path = f"/petitions/{petition.slug}"
        status, page = post_chunked(base, path, cookie, sign_form_body(token, sign_form=sign_form))
        assert_refused(app, petition, status, page, rows=rows)
        # Chunked within the limit is read whole and signs.
        status, _ = post_chunked(
            base, path, cookie, sign_form_body(token, padding=10, sign_form=sign_form)
        )
        assert status == 302
        assert [row.email for row in rows(petition_id=petition.id)] == ["chunked@example.org"]


def test_development_server_refuses_a_chunked_body_past_the_limit(app, petition, sign_form, rows):
    app.config["MAX_CONTENT_LENGTH"] = LIMIT
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        cookie, token = open_form(base, petition.slug)
        status, page = post_chunked(
            base, f"/petitions/{petition.slug}", cookie, sign_form_body(token, sign_form=sign_form)
        )
    finally:
        server.shutdown()
        thread.join(timeout=5)
    assert_refused(app, petition, status, page, rows=rows)


def test_test_client_refuses_a_streamed_body_past_the_limit(app, client, petition, sign_form, rows):
    app.config["MAX_CONTENT_LENGTH"] = LIMIT
    token = client.token(f"/petitions/{petition.slug}")
    body = sign_form_body(token, sign_form=sign_form)
    response = client.post(
        f"/petitions/{petition.slug}",
        input_stream=io.BytesIO(body),
        content_type="application/x-www-form-urlencoded",
        headers={"Transfer-Encoding": "chunked"},  # no length: read until the stream ends
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert_refused(app, petition, response.status_code, response.data, rows=rows)
