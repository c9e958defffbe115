"""The reader's language: `?lang=` on any page (remembered in a cookie), else the cookie, else
the browser's Accept-Language, else English. Flask-Babel translates (catalogs in
organiser/translations/, `make translations`) and formats dates, numbers and names in it.

A language is offered once its catalog is complete (tests/test_translations.py): LANGUAGES
lists them, in their own names; anything untranslated falls back to English, never a blank.
"""

from urllib.parse import urlencode

from flask import Flask, Response, current_app, has_request_context, request
from flask_babel import Babel, get_locale

DEFAULT = "en"
# Each offered language in its own name, in the order the switcher shows them.
LANGUAGES = {
    "en": "English",
    "ru": "Русский",
    "de": "Deutsch",
    "fr": "Français",
    "sv": "Svenska",
    "kk": "Қазақша",
}
COOKIE = "lang"
COOKIE_DAYS = 365

babel = Babel()


def gettext_noop(message: str) -> str:
    """Mark a string for the catalogs where it is translated later (an extension's setting
    that is looked up at each use); `make translations` extracts this name too."""
    return message


def offered() -> dict[str, str]:
    """The languages this app offers (config LANGUAGES: codes, comma-separated)."""
    codes = current_app.config.get("LANGUAGES") or list(LANGUAGES)
    return {code: LANGUAGES[code] for code in codes if code in LANGUAGES}


def asked_language() -> str | None:
    """The language `?lang=` asks for, when it is one offered."""
    asked = request.args.get(COOKIE, "")
    return asked if asked in offered() else None


def select_locale() -> str:
    """The language of this request: ?lang=, the remembered choice, Accept-Language, English
    (English outside a request: a job, a command, a service called from a test)."""
    if not has_request_context():
        return DEFAULT
    languages = offered()
    remembered = request.cookies.get(COOKIE, "")
    return (
        asked_language()
        or (remembered if remembered in languages else None)
        or request.accept_languages.best_match(list(languages), default=DEFAULT)
    )


def remember_choice(response: Response) -> Response:
    """A page asked for in a language remembers it; pages say they differ by language."""
    if response.mimetype != "text/html":
        return response  # a letter's ?lang= picks the letter's language, not the reader's
    asked = asked_language()
    if request.path.endswith(".pdf"):
        asked = None  # even its "being prepared" page: the letter's language, not the reader's
    if asked and request.cookies.get(COOKIE) != asked:
        response.set_cookie(
            COOKIE,
            asked,
            max_age=COOKIE_DAYS * 24 * 3600,
            secure=request.is_secure,
            httponly=True,
            samesite="Lax",
        )
    response.vary.update(("Accept-Language", "Cookie"))
    return response


def language_links() -> list[dict]:
    """This page in each offered language: code, name, address, and whether it is the current
    one (for the switcher and the hreflang alternates)."""
    current = str(get_locale())
    args = request.args.to_dict()
    links = []
    for code, name in offered().items():
        query = urlencode({**args, COOKIE: code})
        links.append(
            {
                "code": code,
                "name": name,
                "url": f"{request.path}?{query}",
                "current": code == current,
            }
        )
    return links


def init_app(app: Flask) -> None:
    """Translate and format every request in the reader's language, and remember their choice."""
    babel.init_app(
        app, locale_selector=select_locale, default_translation_directories="translations"
    )
    app.after_request(remember_choice)
    app.add_template_global(language_links, "language_links")
    app.add_template_global(lambda: str(get_locale()), "current_language")
