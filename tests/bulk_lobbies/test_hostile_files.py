"""Hostile and broken files get a clear error or a preview: never a 500, never a partial import."""

import codecs
import secrets
from datetime import UTC, datetime

from sqlalchemy import func, select

from organiser.extensions import db
from organiser.lobbies.models import Lobby

GOOD_ROW = {
    "city": "London",
    "country": "GB",
    "venue": "Outside the embassy",
    "address": "33 Thurloe Square",
    "date": "2031-12-16",
    "start": "12:00",
    "end": "13:00",
}


def preview_text(importer, slug: str, content, filename: str = "lobbies.csv") -> str:
    response = importer.upload(slug, content, filename)
    assert response.status_code in (200, 413), response.status_code
    return response.get_data(as_text=True)


def assert_nothing_saved(app):
    with app.app_context():
        assert db.session.scalar(select(func.count(Lobby.id))) == 0


def test_a_ten_megabyte_file_is_refused_clearly(app, client, organiser, campaign, importer):
    client.login(organiser.email)
    response = importer.upload(campaign.slug, b"city,country\n" + b"x" * (10 * 1024 * 1024))
    assert response.status_code == 413
    assert "The file is larger than 1 MB" in response.get_data(as_text=True)
    assert_nothing_saved(app)


def test_a_file_just_over_the_limit_is_refused_next_to_the_field(
    app, client, organiser, campaign, importer
):
    client.login(organiser.email)
    page = preview_text(importer, campaign.slug, b"city\n" + b"x" * 1_000_001)
    assert "The file is larger than 1 MB" in page
    assert_nothing_saved(app)


def test_latin_1_is_refused_with_its_line(app, client, organiser, campaign, importer, lobbies_csv):
    client.login(organiser.email)
    text = lobbies_csv([GOOD_ROW, {**GOOD_ROW, "city": "Malmö", "country": "SE"}])
    page = preview_text(importer, campaign.slug, text.encode("latin-1"))
    assert "Line 3 is not UTF-8" in page and "CSV UTF-8" in page
    assert 'name="payload"' not in page
    assert_nothing_saved(app)


def test_utf_16_is_refused(app, client, organiser, campaign, importer, lobbies_csv):
    client.login(organiser.email)
    text = lobbies_csv([GOOD_ROW])
    for encoded in (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), text.encode("utf-16-be")):
        page = preview_text(importer, campaign.slug, encoded)
        assert "UTF-16" in page and "CSV UTF-8" in page
    assert_nothing_saved(app)


def test_a_binary_file_is_refused(app, client, organiser, campaign, importer):
    client.login(organiser.email)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    page = preview_text(importer, campaign.slug, png, "photo.png")
    assert "This is not a CSV file" in page
    xlsx = b"PK\x03\x04" + bytes(200)
    page = preview_text(importer, campaign.slug, xlsx, "lobbies.xlsx")
    assert "This is not a CSV file" in page
    assert_nothing_saved(app)


def test_ten_thousand_rows_are_refused(app, client, organiser, campaign, importer, lobbies_csv):
    client.login(organiser.email)
    short = {key: value[:2] for key, value in GOOD_ROW.items()}
    text = lobbies_csv([short] * 10_000)
    assert len(text.encode()) < 1_000_000
    page = preview_text(importer, campaign.slug, text)
    assert "more than 2,000 lobbies" in page
    assert_nothing_saved(app)


def test_empty_and_headless_files_are_refused(app, client, organiser, campaign, importer):
    client.login(organiser.email)
    assert "The file is empty" in preview_text(importer, campaign.slug, b"")
    page = preview_text(importer, campaign.slug, b"London,GB,Outside\n")
    assert "Line 1" in page and "city, country, venue, address, date, start, end" in page
    page = preview_text(importer, campaign.slug, b"city,country,venue,address,date,start,end\n")
    assert "The file has no lobbies" in page
    page = preview_text(
        importer, campaign.slug, b"city,country,venue,address,date,start,end,mood\n"
    )
    assert "Line 1: unknown column “mood”" in page
    assert_nothing_saved(app)


