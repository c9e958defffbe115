"""Organisers write a lobby's report: text, attendance, the target's response, photos with
consent. A refused photo saves nothing and says why next to its field."""

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from organiser.extensions import db
from organiser.photos.models import Photo
from organiser.reports.models import LobbyReport, ReportPhoto


@pytest.fixture
def logged_in(auth, organiser):
    auth.login(organiser.email)


def report_url(slug: str) -> str:
    return f"/organise/lobbies/{slug}/report"


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (LobbyReport, ReportPhoto, Photo)
        )


def test_a_report_with_a_photo_is_published_on_the_lobby_page(
    app, client, lobby, logged_in, report_form, phone_photo
):
    url = report_url(lobby)
    form_page = client.get(url).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form_page
    assert "photographer agrees to publish" in form_page
    data = report_form([(phone_photo(), "embassy.jpg", "Protesters at the gate", True)])
    sent = client.submit(url, data, content_type="multipart/form-data")
    assert sent.status_code == 302
    assert sent.headers["Location"].endswith(f"/lobbies/{lobby}#report")
    page = client.get(f"/lobbies/{lobby}").get_data(as_text=True)
    assert "handed in the protest letter" in page
    assert "The Deputy Ambassador accepted the letter." in page
    assert "25 people came." in page
    assert "Protesters at the gate" in page
    assert "Reported by Ada Organiser" in page
    with app.app_context():
        photo_id = db.session.scalar(select(ReportPhoto.photo_id))
    assert f'src="/photos/{photo_id}.jpg"' in page
    served = client.get(f"/photos/{photo_id}.jpg").data
    assert b"Exif" not in served and b"PhoneMaker" not in served
    assert not Image.open(io.BytesIO(served)).getexif()


def test_a_photo_without_the_photographers_consent_is_refused_and_nothing_saved(
    app, client, lobby, logged_in, report_form, phone_photo
):
    data = report_form([(phone_photo(), "embassy.jpg", "At the gate", False)])
    sent = client.submit(report_url(lobby), data, content_type="multipart/form-data")
    assert sent.status_code == 422
    page = sent.get_data(as_text=True)
    assert 'id="photos-0-consent-errors"' in page
    assert "Tick this to publish the photo" in page
    assert counts(app) == (0, 0, 0)


def test_one_refused_photo_saves_nothing_and_says_why_next_to_it(
    app, client, lobby, logged_in, report_form, phone_photo
):
    photos = [
        (phone_photo(), "good.jpg", "Fine", True),
        (b"%PDF-1.4 this is the letter, not a photo", "letter.jpg", "Oops", True),
    ]
    sent = client.submit(report_url(lobby), report_form(photos), content_type="multipart/form-data")
    assert sent.status_code == 422
    page = sent.get_data(as_text=True)
    errors = page.split('id="photos-1-file-errors"')[1].split("</small>")[0]
    assert "send a JPEG, PNG or WebP image" in errors
    assert 'id="photos-0-file-errors"' not in page
    assert counts(app) == (0, 0, 0)


def test_a_photo_over_the_size_limit_gets_a_clear_error_not_a_413(
    app, client, lobby, logged_in, report_form, phone_photo
):
    app.config["PHOTO_MAX_BYTES"] = 1_500_000
    big = phone_photo(800, 600) + bytes(2_000_000)  # over the app's 1 MB body limit too
    photos = [(big, "big.jpg", "", True)]
    sent = client.submit(report_url(lobby), report_form(photos), content_type="multipart/form-data")
    assert sent.status_code == 422
    assert "This photo is larger than 1.5 MB" in sent.get_data(as_text=True)
    assert counts(app) == (0, 0, 0)


def test_a_body_past_the_upload_limit_gets_the_413_page(
    app, client, lobby, logged_in, report_form, phone_photo
):
    app.config["PHOTO_UPLOAD_MAX_BYTES"] = 2_000_000
    photos = [(phone_photo(800, 600) + bytes(3_000_000), "huge.jpg", "", True)]
    sent = client.submit(report_url(lobby), report_form(photos), content_type="multipart/form-data")
    assert sent.status_code == 413
    assert "What you sent is too large." in sent.get_data(as_text=True)


