"""Fixtures for the report tests: the report form's data (phone_photo is in tests/conftest.py)."""

import io

import pytest


def _report_form(photos=(), **changes) -> dict:
    """The report form's fields; photos: (bytes, filename, caption, consent) per new photo."""
    data = {
        "text": "Protesters gathered at the embassy and handed in the protest letter.",
        "attendance": "25",
        "response": "The Deputy Ambassador accepted the letter.",
    }
    for index, (content, filename, caption, consent) in enumerate(photos):
        data[f"photos-{index}-file"] = (io.BytesIO(content), filename)
        data[f"photos-{index}-caption"] = caption
        if consent:
            data[f"photos-{index}-consent"] = "y"
    return {**data, **changes}


@pytest.fixture(name="report_form")
def report_form_fixture():
    """A function (photos=(), **changes): the report form's data, ready to post multipart;
    photos are (bytes, filename, caption, consent) tuples."""
    return _report_form
