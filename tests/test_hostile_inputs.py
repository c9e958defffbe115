"""Inputs a hostile or careless visitor sends that the features' own tests do not: each gets
a page with a 4xx status, never a 500 (nor the bare 500 of gunicorn when the error page itself
cannot be drawn)."""

import pytest

from organiser import create_app

# A Host header Werkzeug cannot turn into an IDNA name (a label over 63 characters, an empty
# label): binding the URL map fails before any view runs, and so did drawing the error page.
UNBINDABLE_HOSTS = ["a" * 64, "a..b", ".", "..", f"{'x' * 64}.example:443"]


@pytest.mark.parametrize("host", UNBINDABLE_HOSTS)
@pytest.mark.parametrize("path", ["/", "/calendar", "/calendar.ics", "/organise/login"])
def test_a_host_header_that_names_no_host_is_a_bad_request(client, host, path):
    response = client.get(path, headers={"Host": host})
    assert response.status_code == 400, (host, path, response.status_code)
    assert "The request could not be understood" in response.get_data(as_text=True)


@pytest.mark.parametrize("host", UNBINDABLE_HOSTS)
def test_a_forwarded_host_that_names_no_host_is_a_bad_request(app, host):
    """Behind a trusted proxy the forwarded host is the one checked."""
    proxied = create_app({**app.config, "TRUSTED_PROXIES": 1}).test_client()
    response = proxied.get("/calendar", headers={"X-Forwarded-Host": host})
    assert response.status_code == 400, (host, response.status_code)