def test_other_forms_keep_the_one_megabyte_body_limit(client, lobby, logged_in):
    sent = client.submit(
        f"/organise/lobbies/{lobby}/edit",
        {"title": "x" * 2_000_000},
        form_url=f"/organise/lobbies/{lobby}/edit",
    )
    assert sent.status_code == 413


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"text": ""}, "text", "Please say what happened."),
        ({"text": "x" * 10_001}, "text", "At most 10,000 characters"),
        ({"attendance": "-1"}, "attendance", "A number from 0 to 100,000."),
        ({"attendance": "100001"}, "attendance", "A number from 0 to 100,000."),
        ({"response": "x" * 2_001}, "response", "2000"),
        ({"photos-0-caption": "A caption alone"}, "photos-0-caption", "Choose the photo"),
    ],
)
def test_each_field_is_bounded_with_its_error_next_to_it(
    app, client, lobby, logged_in, report_form, changes, field, message
):
    sent = client.submit(report_url(lobby), report_form(**changes))
    assert sent.status_code == 422
    page = sent.get_data(as_text=True)
    assert message in page.split(f'id="{field}-errors"')[1].split("</small>")[0]
    assert counts(app) == (0, 0, 0)


def test_a_report_is_corrected_in_place_and_holds_at_most_six_photos(
    app, client, lobby, logged_in, report_form, phone_photo
):
    url = report_url(lobby)
    for round_ in range(2):
        photos = [
            (phone_photo(300, 200), f"{round_}-{i}.jpg", f"{round_}-{i}", True) for i in range(3)
        ]
        sent = client.submit(url, report_form(photos), content_type="multipart/form-data")
        assert sent.status_code == 302
    assert counts(app) == (1, 6, 6)
    one_more = [(phone_photo(300, 200), "7.jpg", "seventh", True)]
    sent = client.submit(url, report_form(one_more), content_type="multipart/form-data")
    assert sent.status_code == 422
    assert "at most 6 photos" in sent.get_data(as_text=True)
    assert counts(app) == (1, 6, 6)
    with app.app_context():
        first = db.session.scalars(select(ReportPhoto).order_by(ReportPhoto.position)).first()
        first_id, first_photo = first.id, first.photo_id
    # Remove one and add one in the same sending, text corrected.
    data = report_form(one_more, text="Corrected account.", remove=str(first_id))
    sent = client.submit(url, data, content_type="multipart/form-data")
    assert sent.status_code == 302
    assert counts(app) == (1, 6, 6)
    page = client.get(f"/lobbies/{lobby}").get_data(as_text=True)
    assert "Corrected account." in page and "seventh" in page and ">0-0<" not in page
    assert client.get(f"/photos/{first_photo}.jpg").status_code == 404


def test_another_organiser_gets_404_and_a_missing_token_400(
    app, client, lobby, organiser, other_organiser, auth, report_form
):
    auth.login(other_organiser.email)
    assert client.get(report_url(lobby)).status_code == 404
    sent = client.submit(report_url(lobby), report_form(), form_url="/organise/")
    assert sent.status_code == 404
    auth.logout()
    auth.login(organiser.email)
    assert client.post(report_url(lobby), data=report_form()).status_code == 400
    assert counts(app) == (0, 0, 0)


def test_an_unknown_lobby_is_404_and_a_visitor_is_sent_to_log_in(client, auth, organiser):
    assert client.get(report_url("no-such-lobby")).status_code == 302
    auth.login(organiser.email)
    assert client.get(report_url("no-such-lobby")).status_code == 404


def test_the_owner_sees_the_link_to_write_the_report_and_visitors_see_no_empty_panel(
    client, lobby, auth, organiser
):
    assert 'id="report"' not in client.get(f"/lobbies/{lobby}").get_data(as_text=True)
    auth.login(organiser.email)
    page = client.get(f"/lobbies/{lobby}").get_data(as_text=True)
    assert f'href="{report_url(lobby)}"' in page and "Write the report" in page


@pytest.mark.parametrize(
    "changes",
    [
        {"remove": "abc"},
        {"remove": "999999"},
        {"attendance": "1e9999"},
        {"photos-2000000-caption": "far away", "photos-x-file": "not a file"},
        {"photos-0-file": "a plain text field where a file goes", "photos-0-consent": "y"},
    ],
)
def test_hostile_fields_give_an_answer_never_a_500(client, lobby, logged_in, report_form, changes):
    sent = client.submit(
        report_url(lobby), report_form(**changes), content_type="multipart/form-data"
    )
    assert sent.status_code in (302, 422)


def test_a_photo_of_another_report_cannot_be_removed_through_this_one(
    app, client, campaign, lobby, make_lobby, logged_in, report_form, phone_photo
):
    other = make_lobby(campaign, title="Berlin lobby", city="Berlin", country="DE")
    photos = [(phone_photo(300, 200), "berlin.jpg", "Berlin gate", True)]
    assert (
        client.submit(
            report_url(other), report_form(photos), content_type="multipart/form-data"
        ).status_code
        == 302
    )
    with app.app_context():
        berlin_photo = db.session.scalar(select(ReportPhoto.id))
    data = report_form(remove=str(berlin_photo))
    assert (
        client.submit(report_url(lobby), data, content_type="multipart/form-data").status_code
        == 302
    )
    assert counts(app) == (2, 1, 1)
