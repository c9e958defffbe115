"""The pure letter renderer: what a diplomat reads, in the letter's language (pypdf reads back)."""

import io
import re
from datetime import date

import pypdf
import pytest

from organiser.letters.pdf import Annex, LetterContext, render_pdf

DEMANDS = [
    "Release all political prisoners.",
    "End the persecution of independent trade unions.",
    "Allow international observers into the prisons.",
]


def context(**changes) -> LetterContext:
    """A letter to the Kazakh embassy in London, with changes."""
    fields = dict(
        language="en",
        organisation_name="Campaign Kazakhstan",
        organisation_contact="PO Box 123\nLondon N1 9XW",
        organisation_url="https://campaignkazakhstan.test",
        recipient_title="Ambassador",
        recipient_name="Magzhan Ilyassov",
        target_name="Embassy of the Republic of Kazakhstan",
        address_lines=["33 Thurloe Square", "London SW7 2SD", "United Kingdom"],
        day=date(2026, 12, 16),
        subject="Release the political prisoners",
        opening="Your Excellency,",
        body="We write on Independence Day.\n\nWe ask you to pass our *demands* on.",
        demands=DEMANDS,
        closing="Yours sincerely,",
        signatories=["Campaign Kazakhstan", "Anna Petrova, coordinator"],
        qr_url="https://organiser.test/campaigns/campaign-kazakhstan",
        annex=None,
    )
    fields.update(changes)
    return LetterContext(**fields)


def normal(text: str) -> str:
    """Extracted text with runs of spaces (also no-break and narrow ones) as one space."""
    return re.sub(r"[ \u00a0\u202f]+", " ", text)


def read(pdf: bytes) -> tuple[pypdf.PdfReader, list[str]]:
    """The PDF and the (normalised) text of each page."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return reader, [normal(page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def english():
    """An English letter with an annex long enough for a few pages (one render)."""
    named = [(f"Signer Number{i:03}", "Manchester") for i in range(400)] + [("Zoë Müller", "Köln")]
    return read(render_pdf(context(annex=Annex(named=named, others=1234))))


@pytest.fixture(scope="module")
def russian():
    """The same letter in Russian (one render)."""
    return read(
        render_pdf(
            context(
                language="ru",
                recipient_title="Посол",
                recipient_name="Магжан Ильясов",
                target_name="Посольство Республики Казахстан",
                address_lines=["33 Thurloe Square", "London SW7 2SD", "Великобритания"],
                subject="Освободите политзаключённых",
                opening="Ваше превосходительство,",
                body="Мы пишем вам в День независимости. Grüße aus Köln.",
                demands=["Освободить всех политзаключённых.", "Прекратить преследования."],
                closing="С уважением,",
                signatories=["Кампания «Казахстан»"],
                annex=Annex(named=[("Анна Петрова", "Алматы")], others=5),
            )
        )
    )


def test_letter_is_addressed_dated_and_lists_the_demands_in_order(english):
    reader, pages = english
    first = pages[0]
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    assert reader.pages[0].mediabox.height == pytest.approx(841.89, abs=1)
    for text in (
        "Campaign Kazakhstan",
        "PO Box 123",
        "Ambassador Magzhan Ilyassov",
        "Embassy of the Republic of Kazakhstan",
        "33 Thurloe Square",
        "London SW7 2SD",
        "United Kingdom",
        "16 December 2026",
        "Release the political prisoners",
        "Your Excellency,",
        "We write on Independence Day.",
        "Yours sincerely,",
        "Anna Petrova, coordinator",
    ):
        assert text in first, text
    positions = [first.index(f"{n}. {demand}") for n, demand in enumerate(DEMANDS, 1)]
    assert positions == sorted(positions)
    assert first.index("Your Excellency") < positions[0] < first.index("Yours sincerely")


def test_every_page_is_numbered_page_x_of_y(english):
    _, pages = english
    total = len(pages)
    assert total >= 3
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {total}" in text


def test_annex_names_who_agreed_and_counts_the_others(english):
    _, pages = english
    annex = "\n".join(pages[1:])
    assert "Annex" in annex
    assert "1,635 signatures" in annex
    assert "Signer Number000, Manchester" in annex
    assert "Signer Number399, Manchester" in annex
    assert "Zoë Müller, Köln" in annex
    assert "and 1,234 others" in annex
    assert "Signer Number000" not in pages[0]


def test_metadata_title_author_and_language(english):
    reader, _ = english
    assert reader.metadata.title == "Release the political prisoners"
    assert reader.metadata.author == "Campaign Kazakhstan"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_fonts_are_embedded(english):
    reader, _ = english
    fonts = [
        font.get_object()
        for page in reader.pages[:1]
        for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts
    for font in fonts:
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
        assert "DejaVu" in str(descendant["/BaseFont"])


def test_russian_letter_reads_back_in_cyrillic(russian):
    reader, pages = russian
    text = "\n".join(pages)
    for phrase in (
        "Посол Магжан Ильясов",
        "Посольство Республики Казахстан",
        "Великобритания",
        "16 декабря 2026 г.",
        "Освободите политзаключённых",
        "1. Освободить всех политзаключённых.",
        "2. Прекратить преследования.",
        "Grüße aus Köln",
        "Страница 1 из 2",
        "Страница 2 из 2",
        "Приложение",
        "6 подписей",
        "Анна Петрова, Алматы",
        "и ещё 5 человек",
    ):
        assert phrase in text, phrase
    assert reader.metadata.title == "Освободите политзаключённых"
    assert reader.trailer["/Root"]["/Lang"] == "ru"


def test_german_date_and_fixed_words():
    """The fixed words come from the catalogs, in the letter's language (Russian: 3 forms)."""
    from organiser.letters.wording import Words, long_date

    german, russian = Words("de"), Words("ru")
    assert long_date(date(2026, 3, 1), "de") == "1. März 2026"
    assert german.ngettext("and %(num)s other", "and %(num)s others", 1) == "und 1 weitere Person"
    signatures = ("%(num)s signature", "%(num)s signatures")
    assert german.ngettext(*signatures, 1200) == "1.200 Unterschriften"
    assert [russian.ngettext(*signatures, n) for n in (1, 3, 5, 21)] == [
        "1 подпись",
        "3 подписи",
        "5 подписей",
        "21 подпись",
    ]
    assert german.page_footer_css() == '"Seite " counter(page) " von " counter(pages) ""'


