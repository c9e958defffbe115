"""Hostile letter text and signer names: shown as text, nothing fetched, nothing attached."""

import io
import re

import pypdf
import pytest
from weasyprint import HTML

from organiser.letters.fetcher import STATIC_SCHEME, RefusedURL, SafeURLFetcher

PASSWD = open("/etc/passwd").read()  # noqa: SIM115 (read once, to look for its content)
PASSWD_LINE = PASSWD.splitlines()[0]  # e.g. root:x:0:0:root:/root:/bin/bash


def hostile_strings(port: int) -> list[str]:
    """Every trick in the book, aimed at the server's files and a listener on loopback."""
    return [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        '<a rel="attachment" href="file:///etc/passwd">passwd</a>',
        f'<img src="http://127.0.0.1:{port}/img">',
        f"<style>@import url(http://127.0.0.1:{port}/css);</style>",
        f"@import url(http://127.0.0.1:{port}/import);",
        '<p style="font-size:1e9px">huge</p>',
        f"![x](http://127.0.0.1:{port}/markdown-image) [y](file:///etc/passwd)",
        f'<object data="file:///etc/passwd"></object><iframe src="http://127.0.0.1:{port}/f">',
    ]


def assert_harmless(pdf: bytes, listener) -> str:
    """No attachment, no file content, no request to the listener; returns the text."""
    assert pdf.startswith(b"%PDF")
    assert b"/EmbeddedFile" not in pdf and b"/Filespec" not in pdf
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert PASSWD_LINE not in text and "root:x:0:0" not in text
    assert "LISTENER-SECRET" not in text
    assert listener.hits == []
    assert len(reader.pages) < 10  # font-size:1e9px did not blow the layout up
    return re.sub(r"\s+", " ", text)


def test_hostile_letter_and_signer_names_are_printed_as_text(
    app, client, campaign, lobby, organiser, listener, add_letter, add_signatures
):
    tricks = hostile_strings(listener.port)
    letter_id = add_letter(
        campaign,
        subject=tricks[0],
        opening=tricks[6],
        body="\n\n".join(tricks),
        closing=tricks[4],
        signatories="\n".join(tricks[1:4]),
    )
    add_signatures(campaign, [(trick[:100], tricks[2][:100]) for trick in tricks[:5]])
    response = client.get(f"/lobbies/{lobby}/letter.pdf")
    assert response.status_code == 200
    text = assert_harmless(response.data, listener)
    for literal in (
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        '<p style="font-size:1e9px">huge</p>',
        f"@import url(http://127.0.0.1:{listener.port}/import);",
    ):
        assert literal in text, literal
    client.login(organiser.email)
    preview = client.get(f"/organise/letters/{letter_id}/preview").get_data(as_text=True)
    assert "&lt;img src=" in preview and '<img src="file' not in preview
    assert listener.hits == []


def test_the_fetcher_refuses_raw_hostile_html_even_if_it_got_through(listener):
    """Defence in depth: WeasyPrint given the raw markup still fetches and attaches nothing.

    (Inline styles never reach WeasyPrint: the letter's text is escaped and cleaned to tags
    without attributes, so font-size:1e9px is tested above, through the app, as text.)
    """
    fetcher = SafeURLFetcher()
    tricks = [trick for trick in hostile_strings(listener.port) if "1e9px" not in trick]
    raw = (
        f'<link rel="stylesheet" href="http://127.0.0.1:{listener.port}/sheet.css">'
        '<img src="app-static:../__init__.py"><img src="app-static:/../../../etc/passwd">'
    ) + "".join(tricks)
    pdf = HTML(string=raw, url_fetcher=fetcher, base_url=None).write_pdf(presentational_hints=False)
    assert_harmless(pdf, listener)
    refused = " ".join(fetcher.refused)
    assert "file:///etc/passwd" in refused
    assert f"127.0.0.1:{listener.port}" in refused
    assert "app-static:../__init__.py" in refused
    assert f"127.0.0.1:{listener.port}/sheet.css" in refused


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://127.0.0.1:9/",
        "https://example.org/",
        "ftp://example.org/x",
        f"{STATIC_SCHEME}:../config.py",
        f"{STATIC_SCHEME}:vendor/../../config.py",
        f"{STATIC_SCHEME}:missing.css",
    ],
)
def test_fetcher_refuses_everything_but_static_files_and_data(url):
    with pytest.raises(RefusedURL):
        SafeURLFetcher().fetch(url)


def test_fetcher_serves_static_files_and_data_uris():
    fetcher = SafeURLFetcher()
    css = fetcher.fetch(f"{STATIC_SCHEME}:app.css")
    assert css.content_type == "text/css" and css.read()
    data = fetcher.fetch("data:text/plain;base64,aGVsbG8=")
    assert data.read() == b"hello"
