"""The languages a letter can be written in, and the letter's fixed words in its language.

The fixed words ("Page 2 of 5", "Annex", "6 signatures", "and 5 others" ...) are msgids in the
app's message catalogs (organiser/translations), looked up under the letter's language with
Flask-Babel's force_locale; a letter rendered outside any app (the pure renderer, its tests
and the benchmark) reads the same catalogs from where the app keeps them. Dates, numbers and
country names come from Babel in the letter's language.
"""

import hashlib
import os
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from flask import has_app_context, has_request_context
from flask_babel import force_locale, get_locale, get_translations

# The languages a letter can be written in, in the order the form offers them.
LETTER_LANGUAGES = ("en", "ru", "de")
# The Babel locale a letter's dates and numbers are written in (British English: "16 December").
BABEL_LOCALES = {"en": "en_GB", "ru": "ru", "de": "de"}
SHIPPED_CATALOGS = Path(__file__).resolve().parent.parent / "translations"


def language_or_default(language: str | None) -> str:
    """A letter language's code, English when unknown."""
    return language if language in LETTER_LANGUAGES else "en"


def language_name(code: str) -> str:
    """A letter language's name in the reader's language, as written within a sentence
    ("Russian", "Russisch", "русский")."""
    reader = get_locale() if has_request_context() else None
    return Locale.parse(code).get_display_name(reader or "en") or code


def language_names(capitalised: bool = False) -> dict[str, str]:
    """Every letter language's code and its name in the reader's language (capitalised: as a
    choice or at the start of a line)."""
    names = {code: language_name(code) for code in LETTER_LANGUAGES}
    if capitalised:
        return {code: name[:1].upper() + name[1:] for code, name in names.items()}
    return names


@cache
def shipped_catalog(language: str) -> NullTranslations:
    """The catalog shipped for the language (for a letter rendered outside any app)."""
    return Translations.load(str(SHIPPED_CATALOGS), [language])


def letter_catalog(language: str) -> NullTranslations:
    """The message catalog a letter in the language is written with."""
    language = language_or_default(language)
    if not has_app_context():
        return shipped_catalog(language)
    with force_locale(language):
        return get_translations()


class Words:
    """A letter's fixed words in its language: gettext and ngettext as the letter's template
    calls them (named placeholders; a count is written with the language's digit grouping)."""

    def __init__(self, language: str):
        self.language = language_or_default(language)
        self.catalog = letter_catalog(self.language)
        self.locale = Locale.parse(BABEL_LOCALES[self.language])

    def gettext(self, message: str, **variables) -> str:
        """message in the letter's language, its placeholders filled in."""
        text = self.catalog.ugettext(message)
        return text % variables if variables else text

    def ngettext(self, singular: str, plural: str, num: int, **variables) -> str:
        """The form for num in the letter's language; %(num)s is num written in it."""
        variables.setdefault("num", format_decimal(num, locale=self.locale))
        return self.catalog.ungettext(singular, plural, num) % variables

    def page_footer_css(self, total: int | None = None) -> str:
        """The CSS content value for "Page X of Y" (Y fixed when total is given)."""
        text = self.gettext("Page %(page)s of %(pages)s", page="\0", pages="\1")
        before, rest = text.split("\0")
        middle, after = rest.split("\1")
        pages = "counter(pages)" if total is None else f'"{int(total)}"'
        return (
            f"{css_string(before)} counter(page) {css_string(middle)} {pages} {css_string(after)}"
        )

    def version(self) -> str:
        """A digest of the catalog files the words come from (part of a cached letter's key,
        so a new translation prints anew)."""
        return catalog_version(tuple(getattr(self.catalog, "files", ())))


def catalog_version(files: tuple[str, ...]) -> str:
    """A digest of the catalog files, as they are now (read again only when one changes)."""
    stamps = []
    for name in files:
        stat = os.stat(name)
        stamps.append((name, stat.st_mtime_ns, stat.st_size))
    return _digest(tuple(stamps))


@cache
def _digest(stamps: tuple) -> str:
    digest = hashlib.sha256()
    for name, *_stamp in stamps:
        digest.update(Path(name).read_bytes())
    return digest.hexdigest()[:16]


def css_string(text: str) -> str:
    """text as a CSS string (quotes and backslashes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def long_date(day: date, language: str) -> str:
    """A date the way the language writes it in a letter: 21 November 2026, 21 ноября 2026 г."""
    return format_date(day, "long", locale=BABEL_LOCALES[language_or_default(language)])


def country_in(code: str, language: str) -> str:
    """A country's name in the language (the code itself when Babel does not know it)."""
    if not code:
        return ""
    locale = Locale.parse(BABEL_LOCALES[language_or_default(language)])
    return locale.territories.get(code.upper(), code)
