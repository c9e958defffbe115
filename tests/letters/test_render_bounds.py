"""What one letter may cost a worker: a render has a time bound, its failure is kept (the next
download does not render it again), the settings come from configuration, and the memo of
recent PDFs is a per-process cache that every new app starts without."""

import io
import re
import threading
import time

import pypdf
import pytest

from organiser import config, create_app
from organiser.letters import rendering
from organiser.letters.deadline import RenderTimeout, within


def busy(seconds: float, ended: threading.Event | None = None) -> int:
    """Pure Python work for about that long (an except Exception inside swallows errors);
    sets ended however it ends."""
    end, rounds = time.monotonic() + seconds, 0
    try:
        while time.monotonic() < end:
            try:
                rounds += sum(range(100))
            except Exception:  # noqa: BLE001, S112 (as a library might: the bound must hold)
                continue
    finally:
        if ended is not None:
            ended.set()
    return rounds


def test_work_past_its_time_bound_is_stopped_and_the_caller_told_at_once():
    ended = threading.Event()
    started = time.monotonic()
    with pytest.raises(RenderTimeout):
        within(0.2, busy, 30, ended)
    assert time.monotonic() - started < 5
    assert ended.wait(10) and time.monotonic() - started < 10  # the work itself stopped
    assert busy(0.5) > 0  # nothing is left pending to interrupt the caller later


def test_work_within_its_time_bound_returns_its_value_or_raises_its_own_error():
    assert within(5, busy, 0.05) > 0
    assert busy(0.3) > 0
    with pytest.raises(ZeroDivisionError):
        within(5, lambda: 1 / 0)


def pdf_text(response) -> str:
    """All the text of a PDF response."""
    assert response.status_code == 200, response.status_code
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_a_render_past_its_time_bound_is_a_clear_page_and_is_not_retried_at_once(
    app, client, campaign, lobby, add_letter
):
    app.config["LETTER_RENDER_SECONDS"] = 0.01
    add_letter(campaign)
    started = time.monotonic()
    failed = client.get(f"/lobbies/{lobby}/letter.pdf")
    assert failed.status_code == 503
    assert "could not be printed" in failed.get_data(as_text=True)
    assert int(failed.headers["Retry-After"]) > 0
    assert time.monotonic() - started < 10
    renders = rendering.render_count
    assert client.get(f"/lobbies/{lobby}/letter.pdf").status_code == 503
    assert rendering.render_count == renders  # the failure was kept
    app.config["LETTER_RENDER_SECONDS"] = 60
    app.config["LETTER_RETRY_FAILED_SECONDS"] = 0  # the failure's time is up: try again
    assert "Release the political prisoners" in pdf_text(client.get(f"/lobbies/{lobby}/letter.pdf"))


def test_letter_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x")
    for name in (
        "LETTER_RENDER_SECONDS",
        "LETTER_RETRY_FAILED_SECONDS",
        "LETTER_PDF_MEMORY_SECONDS",
        "LETTER_RENDER_PROCESSES",
    ):
        monkeypatch.delenv(name, raising=False)
    defaults = config.from_environment(str(tmp_path))
    assert defaults["LETTER_PDF_MEMORY_SECONDS"] == 2
    assert defaults["LETTER_RENDER_PROCESSES"] == 1
    assert 0 < defaults["LETTER_RENDER_SECONDS"] < 30  # below gunicorn's worker timeout
    assert defaults["LETTER_RETRY_FAILED_SECONDS"] > 0
    monkeypatch.setenv("LETTER_RENDER_SECONDS", "7.5")
    monkeypatch.setenv("LETTER_RETRY_FAILED_SECONDS", "90")
    monkeypatch.setenv("LETTER_PDF_MEMORY_SECONDS", "0.5")
    monkeypatch.setenv("LETTER_RENDER_PROCESSES", "3")
    chosen = config.from_environment(str(tmp_path))
    assert chosen["LETTER_RENDER_SECONDS"] == 7.5
    assert chosen["LETTER_RETRY_FAILED_SECONDS"] == 90
    assert chosen["LETTER_PDF_MEMORY_SECONDS"] == 0.5
    assert chosen["LETTER_RENDER_PROCESSES"] == 3


def test_a_new_app_starts_without_the_pdfs_an_earlier_app_remembered(
    app, client, campaign, lobby, tmp_path, add_letter, add_signatures
):
    app.config["LETTER_PDF_MEMORY_SECONDS"] = 60
    add_letter(campaign)
    first = client.get(f"/lobbies/{lobby}/letter.pdf")
    add_signatures(campaign, [("Late Signer", "Leeds")])
    assert client.get(f"/lobbies/{lobby}/letter.pdf").data == first.data  # from memory
    create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]},
        instance_path=str(tmp_path / "another"),
    )
    assert "Late Signer, Leeds" in pdf_text(client.get(f"/lobbies/{lobby}/letter.pdf"))
