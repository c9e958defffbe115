"""The signatures CSV runs no formula in any spreadsheet: however a program splits it (comma,
semicolon as in European locales, tab, bar, line breaks; with or without honouring quotes), no
cell it makes starts with a formula character, in any column."""

import csv
import io

from sqlalchemy import update

from organiser.extensions import db
from organiser.petitions.models import Signature

FORMULA = ("=", "+", "-", "@")
SEPARATORS = [",", ";", "\t", "|"]
HOSTILE = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "x;=1+1",
    "x,=1+1",
    "x|=1+1",
    "x\t=1+1",
    "x; =1+1",
    'x;"=1+1',
    "x;'=1+1",
    "x\r\n=1+1",
    "x\n@SUM(A1)",
    "x;-1;+1,@A1|=B2",
]
SHORT = ["=1", "+1", "-1", "@A", ";=", ",+", "|-", "\t@"]  # the country column holds two


def signatures_with(app, client, petition, smtp, form: dict) -> list[int]:
    """One confirmed signature per hostile value, that value in every free-text column (as if
    stored before any check, or by a future import): their ids."""
    for i in range(len(HOSTILE)):
        client.submit(f"/petitions/{petition.slug}", {**form, "email": f"s{i}@example.org"})
    for message in smtp.wait_for(len(HOSTILE)):
        client.get(smtp.links(message)["confirm"])
    with app.app_context():
        ids = list(db.session.scalars(db.select(Signature.id).order_by(Signature.id)))
        for i, (signature_id, value) in enumerate(zip(ids, HOSTILE, strict=True)):
            db.session.execute(
                update(Signature)
                .where(Signature.id == signature_id)
                .values(name=value, email=value, city=value, country=SHORT[i % len(SHORT)])
            )
        db.session.commit()
    return ids


def test_no_split_of_the_csv_makes_a_formula_cell(
    app, client, organiser, petition, smtp, sign_form
):
    app.config["SIGN_RATE_LIMIT"] = "1000 per hour"
    signatures_with(app, client, petition, smtp, sign_form)
    client.login(organiser.email)
    text = client.get(f"/organise/petitions/{petition.slug}/signatures.csv").data.decode()
    text = text.removeprefix("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for separator in SEPARATORS:
        for line in lines:
            for cell in line.split(separator):  # a program that ignores quotes
                assert not cell.strip(' "').startswith(FORMULA), (separator, line, cell)
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=separator):
            for cell in row:  # one that honours them
                assert not cell.strip().startswith(FORMULA), (separator, row, cell)

    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert len(rows) == len(HOSTILE)
    for row, value in zip(rows, HOSTILE, strict=True):  # only apostrophes were added
        for cell in row[:3]:
            assert cell.replace("'", "") == value.replace("'", ""), (cell, value)