def test_formula_cells_are_kept_as_text_and_shown_escaped(
    app, client, organiser, campaign, importer, lobbies_csv
):
    hostile = '=HYPERLINK("http://evil.example","<b>click</b>")'
    row = {
        **GOOD_ROW,
        "title": hostile,
        "venue": "+44 20 7925 1757",
        "address": "-1 Basement, 33 Thurloe Square",
        "demands": "@everyone come | =1+1",
    }
    client.login(organiser.email)
    preview = importer.upload(campaign.slug, lobbies_csv([row]))
    page = preview.get_data(as_text=True)
    assert "&lt;b&gt;click&lt;/b&gt;" in page and "<b>click</b>" not in page
    assert importer.confirm(campaign.slug, preview).status_code == 302
    with app.app_context():
        lobby = db.session.scalar(select(Lobby))
        assert lobby.title == hostile
        assert lobby.venue == "+44 20 7925 1757"
        assert lobby.address == "-1 Basement, 33 Thurloe Square"
        assert [d.text for d in lobby.demands] == ["@everyone come", "=1+1"]


def test_cells_longer_than_the_lobby_form_allows(
    app, client, organiser, campaign, importer, lobbies_csv
):
    rows = [
        {**GOOD_ROW, "venue": "v" * 201},
        {**GOOD_ROW, "address": "a" * 501},
        {**GOOD_ROW, "city": "c" * 101},
        {**GOOD_ROW, "demands": "d" * 501},
        {**GOOD_ROW, "demands": " | ".join(["Free them"] * 31)},
        {**GOOD_ROW, "title": "t" * 201},
    ]
    client.login(organiser.email)
    page = preview_text(importer, campaign.slug, lobbies_csv(rows))
    assert "Line 2, venue: At most 200 characters" in page
    assert "Line 3, address: At most 500 characters" in page
    assert "Line 4, city: At most 100 characters" in page
    assert "Line 5, demands: Each demand must be at most 500 characters" in page
    assert "Line 6, demands: At most 30 demands" in page
    assert "Line 7, title: At most 200 characters" in page
    assert_nothing_saved(app)


def test_times_the_clocks_skip_or_repeat(app, client, organiser, campaign, importer, lobbies_csv):
    rows = [
        {**GOOD_ROW, "date": "2031-03-30", "start": "01:30", "end": "03:00"},
        {**GOOD_ROW, "date": "2031-10-26", "start": "01:30", "end": "03:00"},
    ]
    client.login(organiser.email)
    page = preview_text(importer, campaign.slug, lobbies_csv(rows))
    assert "Line 2, start: 01:30 on 30 March 2031 does not exist in Europe/London" in page
    assert "Line 3, start: 01:30 on 26 October 2031 happens twice in Europe/London" in page
    assert "01:30+01:00" in page and "01:30+00:00" in page  # how to say which
    assert_nothing_saved(app)


def test_an_offset_says_which_of_a_repeated_time(
    app, client, organiser, campaign, importer, lobbies_csv
):
    rows = [
        {**GOOD_ROW, "city": "First", "date": "2031-10-26", "start": "01:30+01:00", "end": "03:00"},
        {
            **GOOD_ROW,
            "city": "Second",
            "date": "2031-10-26",
            "start": "01:30+00:00",
            "end": "03:00",
        },
    ]
    client.login(organiser.email)
    preview = importer.upload(campaign.slug, lobbies_csv(rows))
    page = preview.get_data(as_text=True)
    assert "01:30 BST" in page and "01:30 GMT" in page
    assert importer.confirm(campaign.slug, preview).status_code == 302
    with app.app_context():
        starts = dict(db.session.execute(select(Lobby.city, Lobby.starts_at)).all())
    assert starts["First"] == datetime(2031, 10, 26, 0, 30, tzinfo=UTC)
    assert starts["Second"] == datetime(2031, 10, 26, 1, 30, tzinfo=UTC)
    wrong = [{**GOOD_ROW, "start": "12:00+02:00"}]
    page = preview_text(importer, campaign.slug, lobbies_csv(wrong))
    assert "Line 2, start: Europe/London is +00:00 then, not +02:00" in page


