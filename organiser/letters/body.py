"""The letter's own text: paragraphs, *italic*, **bold** and lists, as HTML for the letter.

The text comes from organisers and is printed for anyone who asks, so what it can cost is
bounded: cmark (CommonMark's C implementation, designed to parse any input in time linear in
its length) turns it into HTML, nh3 keeps only the tags of the letter's body, and one linear
pass over those tags refuses structures that would take the PDF's layout long (lists nested
deep, thousands of list items or of bold and italic stretches), and one over the text refuses
words longer than a line (hyphenating a word of thousands of letters takes the layout time that
grows with the square of its length). The form refuses such a text on save (LetterText); a
text stored some other way fails to render, with the same reason. Two kinds of invisible
characters, whose layout grows with the cube of their number, are left out of everything
printed (printable): soft hyphens (the letter hyphenates by itself) and the direction controls
that nest (embeddings, overrides, isolates).
"""

import html
import re

import cmarkgfm
import nh3
from flask import has_request_context
from flask_babel import gettext
from markupsafe import Markup
from wtforms.validators import ValidationError

BODY_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote"}
NESTING_TAGS = {"ul", "ol", "blockquote"}  # a list (or quote) inside another
EMPHASIS_TAGS = {"em", "strong"}
BLOCK_TAGS = {"p", "li", "br"}  # each starts a line: the layout's cost grows with them
MAX_LIST_LEVELS = 4
MAX_EMPHASIS_LEVELS = 3  # ***text*** is italic and bold: two
MAX_BLOCKS = 200
MAX_EMPHASIS = 200
MAX_WORD = 120  # characters between two spaces (a long link fits; a line holds ~90)
TAG = re.compile(r"<(/?)([a-z]+)")
# Soft hyphens, and explicit direction embeddings, overrides and isolates (U+202A-U+202E,
# U+2066-U+2069); the direction marks (LRM, RLM), which do not nest, stay.
LEFT_OUT = dict.fromkeys([0x00AD, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
SPACES = re.compile(r"[ \t\n\r\f\v]+")  # where a line may break (not a no-break space)


def _(message: str, **variables) -> str:
    """message in the reader's language; in English where there is no reader (a render in a
    thread or a job, which only logs it)."""
    if has_request_context():
        return gettext(message, **variables)
    return message % variables


class LetterTooComplex(ValueError):
    """The text would take too long to print; the message says what to change."""


def printable(text: str) -> str:
    """text without soft hyphens and nesting direction controls (a Markup stays Markup)."""
    return text.translate(LEFT_OUT)


def cleaned_html(text: str) -> str:
    """The text as HTML: any markup typed in it shown as text, then only the body's tags."""
    rendered = cmarkgfm.markdown_to_html(html.escape(printable(text), quote=False))
    return nh3.clean(rendered, tags=BODY_TAGS, attributes={}, link_rel=None)


def text_problem(text: str, cleaned: str) -> str | None:
    """Why this text (and its cleaned HTML) is too complex to print, or None."""
    if max((len(word) for word in SPACES.split(text)), default=0) > MAX_WORD:
        return _(
            "The text has a word or link longer than %(num)d characters: please shorten it or "
            "add spaces.",
            num=MAX_WORD,
        )
    return structure_problem(cleaned)


def structure_problem(cleaned: str) -> str | None:
    """Why this cleaned HTML is too complex to print, or None: one pass over its tags."""
    levels = emphasis_levels = blocks = emphases = 0
    for match in TAG.finditer(cleaned):
        closing, tag = match.group(1) == "/", match.group(2)
        if tag in NESTING_TAGS:
            levels += -1 if closing else 1
            if levels > MAX_LIST_LEVELS:
                return _(
                    "Lists are nested more than %(num)d levels deep: please keep them to "
                    "%(num)d levels.",
                    num=MAX_LIST_LEVELS,
                )
        elif tag in EMPHASIS_TAGS:
            emphasis_levels += -1 if closing else 1
            emphases += not closing
            if emphasis_levels > MAX_EMPHASIS_LEVELS:
                return _(
                    "Bold and italic are nested more than %(num)d deep: please simplify them.",
                    num=MAX_EMPHASIS_LEVELS,
                )
            if emphases > MAX_EMPHASIS:
                return _(
                    "The text has more than %(num)d stretches of bold or italic: please use fewer.",
                    num=MAX_EMPHASIS,
                )
        if tag in BLOCK_TAGS and not closing:
            blocks += 1
            if blocks > MAX_BLOCKS:
                return _(
                    "The text has more than %(num)d paragraphs, list items and line breaks "
                    "together: please join some of them.",
                    num=MAX_BLOCKS,
                )
    return None


def body_html(text: str) -> Markup:
    """The letter's text as HTML for the letter; LetterTooComplex if it is too complex."""
    cleaned = cleaned_html(text)
    if problem := text_problem(text, cleaned):
        raise LetterTooComplex(problem)
    return Markup(cleaned)  # noqa: S704 (escaped first, then an allow-list with no attributes)


class LetterText:
    """Form validator: refuse a text too complex to print, saying what to change."""

    def __call__(self, form, field) -> None:
        """Raise ValidationError with the reason if the text is too complex."""
        text = field.data or ""
        if problem := text_problem(text, cleaned_html(text)):
            raise ValidationError(problem)


class AtMostLines:
    """Form validator: at most `lines` non-blank lines (each is a line of the letter)."""

    def __init__(self, lines: int):
        self.lines = lines

    def __call__(self, form, field) -> None:
        """Raise ValidationError if the text has more non-blank lines than allowed."""
        text = field.data or ""
        if sum(1 for line in text.splitlines() if line.strip()) > self.lines:
            raise ValidationError(_("Please keep to %(num)d lines or fewer.", num=self.lines))
