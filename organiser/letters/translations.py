"""The fixed words of a letter in each offered language; dates and numbers come from Babel."""

from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

LANGUAGES = {"en": "English", "ru": "Русский", "de": "Deutsch"}
BABEL_LOCALES = {"en": "en_GB", "ru": "ru", "de": "de"}

WORDS = {
    "en": {
        "page": "Page {page} of {pages}",
        "annex": "Annex",
        "signatures": {"one": "{n} signature", "other": "{n} signatures"},
        "others": {"one": "and {n} other", "other": "and {n} others"},
        "demands": "Our demands",
        "scan": "Campaign page",
        "scan_petition": "Sign the petition",
    },
    "ru": {
        "page": "Страница {page} из {pages}",
        "annex": "Приложение",
        "signatures": {
            "one": "{n} подпись",
            "few": "{n} подписи",
            "many": "{n} подписей",
            "other": "{n} подписи",
        },
        "others": {
            "one": "и ещё {n} человек",
            "few": "и ещё {n} человека",
            "many": "и ещё {n} человек",
            "other": "и ещё {n} человека",
        },
        "demands": "Наши требования",
        "scan": "Страница кампании",
        "scan_petition": "Подписать петицию",
    },
    "de": {
        "page": "Seite {page} von {pages}",
        "annex": "Anhang",
        "signatures": {"one": "{n} Unterschrift", "other": "{n} Unterschriften"},
        "others": {"one": "und {n} weitere Person", "other": "und {n} weitere Personen"},
        "demands": "Unsere Forderungen",
        "scan": "Kampagnenseite",
        "scan_petition": "Petition unterschreiben",
    },
}


def language_or_default(language: str | None) -> str:
    """An offered language code, English when unknown."""
    return language if language in WORDS else "en"


def word(language: str, key: str) -> str:
    """A fixed word in the language."""
    return WORDS[language_or_default(language)][key]


def counted(language: str, key: str, n: int) -> str:
    """A counted phrase ("3 signatures", "и ещё 5 человек") with the language's plural rules."""
    language = language_or_default(language)
    locale = Locale.parse(BABEL_LOCALES[language])
    forms = WORDS[language][key]
    form = forms.get(locale.plural_form(n), forms["other"])
    return form.format(n=format_decimal(n, locale=locale))


def long_date(day: date, language: str) -> str:
    """A date the way the language writes it in a letter: 21 November 2026, 21 ноября 2026 г."""
    return format_date(day, "long", locale=BABEL_LOCALES[language_or_default(language)])


def country_in(code: str, language: str) -> str:
    """A country's name in the language (the code itself when Babel does not know it)."""
    if not code:
        return ""
    locale = Locale.parse(BABEL_LOCALES[language_or_default(language)])
    return locale.territories.get(code.upper(), code)


def page_footer_css(language: str, total: int | None = None) -> str:
    """The CSS content value for "Page X of Y" in the language (Y fixed when total is given)."""
    text = word(language, "page")
    before, rest = text.split("{page}")
    middle, after = rest.split("{pages}")
    pages = "counter(pages)" if total is None else f'"{int(total)}"'
    return f'"{before}" counter(page) "{middle}" {pages} "{after}"'