def test_zones_that_are_not_the_countrys(app, client, organiser, campaign, importer, lobbies_csv):
    rows = [
        {**GOOD_ROW, "city": "Paris", "country": "FR", "zone": "Asia/Tokyo"},
        {**GOOD_ROW, "city": "Chicago", "country": "US"},  # several zones: one must be given
        {**GOOD_ROW, "city": "Mars", "zone": "Mars/Olympus_Mons"},
    ]
    client.login(organiser.email)
    page = preview_text(importer, campaign.slug, lobbies_csv(rows))
    assert "Line 2, zone: Asia/Tokyo is not a time zone of France" in page
    assert "Line 3, zone: United States has several time zones: give one" in page
    assert "Line 4, zone: “Mars/Olympus_Mons” is not a time zone" in page
    assert_nothing_saved(app)


def test_ends_before_starts_too_long_and_bad_coordinates(
    app, client, organiser, campaign, importer, lobbies_csv
):
    header = [*GOOD_ROW, "latitude", "longitude"]
    rows = [
        {**GOOD_ROW, "end": "11:00"},
        {**GOOD_ROW, "end": "2031-12-30 12:00"},
        {**GOOD_ROW, "latitude": "91", "longitude": "0"},
        {**GOOD_ROW, "latitude": "nan", "longitude": "0"},
        {**GOOD_ROW, "latitude": "51.5"},
        {**GOOD_ROW, "date": "1899-01-01"},
    ]
    client.login(organiser.email)
    page = preview_text(importer, campaign.slug, lobbies_csv(rows, header=header))
    assert "Line 2, end: The end must be after the start." in page
    assert "Line 3, end: A lobby lasts at most 7 days" in page
    assert "Line 4, latitude: Between -90 and 90" in page
    assert "Line 5, latitude: “nan” is not a number" in page
    assert "Line 6, longitude: Give both latitude and longitude, or neither" in page
    assert "Line 7, date: Choose a date between" in page
    assert_nothing_saved(app)


def test_a_row_with_more_cells_than_the_header(app, client, organiser, campaign, importer):
    text = "city,country,venue,address,date,start,end\nLondon,GB,V,A,2031-12-16,12:00,13:00,oops\n"
    client.login(organiser.email)
    page = preview_text(importer, campaign.slug, text)
    assert "Line 2: 8 cells, but the header names 7 columns" in page
    assert_nothing_saved(app)


def test_a_file_too_large_to_confirm_in_one_go_asks_to_split_it(
    app, client, organiser, campaign, importer, lobbies_csv
):
    # Random addresses do not compress: the preview could not be sent back within the limits.
    rows = [{**GOOD_ROW, "address": secrets.token_urlsafe(360)} for _ in range(1700)]
    text = lobbies_csv(rows)
    assert len(text.encode()) < 1_000_000
    client.login(organiser.email)
    page = preview_text(importer, campaign.slug, text)
    assert "split it into smaller files" in page
    assert 'name="payload"' not in page
    assert_nothing_saved(app)


def test_a_cell_too_long_for_any_column(app, client, organiser, campaign, importer, lobbies_csv):
    client.login(organiser.email)
    text = lobbies_csv([GOOD_ROW, {**GOOD_ROW, "address": "x" * 200_000}])
    page = preview_text(importer, campaign.slug, text)
    assert "Line 3: a cell is longer than 131,072 characters" in page
    assert_nothing_saved(app)