def test_a_long_annex_rendered_in_parts_numbers_its_pages_straight_through(monkeypatch):
    """Parts of one page each: the same pages, numbered on, as one document would have."""
    from organiser.letters import pdf

    named = [(f"Person {i:04}", "Berlin") for i in range(168 + 186 + 106)]
    letter = context(annex=Annex(named=named, others=7))
    whole_reader, whole = read(render_pdf(letter))
    monkeypatch.setattr(pdf, "PART_PAGES", 1)
    reader, pages = read(render_pdf(letter))
    assert len(pages) == len(whole) == 4  # the letter, then 168 + 186 + 106 names and "others"
    for number, (text, same) in enumerate(zip(pages, whole, strict=True), 1):
        assert f"Page {number} of 4" in text and f"Page {number} of 4" in same
    assert "Person 0000, Berlin" in pages[1] and "Person 0459, Berlin" in pages[-1]
    assert "and 7 others" in pages[-1]
    assert reader.metadata.title == whole_reader.metadata.title == "Release the political prisoners"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_full_annex_pages_of_the_widest_names_still_fit_one_page_each():
    """Rows are one line each, so a full page never spills (parts rely on the count)."""
    widest = [("W" * 60, "M" * 30)] * (168 + 186)
    _, pages = read(render_pdf(context(annex=Annex(named=widest, others=1))))
    assert len(pages) == 1 + 3  # two full annex pages, then one for "and 1 other"
    assert "and 1 other" in pages[-1] and "Page 4 of 4" in pages[-1]


def test_a_signer_name_with_line_breaks_stays_on_one_line():
    """A column is one preformatted block: a newline in a name must not add a line."""
    broken = [("Anna\nPetrova\r\n", "Alma\u2028ty\t")] * (168 + 186)
    _, pages = read(render_pdf(context(annex=Annex(named=broken, others=1))))
    assert len(pages) == 1 + 3
    assert "Anna Petrova, Alma ty" in pages[1]
    assert "and 1 other" in pages[-1] and "Page 4 of 4" in pages[-1]
