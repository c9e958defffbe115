"""Storing a photo: read only what Pillow can read safely, then a clean, bounded JPEG.

Whatever is uploaded is decoded by Pillow (JPEG, PNG or WebP only) after its size in bytes
and its declared pixels are checked against limits, so a decompression bomb is refused from
its header alone. The photo is turned upright (EXIF orientation), shrunk to at most
PHOTO_LONG_SIDE pixels on its long side, converted to sRGB, and written as a new JPEG that
carries no EXIF, GPS, XMP, ICC profile or comment: nothing about the phone, or where it was.
"""

import io
import warnings
from dataclasses import dataclass

from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from werkzeug.datastructures import FileStorage

from organiser.extensions import db
from organiser.photos.models import Photo

FORMATS = ("JPEG", "PNG", "WEBP")
NOT_A_PHOTO = _l("This is not a photo we can read: send a JPEG, PNG or WebP image.")


class PhotoRejected(ValueError):
    """An upload that is not stored; its message says why, for the form field."""


@dataclass(frozen=True)
class CleanPhoto:
    """A photo ready to store: JPEG bytes without metadata, and its size."""

    data: bytes
    width: int
    height: int


class WatchedBytes(io.BytesIO):
    """The upload's bytes, noting whether the decoder asked for more than there was: a file
    cut short (WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process, so
    Pillow would fill the missing part with grey instead of saying so)."""

    watching = False
    ran_out = False

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        if self.watching and size != 0 and not chunk:
            self.ran_out = True
        return chunk


def megabytes(size: int) -> str:
    """A byte count as people read a file size: 10 MB, 0.5 MB (in the reader's language)."""
    return _("%(num)s MB", num=format_decimal(round(size / 1_000_000, 3)))


def read_upload(upload: FileStorage, limit: int) -> bytes:
    """The uploaded bytes, refused past limit (read no further than limit + 1 bytes)."""
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise PhotoRejected(
            _(
                "This photo is larger than %(size)s: send a smaller copy "
                "(phones offer one when sharing).",
                size=megabytes(limit),
            )
        )
    return data


def opened(data: WatchedBytes, max_pixels: int) -> Image.Image:
    """The image, its header read but nothing decoded; refused if not a photo or if it has
    more than max_pixels (Pillow's own bomb check, far higher, refuses the worst first)."""

    def too_many() -> PhotoRejected:
        return PhotoRejected(
            _(
                "This image has too many pixels: send a photo of at most %(num)s megapixels.",
                num=format_decimal(max_pixels // 1_000_000),
            )
        )

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(data, formats=FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_many() from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise PhotoRejected(str(NOT_A_PHOTO)) from error
    if image.width * image.height > max_pixels:
        raise too_many()
    return image


def in_srgb(image: Image.Image) -> Image.Image:
    """The image converted to sRGB if it carries another colour profile (a phone's Display
    P3), so dropping the profile keeps its colours; unchanged if the profile is unusable."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"))
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def flattened(image: Image.Image) -> Image.Image:
    """RGB pixels only: transparency laid on white, palettes and greys expanded."""
    if image.mode in ("RGBA", "LA", "P", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")


def clean_photo(upload: FileStorage) -> CleanPhoto:
    """The upload as a clean JPEG, or PhotoRejected with the reason."""
    config = current_app.config
    data = WatchedBytes(read_upload(upload, config["PHOTO_MAX_BYTES"]))
    image = opened(data, config["PHOTO_MAX_PIXELS"])
    data.watching = True
    long_side = config["PHOTO_LONG_SIDE"]
    try:
        image.draft("RGB", (long_side, long_side))  # JPEG: decode at a reduced scale
        image.load()
        if data.ran_out:
            raise OSError("image file is truncated")
        image = ImageOps.exif_transpose(image)
        image = flattened(in_srgb(image))
        image.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise PhotoRejected(
            _("This photo could not be read (the file may be cut short): send it again.")
        ) from error
    clean = Image.new("RGB", image.size)  # a new image: none of the original's info
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=config["PHOTO_JPEG_QUALITY"], optimize=True)
    return CleanPhoto(out.getvalue(), clean.width, clean.height)


def add_photo(clean: CleanPhoto) -> Photo:
    """Store a cleaned photo (added and flushed, not committed)."""
    photo = Photo(
        data=clean.data, content_type="image/jpeg", width=clean.width, height=clean.height
    )
    db.session.add(photo)
    db.session.flush()
    return photo


def store_photo(upload: FileStorage) -> Photo:
    """Store an uploaded photo, cleaned (added and flushed); PhotoRejected if it cannot be."""
    return add_photo(clean_photo(upload))
