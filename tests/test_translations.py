"""The interface's catalogs: the template (messages.pot) holds every string marked in the code
and templates, each offered language translates all of them (no blank, no fuzzy entry, every
plural form), and the committed .mo files say what their .po files say."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from organiser.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "organiser" / "translations"
OFFERED = sorted(code for code in LANGUAGES if code != "en")


def catalog(code: str):
    with open(CATALOGS / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=code)


def plain(value):
    """A message id or string as one hashable value (plural forms as a tuple)."""
    return tuple(value) if isinstance(value, list | tuple) else value


def template_ids(path: Path) -> set:
    with open(path, "rb") as pot:
        return {message.id for message in read_po(pot) if message.id}


def test_the_template_holds_every_marked_string(tmp_path):
    extracted = tmp_path / "messages.pot"
    subprocess.run(
        [
            Path(sys.executable).parent / "pybabel",
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "lazy_ngettext:1,2",
            "-k",
            "gettext_noop",
            "--omit-header",
            "-o",
            str(extracted),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    assert template_ids(extracted) == template_ids(CATALOGS / "messages.pot"), (
        "run `make translations` after marking or changing a string"
    )


@pytest.mark.parametrize("code", OFFERED)
def test_an_offered_language_translates_everything(code):
    wanted = template_ids(CATALOGS / "messages.pot")
    translated = catalog(code)
    missing = []
    for message in translated:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id)
    assert {message.id for message in translated if message.id} >= wanted
    assert missing == [], f"{len(missing)} strings untranslated in {code}"


@pytest.mark.parametrize("code", sorted(p.name for p in CATALOGS.iterdir() if p.is_dir()))
def test_each_compiled_catalog_says_what_its_po_says(code):
    with open(CATALOGS / code / "LC_MESSAGES" / "messages.mo", "rb") as mo:
        compiled = {plain(m.id): plain(m.string) for m in read_mo(mo) if m.id}
    written = {
        plain(message.id): plain(message.string)
        for message in catalog(code)
        if message.id
        and message.string
        and not message.fuzzy
        and (not isinstance(message.string, tuple) or all(message.string))
    }
    assert compiled == written, "run `make translations` to compile the catalogs"


def test_russian_counts_have_three_forms():
    assert catalog("ru").num_plurals == 3
