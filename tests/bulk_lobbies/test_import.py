"""Organisers import a day of action from a CSV file: a preview first, then all or nothing."""

import io
from datetime import UTC, datetime

from sqlalchemy import event, func, select

from organiser.extensions import db
from organiser.lobbies.models import Lobby


def lobby_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Lobby.id)))


def test_five_cities_import_in_one_go(
    app, client, organiser, day_of_action, importer, five_cities, lobbies_csv
):
    client.login(organiser.email)
    preview = importer.upload(day_of_action.slug, lobbies_csv(five_cities))
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "5 lobbies" in page
    assert "12:00 GMT" in page and "13:00 CET" in page and "14:00 CET" in page
    assert "Campaign Kazakhstan in Brussels" in page  # the default title
    assert lobby_count(app) == 0  # nothing saved before the organiser confirms

    done = importer.confirm(day_of_action.slug, preview)
    assert done.status_code == 302
    assert done.headers["Location"].endswith(f"/organise/campaigns/{day_of_action.slug}")
    with app.app_context():
        lobbies = {lobby.city: lobby for lobby in db.session.scalars(select(Lobby))}
        assert sorted(lobbies) == ["Berlin", "Brussels", "London", "Luleå", "Vienna"]
        london, berlin, lulea = lobbies["London"], lobbies["Berlin"], lobbies["Luleå"]
        assert london.timezone == "Europe/London" and berlin.timezone == "Europe/Berlin"
        assert london.starts_at == datetime(2031, 12, 16, 12, 0, tzinfo=UTC)
        assert berlin.starts_at == datetime(2031, 12, 16, 12, 0, tzinfo=UTC)
        assert berlin.ends_at == datetime(2031, 12, 16, 13, 30, tzinfo=UTC)
        assert berlin.country == "DE" and berlin.title == "Berlin steht zusammen"
        assert london.target_id == day_of_action.target_id  # same name: the one in its city
        assert berlin.target_id == day_of_action.berlin_target_id
        assert lobbies["Brussels"].target_id is None
        assert lobbies["Vienna"].title == "Campaign Kazakhstan in Vienna"
        assert lulea.target_id == day_of_action.telia_id and lulea.timezone == "Europe/Stockholm"
        assert [d.text for d in lulea.demands] == [
            "Stop the cuts",
            "Reinstate the strikers",
            "Pay the oil workers",
        ]
        assert [d.text for d in london.demands] == ["Release all political prisoners!"]
    campaign_page = client.get(f"/organise/campaigns/{day_of_action.slug}").get_data(as_text=True)
    assert "Luleå" in campaign_page


def test_one_bad_row_refuses_the_whole_file_and_names_its_line(
    app, client, organiser, day_of_action, importer, five_cities, lobbies_csv
):
    five_cities[3]["zone"] = "Europe/Vienn"  # line 5: the header is line 1
    client.login(organiser.email)
    preview = importer.upload(day_of_action.slug, lobbies_csv(five_cities))
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "Line 5" in page and "“Europe/Vienn” is not a time zone" in page
    assert 'name="payload"' not in page  # nothing to confirm
    assert lobby_count(app) == 0


def test_errors_are_named_by_line_and_column(
    app, client, organiser, day_of_action, importer, five_cities, lobbies_csv
):
    five_cities[0]["target"] = "Embassy of Atlantis"
    five_cities[1]["country"] = "Prussia"
    five_cities[2]["venue"] = ""
    five_cities[3]["date"] = "31/12/2031"
    five_cities[4]["start"] = "25:00"
    client.login(organiser.email)
    page = importer.upload(day_of_action.slug, lobbies_csv(five_cities)).get_data(as_text=True)
    for line, column, message in [
        (2, "target", "No target of this campaign is called “Embassy of Atlantis”"),
        (3, "country", "“Prussia” is not a country"),
        (4, "venue", "Please give the venue."),
        (5, "date", "Write the date as 2031-12-16"),
        (6, "start", "“25:00” is not a time"),
    ]:
        assert f"Line {line}, {column}: {message}" in page, (line, column)
    assert "5 of 5 lobbies have errors" in page


def test_semicolons_and_a_byte_order_mark_as_excel_writes_them(
    app, client, organiser, day_of_action, importer, five_cities, lobbies_csv
):
    five_cities[0]["demands"] = "Free them; all of them"
    text = "\ufeff" + lobbies_csv(five_cities, delimiter=";").replace("\n", "\r\n")
    client.login(organiser.email)
    preview = importer.upload(day_of_action.slug, text.encode("utf-8"))
    assert "5 lobbies" in preview.get_data(as_text=True)
    assert importer.confirm(day_of_action.slug, preview).status_code == 302
    with app.app_context():
        london = db.session.scalar(select(Lobby).where(Lobby.city == "London"))
        assert [d.text for d in london.demands] == ["Free them; all of them"]
        assert db.session.scalar(select(func.count(Lobby.id))) == 5


def test_confirming_twice_imports_once(
    app, client, organiser, day_of_action, importer, five_cities, lobbies_csv
):
    client.login(organiser.email)
    preview = importer.upload(day_of_action.slug, lobbies_csv(five_cities))
    assert importer.confirm(day_of_action.slug, preview).status_code == 302
    assert importer.confirm(day_of_action.slug, preview).status_code == 302  # a double click
    assert lobby_count(app) == 5


