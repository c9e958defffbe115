"""The CSP lets images come from MAP_TILE_URL's host and nowhere else new."""

import pytest

from organiser import create_app


@pytest.mark.parametrize(
    ("tiles", "allowed"),
    [
        (
            "https://{s}.tile.example.org/{z}/{x}/{y}.png",
            "img-src 'self' data: https://*.tile.example.org;",
        ),
        (
            "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png",
            "img-src 'self' data: http://127.0.0.1:8080;",
        ),
        ("", "img-src 'self' data:;"),
        ("/tiles/{z}/{x}/{y}.png", "img-src 'self' data:;"),
    ],
)
def test_images_from_the_tile_host_only(app, tmp_path, tiles, allowed):
    configured = create_app({**app.config, "MAP_TILE_URL": tiles}, str(tmp_path / "other"))
    csp = configured.test_client().get("/nope").headers["Content-Security-Policy"]
    assert allowed in csp
    assert "script-src 'self';" in csp and "default-src 'self';" in csp
