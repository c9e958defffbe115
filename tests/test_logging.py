"""The application's log: the level from LOG_LEVEL, one readable line per record, errors with
the request that met them, written where the WSGI server keeps its error log."""

import io
import logging

from organiser import create_app
from organiser.config import from_environment


def log_of(app, path: str, **environ) -> str:
    """What a request to path writes to the server's error stream (gunicorn's error log)."""
    stream = io.StringIO()
    app.test_client().get(path, environ_overrides={"wsgi.errors": stream, **environ})
    return stream.getvalue()


def app_with(app, **config):
    """Another app on the same database, with a route that fails and one that notes."""
    built = create_app({**app.config, "PROPAGATE_EXCEPTIONS": False, **config})

    @built.get("/test/fails")
    def fails():
        raise RuntimeError("the flux capacitor is empty")

    @built.get("/test/notes")
    def notes():
        logging.getLogger("organiser.petitions.test").info("a note at INFO")
        logging.getLogger("organiser.petitions.test").warning("a note at WARNING")
        return "noted"

    return built


def test_an_error_is_logged_with_its_request_and_traceback(app):
    logged = log_of(app_with(app), "/test/fails?x=1")
    assert "ERROR" in logged
    assert "GET /test/fails" in logged
    assert "RuntimeError: the flux capacitor is empty" in logged
    assert "Traceback" in logged


def test_log_level_comes_from_the_configuration(app):
    logged = log_of(app_with(app, LOG_LEVEL="WARNING"), "/test/notes")
    assert "a note at WARNING" in logged
    assert "a note at INFO" not in logged
    logged = log_of(app_with(app, LOG_LEVEL="INFO"), "/test/notes")
    assert "a note at INFO" in logged


def test_each_record_is_written_once_however_many_apps_were_built(app):
    app_with(app)
    logged = log_of(app_with(app, LOG_LEVEL="INFO"), "/test/notes")
    assert logged.count("a note at WARNING") == 1
    line = next(line for line in logged.splitlines() if "a note at WARNING" in line)
    assert "WARNING" in line and "organiser.petitions.test" in line


def test_the_log_level_is_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    assert from_environment(str(tmp_path))["LOG_LEVEL"] == "DEBUG"
