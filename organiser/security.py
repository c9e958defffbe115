"""Security headers on every response; request bodies bounded however they are sent."""

import io
from urllib.parse import urlsplit

from flask import Flask, abort, request
from werkzeug.sansio.utils import get_host

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def content_security_policy(tile_url: str = "") -> str:
    """No inline script or style, nothing from elsewhere but the map's tiles (images from the
    host of MAP_TILE_URL; a {s} subdomain placeholder allows that host's subdomains)."""
    parts = urlsplit(tile_url.replace("{s}.", "*."))
    tiles = f" {parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""
    return CONTENT_SECURITY_POLICY.replace("img-src 'self' data:", "img-src 'self' data:" + tiles)


def refuse_nul_bytes():
    """NUL bytes name nothing here and PostgreSQL refuses them: 404 in a path, 400 in input."""
    if "\x00" in request.path:
        abort(404)
    values = [*request.args.values(), *request.form.values()]
    if any("\x00" in value for value in values):
        abort(400)


def refuse_oversized_bodies():
    """A body longer than MAX_CONTENT_LENGTH is refused before any view sees it."""
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        abort(413)


class BoundedChunkedBodies:
    """WSGI middleware for bodies sent chunked (no Content-Length): Werkzeug stops reading
    such a body at MAX_CONTENT_LENGTH and hands the view what it read so far, so a cut form
    was processed. Here the body is read first, up to the limit plus one byte: within the
    limit it goes on with its length known; past it, the app sees a length over the limit
    and an empty body, and answers 413."""

    def __init__(self, wsgi_app, app: Flask):
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ, start_response):
        limit = self.app.config.get("MAX_CONTENT_LENGTH")
        if limit is not None and "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            stream = environ["wsgi.input"]
            body = read_at_most(stream, limit + 1)
            if len(body) > limit:
                # Read (and drop) a little more, so that a client still sending gets the 413
                # page rather than a connection reset; anything longer is not waited for.
                read_at_most(stream, limit)
                body = b""
                environ["CONTENT_LENGTH"] = str(limit + 1)
            else:
                environ["CONTENT_LENGTH"] = str(len(body))
            environ["wsgi.input"] = io.BytesIO(body)
            environ["wsgi.input_terminated"] = True
            del environ["HTTP_TRANSFER_ENCODING"]
        return self.wsgi_app(environ, start_response)


def read_at_most(stream, size: int) -> bytes:
    """Up to size bytes of a WSGI input stream, fewer if it ends first."""
    parts, left = [], size
    while left > 0:
        part = stream.read(min(left, 64 * 1024))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


class UnboundHosts:
    """WSGI middleware for a Host header that names no host (a label over 63 characters, an
    empty label): Werkzeug cannot bind the URL map to it, so the request had no URL adapter and
    even the error page's links failed, a bare 500 from gunicorn. Such a request is bound to the
    site's own address instead, marked, and refused by refuse_unbound_hosts with a 400."""

    def __init__(self, wsgi_app, app: Flask):
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ, start_response):
        if not bindable(environ):
            environ["organiser.unbound_host"] = environ.get("HTTP_HOST", "")
            environ["HTTP_HOST"] = urlsplit(self.app.config["SITE_URL"]).netloc or "localhost"
        return self.wsgi_app(environ, start_response)


def bindable(environ) -> bool:
    """Whether Werkzeug's URL map can bind to the request's host (the check Map.bind makes)."""
    server = (environ.get("SERVER_NAME", ""), environ.get("SERVER_PORT"))
    host = get_host(environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST"), server)
    try:
        host.lower().encode("idna")
    except UnicodeError:
        return False
    return True


def refuse_unbound_hosts():
    """A request whose Host header named no host: 400, on the site's error page."""
    if "organiser.unbound_host" in request.environ:
        abort(400)


def register_host_check(app: Flask) -> None:
    """A Host header that names no host gets a 400 page, not a bare 500."""
    app.wsgi_app = UnboundHosts(app.wsgi_app, app)
    app.before_request(refuse_unbound_hosts)


def register_body_limit(app: Flask) -> None:
    """MAX_CONTENT_LENGTH holds for chunked bodies too: 413, never a cut body processed."""
    app.wsgi_app = BoundedChunkedBodies(app.wsgi_app, app)
    app.before_request(refuse_oversized_bodies)


def register_security_headers(app: Flask) -> None:
    """A CSP with no inline script, no framing, no sniffing, no referrer leaks; no NUL bytes."""
    app.before_request(refuse_nul_bytes)
    policy = content_security_policy(app.config.get("MAP_TILE_URL", ""))

    @app.after_request
    def add_headers(response):
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response
