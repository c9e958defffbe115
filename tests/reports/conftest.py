"""Fixtures for the report tests: a phone's photo (with EXIF and GPS), the report form's data."""

import io

import pytest
from PIL import Image


def _phone_photo(width: int = 2400, height: int = 1800) -> bytes:
    """JPEG bytes as a phone writes them: a camera and a GPS position in the EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 29.0, 44.0), 3: "W", 4: (0.0, 10.0, 18.0)}
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 30)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture(name="phone_photo")
def phone_photo_fixture():
    """A function (width=2400, height=1800): a JPEG with EXIF and GPS, as bytes."""
    return _phone_photo


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
