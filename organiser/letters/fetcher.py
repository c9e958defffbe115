"""The only way a letter reaches outside itself: the app's own static files and data: URIs."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_SCHEME = "app-static"
STATIC_FOLDER = Path(__file__).resolve().parent.parent / "static"
MAX_DATA_URI = 512 * 1024


class RefusedURL(ValueError):
    """A letter asked for something outside the app's static files and data: URIs."""


class SafeURLFetcher(URLFetcher):
    """Serves app-static:<path> from organiser/static and data: URIs; refuses all else.

    No file://, no http(s) to any host, no redirects (nothing is ever fetched over a network).
    """

    def __init__(self, static_folder: Path = STATIC_FOLDER):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
        self.static_folder = static_folder.resolve()
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        """The resource at url if it is allowed; raises RefusedURL otherwise."""
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data" and len(url) <= MAX_DATA_URI:
            return super().fetch(url, headers)
        if scheme == STATIC_SCHEME:
            return self.static_file(url)
        self.refused.append(url)
        raise RefusedURL(f"refused: {url[:80]}")

    def static_file(self, url: str) -> URLFetcherResponse:
        """A file under the static folder, never one outside it."""
        relative = unquote(urlsplit(url).path).lstrip("/")
        path = (self.static_folder / relative).resolve()
        if not path.is_relative_to(self.static_folder) or not path.is_file():
            self.refused.append(url)
            raise RefusedURL(f"not a static file: {url[:80]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