def test_a_tampered_preview_saves_nothing(
    app, client, organiser, day_of_action, importer, five_cities, lobbies_csv
):
    client.login(organiser.email)
    preview = importer.upload(day_of_action.slug, lobbies_csv(five_cities))
    payload = importer.confirm_fields(preview)["payload"]
    response = importer.confirm(day_of_action.slug, preview, payload=payload[:-3] + "AAA")
    assert response.status_code == 400
    assert "upload the file again" in response.get_data(as_text=True)
    assert lobby_count(app) == 0


def test_the_preview_is_checked_again_on_confirm(
    app, client, organiser, day_of_action, importer, five_cities, lobbies_csv
):
    client.login(organiser.email)
    preview = importer.upload(day_of_action.slug, lobbies_csv(five_cities))
    edit = f"/organise/targets/{day_of_action.telia_id}/edit"
    renamed = client.submit(
        edit, {"kind": "company", "name": "Telia Company", "city": "Luleå", "country": "SE"}
    )
    assert renamed.status_code == 302
    response = importer.confirm(day_of_action.slug, preview)
    assert response.status_code == 200
    assert "Line 6, target: No target of this campaign is called “Telia”" in response.get_data(
        as_text=True
    )
    assert lobby_count(app) == 0


def test_a_failure_while_saving_rolls_back_every_row(
    app, client, organiser, day_of_action, importer, five_cities, lobbies_csv
):
    def refuse_vienna(_mapper, _connection, lobby):
        if lobby.city == "Vienna":
            raise RuntimeError("the database refused Vienna")

    client.login(organiser.email)
    preview = importer.upload(day_of_action.slug, lobbies_csv(five_cities))
    event.listen(Lobby, "before_insert", refuse_vienna)
    try:
        response = importer.confirm(day_of_action.slug, preview)
    finally:
        event.remove(Lobby, "before_insert", refuse_vienna)
    assert response.status_code == 500
    assert "Nothing you sent was half-saved" in response.get_data(as_text=True)
    assert lobby_count(app) == 0


def test_without_a_csrf_token_the_upload_and_the_confirm_are_refused(
    app, client, organiser, day_of_action, importer, five_cities, lobbies_csv
):
    client.login(organiser.email)
    url = importer.page(day_of_action.slug)
    upload = client.post(
        url,
        data={"file": (io.BytesIO(lobbies_csv(five_cities).encode()), "lobbies.csv")},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 400
    preview = importer.upload(day_of_action.slug, lobbies_csv(five_cities))
    fields = importer.confirm_fields(preview)
    del fields["csrf_token"]
    assert client.post(f"{url}/confirm", data=fields).status_code == 400
    assert lobby_count(app) == 0


def test_another_organisers_campaign_is_not_found(
    app, client, auth, organiser, other_organiser, day_of_action, importer, five_cities, lobbies_csv
):
    client.login(organiser.email)
    preview = importer.upload(day_of_action.slug, lobbies_csv(five_cities))
    fields = importer.confirm_fields(preview)
    auth.logout()
    client.login(other_organiser.email)
    url = importer.page(day_of_action.slug)
    assert client.get(url).status_code == 404
    token = client.token("/organise/")
    upload = client.post(
        url,
        data={"csrf_token": token, "file": (io.BytesIO(b"city\n"), "lobbies.csv")},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 404
    confirm = client.post(f"{url}/confirm", data={**fields, "csrf_token": token})
    assert confirm.status_code == 404
    for export in ("lobbies.csv", "lobbies.xlsx"):
        assert client.get(f"/organise/campaigns/{day_of_action.slug}/{export}").status_code == 404
    assert client.get("/organise/campaigns/no-such-campaign/lobbies/import").status_code == 404
    assert lobby_count(app) == 0


def test_the_organisers_campaign_page_links_import_and_export(client, organiser, day_of_action):
    client.login(organiser.email)
    page = client.get(f"/organise/campaigns/{day_of_action.slug}").get_data(as_text=True)
    assert f"/organise/campaigns/{day_of_action.slug}/lobbies/import" in page
    assert f"/organise/campaigns/{day_of_action.slug}/lobbies.csv" in page


def test_no_file_chosen(client, organiser, campaign, importer):
    client.login(organiser.email)
    response = client.submit(importer.page(campaign.slug), {})
    assert response.status_code == 200
    assert "Choose a CSV file." in response.get_data(as_text=True)


def test_a_preview_confirms_only_into_its_own_campaign(
    app, client, organiser, day_of_action, importer, five_cities, lobbies_csv
):
    client.login(organiser.email)
    other = client.submit("/organise/campaigns/new", {
        "name": "Another campaign", "organisation_name": "Us"
    })  # fmt: skip
    assert other.status_code == 302
    preview = importer.upload(day_of_action.slug, lobbies_csv(five_cities))
    response = importer.confirm("another-campaign", preview)
    assert response.status_code == 400
    assert "upload the file again" in response.get_data(as_text=True)
    assert lobby_count(app) == 0


def test_one_lobby_reads_as_one(
    client, organiser, day_of_action, importer, five_cities, lobbies_csv
):
    client.login(organiser.email)
    preview = importer.upload(day_of_action.slug, lobbies_csv(five_cities[:1]))
    page = preview.get_data(as_text=True)
    assert "1 lobby, ready to save" in page and "Save this lobby" in page
    done = importer.confirm(day_of_action.slug, preview)
    assert "1 lobby added." in client.get(done.headers["Location"]).get_data(as_text=True)
