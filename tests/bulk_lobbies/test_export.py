"""The campaign's lobbies as CSV (and .xlsx): the import's shape, safe to open in a spreadsheet,
and read back by the import into the same lobbies."""

import csv
import io
from datetime import datetime, timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from organiser.accounts.models import Organiser
from organiser.extensions import db
from organiser.lobbies import services
from organiser.lobbies.localtime import to_utc
from organiser.lobbies.models import Campaign, Lobby

COMPARED = (
    "title",
    "venue",
    "address",
    "postcode",
    "city",
    "country",
    "directions",
    "latitude",
    "longitude",
    "timezone",
    "starts_at",
    "ends_at",
    "description",
)


def described(lobby: Lobby, target_names: dict) -> tuple:
    fields = tuple(getattr(lobby, name) for name in COMPARED)
    demands = tuple(d.text for d in lobby.demands)
    return (*fields, demands, target_names.get(lobby.target_id), target_city(lobby))


def target_city(lobby: Lobby):
    return lobby.target.city if lobby.target else None


def campaign_lobbies(campaign_id: int) -> list[Lobby]:
    return list(
        db.session.scalars(
            select(Lobby).where(Lobby.campaign_id == campaign_id).order_by(Lobby.city)
        )
    )


def add_lobby(campaign_id: int, local: datetime, zone: str, demands, fold=None, end=None, **fields):
    """A lobby at a local wall time (the given one of a repeated time), an hour long unless
    end (local) is given."""
    fields.setdefault("venue", "Outside the embassy")
    fields.setdefault("address", "The street")
    return services.create_lobby(
        db.session.get(Campaign, campaign_id),
        demands,
        timezone=zone,
        starts_at=to_utc(local, zone, fold),
        ends_at=to_utc(end or local + timedelta(hours=1), zone),
        **fields,
    )


def tricky_lobbies(app, day_of_action):
    """Lobbies whose every field can trip a CSV up: a repeated hour, a lobby past midnight,
    formula-looking text, quotes, line breaks, separators, coordinates."""
    with app.app_context():
        add_lobby(
            day_of_action.id,
            datetime(2031, 10, 26, 1, 30),
            "Europe/London",
            ["@everyone: free them", "Drop the charges, now", "no list marker"],
            fold=0,
            city="London",
            country="GB",
            title='=HYPERLINK("http://evil.example","x")',
            venue='Outside "the" embassy; by the gate',
            address="33 Thurloe Square\nKensington",
            postcode="SW7 2SD",
            directions="-> South Kensington, exit 2 | then left",
            latitude=51.4975,
            longitude=-0.1719,
            description="Bring banners.\n=SUM(A1)\n+ a flask of tea",
            target_id=day_of_action.target_id,
        )
        add_lobby(  # the second 02:30 of the night Vienna's clocks go back, until past midnight
            day_of_action.id,
            datetime(2031, 10, 26, 2, 30),
            "Europe/Vienna",
            ["Release them"],
            fold=1,
            end=datetime(2031, 10, 27, 1, 0),
            city="Vienna",
            country="AT",
            title="Vigil",
        )
        add_lobby(
            day_of_action.id,
            datetime(2031, 12, 16, 14, 0),
            "Europe/Stockholm",
            [],
            city="Luleå",
            country="SE",
            title="Telia, Luleå",
            target_id=day_of_action.telia_id,
        )
        add_lobby(
            day_of_action.id,
            datetime(2031, 12, 16, 13, 0),
            "Europe/Berlin",
            ["Free them"],
            city="Berlin",
            country="DE",
            title="Berlin",
            target_id=day_of_action.berlin_target_id,
        )
        db.session.commit()


def test_export_is_the_import_shape_and_defuses_formulas(app, client, organiser, day_of_action):
    tricky_lobbies(app, day_of_action)
    client.login(organiser.email)
    response = client.get(f"/organise/campaigns/{day_of_action.slug}/lobbies.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))
    assert list(rows[0])[:8] == [
        "city",
        "country",
        "venue",
        "address",
        "postcode",
        "date",
        "start",
        "end",
    ]
    assert len(rows) == 4
    london = next(row for row in rows if row["city"] == "London")
    assert london["title"] == '\'=HYPERLINK("http://evil.example","x")'
    assert london["start"] == "01:30+01:00"  # the first of the two 01:30s
    assert london["zone"] == "Europe/London"
    assert london["target"] == "Embassy of Kazakhstan"
    assert london["demands"].splitlines()[0] == "'@everyone: free them"
    vienna = next(row for row in rows if row["city"] == "Vienna")
    assert vienna["start"] == "02:30+01:00" and vienna["end"] == "2031-10-27 01:00"
    for row in rows:
        for cell in row.values():
            for line in cell.splitlines():
                assert not line.lstrip(' "').startswith(("=", "+", "-", "@")), cell


def test_export_then_import_gives_the_same_lobbies(app, client, organiser, day_of_action, importer):
    tricky_lobbies(app, day_of_action)
    with app.app_context():
        owner = db.session.get(Organiser, organiser.id)
        copy = services.create_campaign(
            owner, name="Campaign Kazakhstan", organisation_name="Campaign Kazakhstan"
        )
        source = db.session.get(Campaign, day_of_action.id)
        for target in source.targets:
            services.create_target(
                copy, kind=target.kind, name=target.name, city=target.city, country=target.country
            )
        db.session.commit()
        copy_id, copy_slug = copy.id, copy.slug
    client.login(organiser.email)
    exported = client.get(f"/organise/campaigns/{day_of_action.slug}/lobbies.csv").data
    preview = importer.upload(copy_slug, exported)
    assert "4 lobbies" in preview.get_data(as_text=True), preview.get_data(as_text=True)
    assert importer.confirm(copy_slug, preview).status_code == 302
    with app.app_context():
        campaigns = db.session.scalars(select(Campaign))
        names = {t.id: t.name for campaign in campaigns for t in campaign.targets}
        original = [described(lobby, names) for lobby in campaign_lobbies(day_of_action.id)]
        imported = [described(lobby, names) for lobby in campaign_lobbies(copy_id)]
    assert imported == original


def test_xlsx_export_holds_the_same_cells_as_text(app, client, organiser, day_of_action):
    tricky_lobbies(app, day_of_action)
    client.login(organiser.email)
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/organise/campaigns/{day_of_action.slug}/lobbies.csv").data.decode(
                    "utf-8-sig"
                ),
                newline="",
            )
        )
    )
    response = client.get(f"/organise/campaigns/{day_of_action.slug}/lobbies.xlsx")
    assert response.status_code == 200
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.data)).active
    cells = [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert cells[0] == csv_rows[0]
    assert len(cells) == len(csv_rows)
    title = csv_rows[0].index("title")
    values = {row[title] for row in cells[1:]}
    assert '=HYPERLINK("http://evil.example","x")' in values  # a string cell, not a formula
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type in ("s", "inlineStr"), (cell.coordinate, cell.data_type)
