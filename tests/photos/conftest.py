"""Fixtures for the photo tests: images built with Pillow, the way a phone writes them."""

import io
import struct
import zlib

import pytest
from PIL import Image


def _jpeg_with_gps(width: int = 3000, height: int = 2000, orientation: int = 1) -> bytes:
    """A JPEG as a phone writes it: EXIF with a camera, an orientation and a GPS position."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = orientation  # Orientation
    gps = {1: "N", 2: (51.0, 29.0, 44.0), 3: "W", 4: (0.0, 10.0, 18.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=80)
    return out.getvalue()


@pytest.fixture(name="jpeg_with_gps")
def jpeg_with_gps_fixture():
    """A function (width=3000, height=2000, orientation=1): JPEG bytes carrying EXIF and GPS."""
    return _jpeg_with_gps


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _png_declaring(width: int, height: int) -> bytes:
    """A one-bit greyscale PNG of width x height with every row there, compressed."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(bytes(height * (1 + (width + 7) // 8)), 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", rows)
        + _png_chunk(b"IEND", b"")
    )


@pytest.fixture(name="png_declaring")
def png_declaring_fixture():
    """A function (width, height): a small PNG of that many (blank) pixels."""
    return _png_declaring


@pytest.fixture(name="png_bomb")
def png_bomb_fixture() -> bytes:
    """A 50 KB PNG that declares 20000 x 20000 pixels (a decompression bomb): every row of
    its pixels is there, compressed, so decoding it would really take that long."""
    return _png_declaring(20000, 20000)
