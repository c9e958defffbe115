"""Per-IP per-petition limits: a clear 429, proxies trusted only when configured, exact across
gunicorn workers with Redis."""

import re
import signal
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from organiser import create_app
from tests.workers import process_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sign(sign_form):
    """A function (client, slug, **changes): post the sign form as a browser does."""
    return lambda client, slug, **changes: client.submit(
        f"/petitions/{slug}", {**sign_form, **changes}
    )


def test_limit_per_address_per_petition_with_a_clear_page(
    app, client, campaign, petition, make_petition, sign
):
    app.config["SIGN_RATE_LIMIT"] = "2 per hour"
    other = make_petition(campaign, title="Another petition")
    assert sign(client, petition.slug, email="a@example.org").status_code == 302
    spoofed = {"X-Forwarded-For": "203.0.113.9"}
    assert sign(client, petition.slug, email="b@example.org", headers=spoofed).status_code == 302
    third = sign(
        client, petition.slug, email="c@example.org", headers={"X-Forwarded-For": "1.2.3.4"}
    )
    assert third.status_code == 429  # X-Forwarded-For ignored: no proxy is trusted
    assert "Too many signatures from your address" in third.get_data(as_text=True)
    assert "2 per 1 hour" in third.get_data(as_text=True)
    assert sign(client, other.slug, email="c@example.org").status_code == 302
    assert client.get(f"/petitions/{petition.slug}").status_code == 200  # reading is not limited


def test_forwarded_address_used_when_a_proxy_is_trusted(app, petition, new_client, sign_form):
    trusting = create_app({**app.config, "TRUSTED_PROXIES": 1, "SIGN_RATE_LIMIT": "1 per hour"})
    client = new_client(trusting)
    url = f"/petitions/{petition.slug}"
    first = {"X-Forwarded-For": "203.0.113.1"}
    assert client.submit(url, {**sign_form, "email": "a@x.org"}, headers=first).status_code == 302
    assert client.submit(url, {**sign_form, "email": "b@x.org"}, headers=first).status_code == 429
    second = {"X-Forwarded-For": "203.0.113.2"}
    assert client.submit(url, {**sign_form, "email": "b@x.org"}, headers=second).status_code == 302


def test_with_the_limits_store_down_signing_works_and_is_still_limited(
    app, petition, smtp, new_client, sign_form, unreachable_redis_url
):
    cut_off = create_app(
        {
            **app.config,
            "RATELIMIT_STORAGE_URI": unreachable_redis_url,
            "SIGN_RATE_LIMIT": "1/hour",
        }
    )
    client = new_client(cut_off)
    url = f"/petitions/{petition.slug}"
    assert client.submit(url, {**sign_form, "email": "a@x.org"}).status_code == 302
    assert client.submit(url, {**sign_form, "email": "b@x.org"}).status_code == 429  # from memory


@pytest.fixture
def gunicorn(app, smtp, tmp_path, redis_url):
    """The app under gunicorn, 4 sync workers, limits in the suite's Redis; its base URL."""
    env = process_env(
        app,
        RATELIMIT_STORAGE_URI=redis_url,
        SIGN_RATE_LIMIT="5 per hour",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(app.config["MAIL_PORT"]),
    )
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as sink:  # a file, not a pipe, which could fill and stall the workers
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--preload", "--workers", "4"]
            + ["--bind", "127.0.0.1:0", "app:app"],
            cwd=ROOT,
            env=env,
            stderr=sink,
        )
    url, deadline = None, time.monotonic() + 60
    while not url or log.read_text().count("Booting worker") < 4:
        assert time.monotonic() < deadline and process.poll() is None, log.read_text()
        if match := re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", log.read_text()):
            url = match.group(1)
        time.sleep(0.1)
    yield url
    process.send_signal(signal.SIGINT)  # quick shutdown
    process.wait(timeout=30)


def test_limit_is_exact_across_four_gunicorn_workers_with_redis(
    app, campaign, gunicorn, http_signer, make_petition
):
    petition = make_petition(campaign, title=f"Exact {uuid.uuid4().hex[:8]}")
    signer = http_signer(gunicorn, petition.slug)
    headers = [{"X-Forwarded-For": f"198.51.100.{i}"} for i in range(40)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(
            pool.map(
                lambda i: signer.post(email=f"s{i}@example.org", headers=headers[i]), range(40)
            )
        )
    assert statuses.count(302) == 5, statuses
    assert statuses.count(429) == 35, statuses
