"""A protest letter as PDF bytes: a pure function of its context (WeasyPrint).

The letter's HTML and its layout are organiser.letters.document; a long annex is rendered in
parts (organiser.letters.parts). Imports go one way: pdf -> parts -> document.
"""

from organiser.letters.document import (
    Annex,
    LetterContext,
    annex_pages,
    font_config,
    letter_html,
    stylesheet,
    write,
)
from organiser.letters.parts import render_in_parts

# What callers take from here (the letter's types, and for the benchmark its HTML and fonts).
__all__ = ["PART_PAGES", "Annex", "LetterContext", "font_config", "letter_html", "render_pdf"]

PART_PAGES = 20  # annexes longer than this are rendered in parts


def render_pdf(context: LetterContext, processes: int = 1) -> bytes:
    """The letter as PDF bytes: A4, embedded fonts, metadata, nothing fetched from outside.

    A long annex is rendered in parts of PART_PAGES pages (in up to `processes` processes) and
    joined, so memory stays bounded; the page numbers run on across the parts.
    Raises body.LetterTooComplex for a letter whose text is too complex to print.
    """
    pages = annex_pages(context.annex)
    if len(pages) <= PART_PAGES:
        return write(letter_html(context, pages=pages), stylesheet(context.language))
    return render_in_parts(context, pages, PART_PAGES, processes)
