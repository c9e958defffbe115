"""A photo of the stamped copy with the delivery: stored clean (photos.store_photo), shown
with the delivery on the lobby page and on the board; a file that is no photo is refused next
to its field with nothing written."""

import io
import re

from PIL import Image
from sqlalchemy import func, select

from organiser.extensions import db
from organiser.letters.models import Delivery
from organiser.photos.models import Photo


def counts(app) -> tuple[int, int]:
    """How many deliveries and photos are stored."""
    with app.app_context():
        deliveries = db.session.scalar(select(func.count()).select_from(Delivery))
        photos = db.session.scalar(select(func.count()).select_from(Photo))
        return deliveries, photos


def photo_url(html: str) -> str:
    """The address of the stamped copy's photo in a page."""
    match = re.search(r'<img[^>]*src="(/photos/\d+\.jpg)"', html)
    assert match, "no photo in the page"
    return match.group(1)


def test_a_delivery_with_a_photo_shows_it_clean_on_the_lobby_page_and_the_board(
    app, owner, day, past_delivery, stamped_copy_jpeg
):
    url = f"/organise/lobbies/{day.berlin}/delivery"
    form = owner.get(url).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form
    assert "Photo of the stamped copy" in form
    sent = {**past_delivery("Europe/Berlin"), "photo": (io.BytesIO(stamped_copy_jpeg), "a.jpg")}
    done = owner.submit(url, sent, content_type="multipart/form-data")
    assert done.status_code == 302
    page = app.test_client().get(f"/lobbies/{day.berlin}").get_data(as_text=True)
    address = photo_url(page)
    assert 'alt="The stamped copy of the letter' in page
    served = app.test_client().get(address)
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    image = Image.open(io.BytesIO(served.get_data()))
    assert max(image.size) <= 1600 and not image.getexif()  # resized, no EXIF/GPS
    board = owner.get(day.board).get_data(as_text=True)
    assert f'href="{address}"' in board


def test_a_correction_keeps_the_photo_and_a_new_photo_replaces_it(
    app, owner, day, past_delivery, stamped_copy_jpeg
):
    url = f"/organise/lobbies/{day.berlin}/delivery"
    photo = {"photo": (io.BytesIO(stamped_copy_jpeg), "a.jpg")}
    owner.submit(
        url, {**past_delivery("Europe/Berlin"), **photo}, content_type="multipart/form-data"
    )
    corrected = past_delivery("Europe/Berlin", received_by="the First Secretary")
    assert owner.submit(url, corrected, content_type="multipart/form-data").status_code == 302
    page = app.test_client().get(f"/lobbies/{day.berlin}").get_data(as_text=True)
    assert "received by the First Secretary" in page
    first = photo_url(page)
    assert counts(app) == (1, 1)
    again = {**corrected, "photo": (io.BytesIO(stamped_copy_jpeg), "b.jpg")}
    assert owner.submit(url, again, content_type="multipart/form-data").status_code == 302
    page = app.test_client().get(f"/lobbies/{day.berlin}").get_data(as_text=True)
    assert photo_url(page) != first
    assert counts(app) == (1, 1)  # the replaced photo is gone from its public address
    assert app.test_client().get(first).status_code == 404


def test_a_file_that_is_no_photo_is_refused_next_to_its_field_and_nothing_is_written(
    app, owner, day, past_delivery, state_changes
):
    url = f"/organise/lobbies/{day.berlin}/delivery"
    sent = {**past_delivery("Europe/Berlin"), "photo": (io.BytesIO(b"%PDF-1.4 no"), "a.jpg")}
    refused = owner.submit(url, sent, content_type="multipart/form-data")
    assert refused.status_code == 200
    errors = re.search(
        r'<small id="photo-errors" class="field-errors">(.*?)</small>',
        refused.get_data(as_text=True),
        re.S,
    )
    assert errors and "not a photo we can read" in errors.group(1)
    assert counts(app) == (0, 0) and state_changes() == []


def test_a_photo_removed_leaves_the_delivery(app, owner, day, past_delivery, stamped_copy_jpeg):
    url = f"/organise/lobbies/{day.berlin}/delivery"
    sent = {**past_delivery("Europe/Berlin"), "photo": (io.BytesIO(stamped_copy_jpeg), "a.jpg")}
    owner.submit(url, sent, content_type="multipart/form-data")
    with app.app_context():
        db.session.delete(db.session.scalar(select(Photo)))
        db.session.commit()
        delivery = db.session.scalar(select(Delivery))
        assert delivery.photo_id is None and delivery.received_by == "the Deputy Ambassador"
    page = app.test_client().get(f"/lobbies/{day.berlin}").get_data(as_text=True)
    assert "received by the Deputy Ambassador" in page and "/photos/" not in page
