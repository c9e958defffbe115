"""A letter with a long annex, rendered in parts and joined, so memory stays bounded.

Every annex page holds a fixed number of one-line rows, so the number of pages is known before
anything is laid out: each part gets its first page number and the total ("Page 57 of 280").
"""

import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from organiser.letters.document import LetterContext, layout, letter_html, stylesheet, write


def letter_page_count(context: LetterContext, pages: list) -> int:
    """How many pages the letter itself (without its annex) takes."""
    html_text = letter_html(context, pages=pages, part=slice(0, 0))
    return len(layout(html_text, stylesheet(context.language)).pages)


def render_in_parts(context: LetterContext, pages: list, size: int, processes: int = 1) -> bytes:
    """The letter, then its annex `size` pages at a time, joined into one PDF."""
    letter_pages = letter_page_count(context, pages)
    total = letter_pages + len(pages)
    language = context.language
    jobs = [(letter_html(context, pages=pages, part=slice(0, 0)), stylesheet(language, total))]
    for start in range(0, len(pages), size):
        part = slice(start, start + size)
        css = stylesheet(language, total, first_page=letter_pages + start + 1)
        jobs.append((letter_html(context, pages=pages, part=part), css))
    if processes > 1:
        spawn = multiprocessing.get_context("spawn")  # no fork of a threaded web worker
        with ProcessPoolExecutor(max_workers=processes, mp_context=spawn) as pool:
            parts = list(pool.map(write, *zip(*jobs, strict=True)))
    else:
        parts = [write(html_text, css) for html_text, css in jobs]
    return join(parts, context)


def join(parts: list[bytes], context: LetterContext) -> bytes:
    """One PDF of the parts, with the letter's title, author and language."""
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    writer.add_metadata(
        {
            "/Title": context.subject,
            "/Author": context.organisation_name,
            "/Creator": "Organiser",
            "/Producer": "WeasyPrint and pypdf",
        }
    )
    writer._root_object[NameObject("/Lang")] = TextStringObject(context.language)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
