"""A protest letter as one HTML document (autoescaped Jinja), and that document laid out as
pages by WeasyPrint: the pieces that organiser.letters.pdf and .parts put together."""

import threading
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import segno
from cachetools import LRUCache
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from organiser.caching import ProcessCache
from organiser.letters.body import body_html, printable
from organiser.letters.fetcher import SafeURLFetcher
from organiser.letters.wording import Words, long_date

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates" / "letters"
FONTS = '"DejaVu Serif", "Noto Serif", serif'
ANNEX_COLUMNS = 3
ANNEX_ROWS = 62  # rows per column on an annex page (11 pt lines; the page has room for 64)
ANNEX_FIRST_ROWS = 56  # under the annex heading
ROW_CHARS = 30  # a signer's line is shortened to this (its column is ~53 mm at 8.5 pt)
CSS_KEPT = 8  # parsed stylesheets kept per thread (a language, or a part of a long annex)

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True),
    finalize=lambda value: printable(value) if isinstance(value, str) else value,
)
# Each thread's fonts and parsed stylesheets (Pango's are not shared between threads), by the
# thread's id: a thread that ended leaves its entry to the next thread given the same id.
_thread_fonts = ProcessCache("letters.thread_fonts", maxsize=32)


@dataclass(frozen=True)
class Annex:
    """The signatures annexed to a letter: those who agreed to be named, and the rest counted."""

    named: list[tuple[str, str]] = field(default_factory=list)
    others: int = 0

    @property
    def total(self) -> int:
        """Every confirmed signature."""
        return len(self.named) + self.others


@dataclass(frozen=True)
class LetterContext:
    """Everything that appears in one letter, in one language."""

    language: str
    organisation_name: str
    organisation_contact: str
    organisation_url: str
    recipient_title: str
    recipient_name: str
    target_name: str
    address_lines: list[str]
    day: date
    subject: str
    opening: str
    body: str
    demands: list[str]
    closing: str
    signatories: list[str]
    qr_url: str = ""
    qr_is_petition: bool = False
    annex: Annex | None = None


@lru_cache(maxsize=256)
def qr_svg(url: str) -> Markup:
    """A QR code for url as inline SVG (cached: choosing the mask costs ~40 ms).

    WeasyPrint parses the SVG path at every render (~6 ms of a letter); a PNG would save that,
    but the issue asks for inline SVG, which prints crisp at any size.
    """
    svg = segno.make(url, error="m").svg_inline(scale=2, border=0, omitsize=False)
    return Markup(svg)  # noqa: S704 (segno's own SVG paths; the URL is encoded, never echoed)


def stylesheet(language: str, total: int | None = None, first_page: int | None = None) -> str:
    """The letter's CSS with the language's page footer ("of Y" fixed when given in parts)."""
    return styled(Words(language).page_footer_css(total), first_page)


@cache
def styled(footer: str, first_page: int | None) -> str:
    """The letter's CSS with that page footer (a CSS content value), numbered from first_page."""
    css = (TEMPLATES / "letter.css").read_text()
    css = css.replace("FONTS", FONTS).replace("PAGE_FOOTER", footer)
    if first_page is not None:
        css += f"@page :first {{ counter-reset: page {int(first_page)}; }}"
    return css


def shorten(text: str, length: int) -> str:
    """text, cut to length with an ellipsis if longer."""
    return text if len(text) <= length else text[: max(length - 1, 1)].rstrip() + "…"


def annex_row(name: str, city: str) -> str:
    """One signer as one line: "Name, City", each shortened so the line fits its column.

    Any whitespace (a newline too) becomes one space: a column is one preformatted block.
    """
    city = shorten(" ".join(city.split()), 12)
    name = " ".join(name.split())
    name = shorten(name, ROW_CHARS - len(city) - 2 if city else ROW_CHARS)
    return f"{name}, {city}" if city else name


def annex_pages(annex: Annex | None) -> list[list[list[str | None]]]:
    """The annex as pages of columns of one-line rows (None: the "and N others" line).

    Every row is one line, so every page fits and the page count is known before layout.
    """
    if annex is None or not annex.total:
        return []
    rows: list[str | None] = [annex_row(name, city) for name, city in annex.named]
    if annex.others:
        rows.append(None)
    pages, start, height = [], 0, ANNEX_FIRST_ROWS
    while start < len(rows) or not pages:
        page = rows[start : start + ANNEX_COLUMNS * height]
        pages.append([page[i : i + height] for i in range(0, len(page), height)])
        start += ANNEX_COLUMNS * height
        height = ANNEX_ROWS
    return pages


def letter_html(
    context: LetterContext,
    preview: dict | None = None,
    pages: list | None = None,
    part: slice | None = None,
) -> str:
    """The letter as HTML (autoescaped), as WeasyPrint sees it; preview adds screen links.

    part: only these annex pages, without the letter (slice(0, 0): the letter alone).
    Raises body.LetterTooComplex for a text too complex to print.
    """
    words = Words(context.language)
    pages = annex_pages(context.annex) if pages is None else pages
    chosen = pages if part is None else pages[part]
    return _env.get_template("pdf.html").render(
        c=context,
        preview=preview,
        show_letter=part is None or part.start == part.stop == 0,
        annex_pages=chosen,
        annex_heading=part is None or part.start == 0,
        annex_last=part is None or (part.stop or len(pages)) >= len(pages),
        body=body_html(context.body),
        date_text=long_date(context.day, context.language),
        qr=qr_svg(context.qr_url) if context.qr_url else "",
        _=words.gettext,
        gettext=words.gettext,
        ngettext=words.ngettext,
    )


@dataclass
class ThreadFonts:
    """One thread's fonts, and the stylesheets parsed with them (least recently used out)."""

    fonts: FontConfiguration = field(default_factory=FontConfiguration)
    css: LRUCache = field(default_factory=lambda: LRUCache(CSS_KEPT))


def thread_fonts() -> ThreadFonts:
    """This thread's fonts, kept across renders (loading them anew costs ~10 ms a letter)."""
    return _thread_fonts.get_or_make(threading.get_ident(), ThreadFonts)


def font_config() -> FontConfiguration:
    """This thread's fonts."""
    return thread_fonts().fonts


def parsed_css(css_text: str) -> CSS:
    """Our stylesheet (a string, never a path or URL from data), parsed once per thread."""
    kept = thread_fonts()
    found = kept.css.get(css_text)
    if found is None:
        found = CSS(string=css_text, url_fetcher=SafeURLFetcher(), font_config=kept.fonts)
        kept.css[css_text] = found
    return found


def layout(html_text: str, css_text: str) -> Document:
    """WeasyPrint's pages, safely: our own fetcher, no presentational hints, our stylesheet."""
    document = HTML(string=html_text, url_fetcher=SafeURLFetcher(), base_url=None)
    return document.render(
        font_config=font_config(), stylesheets=[parsed_css(css_text)], presentational_hints=False
    )


def write(html_text: str, css_text: str) -> bytes:
    """The PDF bytes of layout(): fonts embedded as subsets, streams compressed."""
    return layout(html_text, css_text).write_pdf()
