"""Photos: whatever a phone sends is stored resized, turned upright and without its EXIF, GPS
or XMP; what is not a photo, too large, or a decompression bomb is refused with a reason;
the served copy is cached by browsers for good."""

import io
import time

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage

from organiser.extensions import db
from organiser.photos.models import Photo
from organiser.photos.services import PhotoRejected, store_photo


def upload(data: bytes, filename: str = "photo.jpg", content_type: str = "image/jpeg"):
    return FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)


def stored(app, data: bytes, **kwargs) -> int:
    with app.app_context():
        photo = store_photo(upload(data, **kwargs))
        db.session.commit()
        return photo.id


def test_a_phone_photo_is_served_resized_without_exif_or_gps(app, client, jpeg_with_gps):
    original = jpeg_with_gps(3000, 2000)
    assert b"Exif\x00\x00" in original and Image.open(io.BytesIO(original)).getexif()
    photo_id = stored(app, original)
    response = client.get(f"/photos/{photo_id}.jpg")
    assert response.status_code == 200
    assert response.content_type == "image/jpeg"
    served = response.data
    assert b"Exif\x00\x00" not in served  # no APP1 EXIF segment at all
    assert b"http://ns.adobe.com/xap" not in served  # no XMP either
    assert b"PhoneMaker" not in served
    image = Image.open(io.BytesIO(served))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert "exif" not in image.info and "icc_profile" not in image.info
    assert image.size == (1600, 1067)


def test_a_photo_taken_sideways_is_stored_upright(app, client, jpeg_with_gps):
    photo_id = stored(app, jpeg_with_gps(3000, 2000, orientation=6))  # rotate 90° to view
    image = Image.open(io.BytesIO(client.get(f"/photos/{photo_id}.jpg").data))
    assert image.size == (1067, 1600)
    with app.app_context():
        photo = db.session.get(Photo, photo_id)
        assert (photo.width, photo.height) == (1067, 1600)


def test_a_small_png_with_transparency_is_kept_at_its_size_as_jpeg(app, client):
    out = io.BytesIO()
    Image.new("RGBA", (400, 300), (0, 0, 255, 128)).save(out, "PNG")
    photo_id = stored(app, out.getvalue(), filename="banner.png", content_type="image/png")
    image = Image.open(io.BytesIO(client.get(f"/photos/{photo_id}.jpg").data))
    assert (image.format, image.size, image.mode) == ("JPEG", (400, 300), "RGB")


def test_a_decompression_bomb_is_refused_quickly_without_decoding(app, png_bomb):
    assert len(png_bomb) < 100_000
    started = time.monotonic()
    with app.app_context(), pytest.raises(PhotoRejected) as refused:
        store_photo(upload(png_bomb, filename="bomb.png", content_type="image/png"))
    assert time.monotonic() - started < 2  # decoding 400 million pixels takes far longer
    assert "too many pixels" in str(refused.value)


def test_a_photo_over_the_pixel_limit_is_refused_before_decoding(app, png_declaring):
    app.config["PHOTO_MAX_PIXELS"] = 40_000_000
    with app.app_context(), pytest.raises(PhotoRejected) as refused:
        store_photo(upload(png_declaring(8000, 6000), filename="big.png"))
    assert "at most 40 megapixels" in str(refused.value)


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"%PDF-1.4 not a photo at all", "letter.jpg"),
        (b"", "empty.jpg"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00", "x.gif"),
    ],
)
def test_what_is_not_a_jpeg_png_or_webp_photo_is_refused(app, data, filename):
    with app.app_context(), pytest.raises(PhotoRejected) as refused:
        store_photo(upload(data, filename=filename))
    assert "JPEG, PNG or WebP" in str(refused.value)
    with app.app_context():
        assert db.session.query(Photo).count() == 0


def test_a_truncated_photo_is_refused(app, jpeg_with_gps):
    whole = jpeg_with_gps(800, 600)
    with app.app_context(), pytest.raises(PhotoRejected) as refused:
        store_photo(upload(whole[: len(whole) // 2]))
    assert "could not be read" in str(refused.value)


def test_a_file_over_the_size_limit_is_refused_with_the_limit(app, jpeg_with_gps):
    app.config["PHOTO_MAX_BYTES"] = 50_000
    big = jpeg_with_gps(3000, 2000) + bytes(60_000)
    with app.app_context(), pytest.raises(PhotoRejected) as refused:
        store_photo(upload(big))
    assert "larger than 0.05 MB" in str(refused.value)


def test_the_served_photo_is_cached_for_good_and_revalidated_with_its_etag(
    app, client, jpeg_with_gps
):
    photo_id = stored(app, jpeg_with_gps(800, 600))
    first = client.get(f"/photos/{photo_id}.jpg")
    assert "max-age=31536000" in first.headers["Cache-Control"]
    assert "public" in first.headers["Cache-Control"]
    etag = first.headers["ETag"]
    again = client.get(f"/photos/{photo_id}.jpg", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


@pytest.mark.parametrize("path", ["/photos/9999.jpg", "/photos/99999999999999999999.jpg"])
def test_an_unknown_photo_is_404(client, path):
    assert client.get(path).status_code == 404


def test_a_deleted_photos_id_is_never_given_to_another(app, jpeg_with_gps):
    first = stored(app, jpeg_with_gps(300, 200))
    with app.app_context():
        db.session.delete(db.session.get(Photo, first))
        db.session.commit()
    assert stored(app, jpeg_with_gps(300, 200)) != first
