"""Defaults for every setting; each one can be overridden from the environment."""

import os
import secrets
from pathlib import Path


def database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the short way (postgres://, postgresql://)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret_key(instance_path: str) -> str:
    """Read the development secret key from instance/, generating it once."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip()


def instance_path() -> str | None:
    """INSTANCE_PATH: where the development database, secret key, demo login and mail written
    without a server go (default: instance/ beside the code)."""
    value = os.environ.get("INSTANCE_PATH", "")
    return os.path.abspath(value) if value else None


def from_environment(instance_path: str) -> dict:
    """Build the configuration from the environment, with embedded defaults."""
    env = os.environ
    site_url = env.get("SITE_URL", "http://127.0.0.1:5000").rstrip("/")
    sqlite_path = Path(instance_path) / "organiser.sqlite3"
    return {
        "SECRET_KEY": env.get("SECRET_KEY") or instance_secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(
            env.get("DATABASE_URL", f"sqlite:///{sqlite_path}")
        ),
        "SITE_URL": site_url,
        # DEBUG, INFO, WARNING, ERROR: the organiser's records at this level and above (logs.py).
        "LOG_LEVEL": env.get("LOG_LEVEL", "INFO").strip().upper(),
        # database:// keeps the counts in the app's own database, shared by every worker
        # (rate_limits.py); redis://... is faster under load; memory:// counts per process.
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI") or "database://",
        # Redis unreachable: each worker limits from memory until it answers again, not a 500.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        # X-RateLimit-* headers cost two extra storage round trips per limited request.
        "RATELIMIT_HEADERS_ENABLED": env.get("RATELIMIT_HEADERS_ENABLED", "") in ("1", "true"),
        "LOGIN_RATE_LIMIT": env.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": site_url.startswith("https://"),
        "REMEMBER_COOKIE_SECURE": site_url.startswith("https://"),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PREFERRED_URL_SCHEME": "https" if site_url.startswith("https://") else "http",
        "MAX_CONTENT_LENGTH": int(env.get("MAX_CONTENT_LENGTH", 1024 * 1024)),
        # A form's token lasts a working day; an older form asks to reload the page.
        "WTF_CSRF_TIME_LIMIT": int(env.get("WTF_CSRF_TIME_LIMIT", 8 * 3600)),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # The campaign map's tiles ({z}/{x}/{y}; the host is allowed in the CSP's img-src) and
        # the attribution their licence asks for (HTML, shown on the map).
        "MAP_TILE_URL": env.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
        "MAP_ATTRIBUTION": env.get(
            "MAP_ATTRIBUTION",
            '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
            " contributors",
        ),
        **mail_and_jobs(env),
        **petitions(env),
        **letters(env),
    }


def flag(value: str | None) -> bool:
    """An environment switch: 1, true, yes or on."""
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def mail_and_jobs(env) -> dict:
    """Mail (SMTP, or the log and instance/mail/ when MAIL_SERVER is unset) and the job queue."""
    use_ssl = flag(env.get("MAIL_USE_SSL"))
    return {
        "MAIL_SERVER": env.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(env.get("MAIL_PORT") or (465 if use_ssl else 25)),
        "MAIL_USE_TLS": flag(env.get("MAIL_USE_TLS")),
        "MAIL_USE_SSL": use_ssl,
        "MAIL_USERNAME": env.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD", ""),
        "MAIL_DEFAULT_SENDER": env.get("MAIL_DEFAULT_SENDER", "Organiser <noreply@localhost>"),
        "JOBS_REDIS_URL": env.get("JOBS_REDIS_URL", ""),
        "JOBS_RETRIES": int(env.get("JOBS_RETRIES", 3)),
        "JOBS_RETRY_DELAYS": [int(s) for s in env.get("JOBS_RETRY_DELAYS", "10,60,300").split(",")],
        # The mail outbox (petitions/outbox.py): a sender's claim on a mail lasts this long
        # (past the SMTP timeout, MAIL_TIMEOUT); `flask jobs-worker` looks for due mail this often.
        "MAIL_TIMEOUT": int(env.get("MAIL_TIMEOUT", 30)),
        "MAIL_OUTBOX_LEASE_SECONDS": int(env.get("MAIL_OUTBOX_LEASE_SECONDS", 120)),
        "MAIL_OUTBOX_POLL_SECONDS": float(env.get("MAIL_OUTBOX_POLL_SECONDS", 5)),
    }


def petitions(env) -> dict:
    """Signature limits, confirmation links, proxy trust, retention."""
    return {
        "SIGN_RATE_LIMIT": env.get("SIGN_RATE_LIMIT", "10 per hour"),
        "CONFIRM_RESEND_MINUTES": int(env.get("CONFIRM_RESEND_MINUTES", 10)),
        "CONFIRM_TOKEN_DAYS": int(env.get("CONFIRM_TOKEN_DAYS", 14)),
        "TRUSTED_PROXIES": int(env.get("TRUSTED_PROXIES", 0)),
        "SIGNATURE_IP_DAYS": int(env.get("SIGNATURE_IP_DAYS", 30)),
        "ANONYMISE_AFTER_MONTHS": int(env.get("ANONYMISE_AFTER_MONTHS", 6)),
        "PETITION_STATS_SECONDS": int(env.get("PETITION_STATS_SECONDS", 30)),
    }


def letters(env) -> dict:
    """Letter PDFs: how long a render may take, failures and recent PDFs kept, processes."""
    return {
        # An inline render past this is stopped and the download answers 503 (under gunicorn's
        # 30 s worker timeout); its failure is kept this long before the next download retries.
        "LETTER_RENDER_SECONDS": float(env.get("LETTER_RENDER_SECONDS", 10)),
        "LETTER_RETRY_FAILED_SECONDS": float(env.get("LETTER_RETRY_FAILED_SECONDS", 300)),
        # Repeated downloads within this many seconds are served from the worker's memory.
        "LETTER_PDF_MEMORY_SECONDS": float(env.get("LETTER_PDF_MEMORY_SECONDS", 2)),
        # Processes for the parts of a long annex, in the background job.
        "LETTER_RENDER_PROCESSES": int(env.get("LETTER_RENDER_PROCESSES", 1)),
    }
