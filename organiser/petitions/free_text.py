"""What a signer's name and town may contain: they are mailed, printed in the letter and shown
on the petition page, so they must never carry a web address, a mail address or a formula.

Text is first NFKC-normalised (full-width letters and dots become plain ones) with its spaces
collapsed, and stored that way, so what was checked is what is mailed. Then:

- only letters, combining marks (after a letter), ASCII digits, spaces, apostrophes, hyphens
  and full stops (a town also , ( ) and /); nothing starts with =, +, - or @;
- a full stop follows a letter, and a word may run on after one only as initials (J.R.R.):
  "spam.shop", "spam[.]com", "spam(.)com", "spam．com" and letters that look like a dot
  are all a web address, and so are `www` and `http`.
"""

import re
import unicodedata

from flask_babel import lazy_gettext as _l

FORMULA_STARTS = ("=", "+", "-", "@")
APOSTROPHES = "'\u2019\u02bc\u2018"
HYPHENS = "-\u2010\u2011"
JOINERS = "\u200c\u200d"  # needed inside words in Persian and Indic scripts; invisible
PLACE_PUNCTUATION = ",()/"
# Characters that look like a full stop (after NFKC): other scripts' full stops, middle dots,
# and letters and digits drawn as a dot. Punctuation is refused anyway; mapped, it is refused
# as what it is, a web address.
DOT_LIKE = str.maketrans(
    dict.fromkeys(
        "\u3002\ufe12\u06d4\u0589\u1362\u166e\u1803\u1809\u0701\u0702\ua4ff\ua60e"
        "\u00b7\u2027\u2219\u22c5\u30fb\u2e31\u2e33\u2e3c\U00010a50"
        "\ua4f8\u1427\u18df\u0887\ua78f\u0971\u0660\u06f0\U0001bc84\U0001bc94\U0001d16d",
        ".",
    )
)
DISGUISED_DOT = re.compile(r"\s*[\[({<]\s*\.\s*[\])}>]\s*|\s+\.")
WEB_WORDS = re.compile(r"www|https?\b|://|@", re.IGNORECASE)


def tidy(value):
    """The form filter: NFKC-normalised, runs of white space made one space, trimmed."""
    if not isinstance(value, str):
        return value
    return " ".join(unicodedata.normalize("NFKC", value).split())


def looks_like_web_address(text: str) -> bool:
    """Whether the text names a site or a mailbox however its dots are disguised."""
    text = DISGUISED_DOT.sub(".", text.translate(DOT_LIKE))
    if WEB_WORDS.search(text):
        return True
    for word in text.split():
        pieces = word.rstrip(".").split(".")
        if len(pieces) > 1 and not all(len(piece) == 1 and piece.isalpha() for piece in pieces):
            return True
    return False


def _allowed(char: str, previous: str, extra: str) -> bool:
    category = unicodedata.category(char)
    if category.startswith("L") or char in APOSTROPHES + HYPHENS + " " + extra:
        return True
    if category.startswith("M") or char in JOINERS:  # marks and joiners only inside a word
        return bool(previous) and (unicodedata.category(previous)[0] in "LM" or previous in JOINERS)
    if char == ".":
        return bool(previous) and unicodedata.category(previous).startswith("L")
    return "0" <= char <= "9"


# Why a name or a town is refused, each sentence whole (translated when shown).
NAME_PROBLEMS = {
    "formula": _l("A name cannot start with =, +, - or @."),
    "web": _l("A name cannot contain a web address."),
    "characters": _l(
        "A name can only contain letters, digits, spaces, apostrophes, hyphens and full stops."
    ),
    "letters": _l("A name needs letters."),
}
PLACE_PROBLEMS = {
    "formula": _l("A town or city cannot start with =, +, - or @."),
    "web": _l("A town or city cannot contain a web address."),
    "characters": _l(
        "A town or city can only contain letters, digits, spaces, apostrophes, hyphens and "
        "full stops (and , ( ) /)."
    ),
    "letters": _l("A town or city needs letters."),
}


def problem(text: str, extra: str = "") -> str | None:
    """Why the (tidied) text cannot be a signer's name or town: "formula", "web",
    "characters" or "letters"; None if it can."""
    if text.startswith(FORMULA_STARTS):
        return "formula"
    if looks_like_web_address(text):
        return "web"
    if not all(_allowed(char, text[i - 1] if i else "", extra) for i, char in enumerate(text)):
        return "characters"
    if not any(unicodedata.category(char).startswith("L") for char in text):
        return "letters"
    return None


def name_problem(text: str) -> str | None:
    """Why this cannot be a signer's name (in the reader's language), or None."""
    found = problem(text)
    return str(NAME_PROBLEMS[found]) if found else None


def place_problem(text: str) -> str | None:
    """Why this cannot be a signer's town or city (in the reader's language), or None."""
    found = problem(text, PLACE_PUNCTUATION)
    return str(PLACE_PROBLEMS[found]) if found else None
