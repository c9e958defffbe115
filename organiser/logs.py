"""The application's log: one readable line per record, errors with the request that met them.

Records of every `organiser.*` logger (app.logger is `organiser`) at LOG_LEVEL and above go to
the WSGI server's error stream: during a request, `wsgi.errors`, which gunicorn writes to its
error log (--error-logfile, stderr by default); outside a request, stderr. Each record keeps
propagating, so a handler an operator puts on the root logger sees it too.
"""

import logging

from flask import Flask, has_request_context, request
from flask.logging import default_handler, wsgi_errors_stream

FORMAT = "%(asctime)s [%(process)d] [%(levelname)s] %(name)s%(request)s: %(message)s"


class RequestFormatter(logging.Formatter):
    """Adds " (GET /path)" for a record logged while a request is handled."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line (and its traceback, if any)."""
        record.request = ""
        if has_request_context():
            record.request = f" ({request.method} {request.path})"
        return super().format(record)


class AppHandler(logging.StreamHandler):
    """The handler register_logging installs (one, however many apps a process builds)."""


def register_logging(app: Flask) -> None:
    """Log the organiser's records at LOG_LEVEL to the server's error log."""
    logger = app.logger
    for handler in list(logger.handlers):
        if handler is default_handler or isinstance(handler, AppHandler):
            logger.removeHandler(handler)
    handler = AppHandler(wsgi_errors_stream)
    handler.setFormatter(RequestFormatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(app.config.get("LOG_LEVEL", "INFO"))
