"""Organisers: open and edit petitions, paper signatures, invalidation, CSV export, commands."""

import csv
import io
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from organiser.extensions import db
from organiser.petitions import signing
from organiser.petitions.models import Petition, Signature, SignatureCount


def add_signature(app, petition, email, confirmed=True, **fields):
    """A signature straight through the service, confirmed unless told otherwise."""
    with app.app_context():
        p = db.session.get(Petition, petition.id)
        values = {"name": "Signer", "email": email, "city": "Paris", "country": "FR", **fields}
        result = signing.sign(p, values, fields.pop("ip", "192.0.2.1"), timedelta(minutes=10))
        if confirmed:
            signing.confirm(db.session.get(Signature, result.signature_id))
        db.session.commit()
        return result.signature_id


def test_organiser_opens_a_petition_and_lobbies_link_to_it(
    app, client, organiser, campaign, make_lobby
):
    lobby_slug = make_lobby(campaign)
    client.login(organiser.email)
    new_url = f"/organise/campaigns/{campaign.slug}/petitions/new"
    bad = client.submit(new_url, {"title": "", "text": "x", "target_id": "0", "goal": "0"})
    assert "Please give a title." in bad.get_data(as_text=True)
    assert "Between 1 and 100,000,000." in bad.get_data(as_text=True)
    made = client.submit(
        new_url,
        {
            "title": "Release Roza Tuletayeva",
            "text": "We ask the Ambassador to pass on our call.",
            "target_id": str(campaign.target_id),
            "goal": "5000",
            "status": "open",
        },
    )
    assert made.status_code == 302
    public = client.get("/petitions/release-roza-tuletayeva").get_data(as_text=True)
    assert "To: Embassy of Kazakhstan, the Ambassador" in public
    assert "release-roza-tuletayeva" in client.get(f"/lobbies/{lobby_slug}").get_data(True)
    assert "Release Roza" in client.get(f"/campaigns/{campaign.slug}").get_data(True)
    assert "Release Roza" in client.get(f"/organise/campaigns/{campaign.slug}").get_data(True)

    edit_url = "/organise/petitions/release-roza-tuletayeva/edit"
    form = {"title": "Release Roza Tuletayeva", "text": "x", "target_id": "0", "goal": "10"}
    closed = client.submit(edit_url, {**form, "status": "closed"})
    assert closed.status_code == 302
    page = client.get("/petitions/release-roza-tuletayeva").get_data(as_text=True)
    assert "not taking signatures" in page
    assert 'id="sign"' not in page
    assert "release-roza-tuletayeva" not in client.get(f"/lobbies/{lobby_slug}").get_data(True)


def test_another_organiser_cannot_see_edit_or_export(app, client, other_organiser, petition):
    client.login(other_organiser.email)
    for url in ("", "/edit", "/signatures.csv"):
        assert client.get(f"/organise/petitions/{petition.slug}{url}").status_code == 404
    assert client.get("/organise/campaigns/campaign-kazakhstan/petitions/new").status_code == 404
    anonymous = app.test_client().get(f"/organise/petitions/{petition.slug}/signatures.csv")
    assert anonymous.status_code == 302  # to the login page


def test_csv_export_defuses_formulas(app, client, organiser, petition):
    names = ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", 'Quote "me", ok']
    ids = [add_signature(app, petition, f"s{i}@example.org") for i in range(len(names))]
    with app.app_context():  # as if entered before any check, or by a future import
        for signature_id, name in zip(ids, names, strict=True):
            db.session.execute(
                update(Signature).where(Signature.id == signature_id).values(name=name)
            )
        db.session.execute(update(Signature).where(Signature.id == ids[5]).values(city="=X()"))
        db.session.commit()
    client.login(organiser.email)
    response = client.get(f"/organise/petitions/{petition.slug}/signatures.csv")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))
    assert parsed[0][:2] == ["name", "email"]
    names = [row[0] for row in parsed[1:]]
    assert names == ["'=1+1", "'+cmd", "'-2", "'@SUM(A1)", "'\tx", "'\rx", 'Quote "me", ok']
    assert parsed[6][2] == "'=X()"
    assert b'"Quote ""me"", ok"' in response.data  # RFC 4180 quoting
    assert b"\r\n" in response.data


def test_paper_signatures_count_and_are_marked(app, client, organiser, petition, count):
    client.login(organiser.email)
    url = f"/organise/petitions/{petition.slug}/paper"
    page = f"/organise/petitions/{petition.slug}"
    bad = client.submit(url, {"name": "@bad"}, form_url=page)
    assert bad.status_code == 422
    assert "A name cannot start with" in bad.get_data(as_text=True)
    ok = client.submit(url, {"name": "Dana Paper", "city": "Almaty", "country": "KZ"}, page)
    assert ok.status_code == 302
    assert count(petition) == 1
    export = client.get(f"/organise/petitions/{petition.slug}/signatures.csv").data.decode()
    assert "Dana Paper,,Almaty,KZ,paper" in export


def test_invalidation_by_domain_ip_and_time_and_the_count_follows(
    app, client, organiser, petition, count, counted_rows
):
    add_signature(app, petition, "a@spam.example")
    add_signature(app, petition, "b@SPAM.example")
    add_signature(app, petition, "c@good.example", ip="198.51.100.7")
    add_signature(app, petition, "d@good.example")
    add_signature(app, petition, "e@spam.example", confirmed=False)
    assert count(petition) == 4
    client.login(organiser.email)
    url = f"/organise/petitions/{petition.slug}/invalidate"
    page = f"/organise/petitions/{petition.slug}"
    assert client.submit(url, {}, form_url=page).status_code == 422
    bad_ip = client.submit(url, {"ip": "999.1.1.1"}, form_url=page).get_data(as_text=True)
    assert "That is not an IP address." in bad_ip
    done = client.submit(url, {"domain": "spam.example"}, form_url=page, follow_redirects=True)
    assert "3 signatures invalidated." in done.get_data(as_text=True)
    assert count(petition) == 2
    client.submit(url, {"ip": "198.51.100.7"}, form_url=page)
    assert count(petition) == 1
    later = (datetime.now(UTC) - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    client.submit(url, {"since": later}, form_url=page)
    assert count(petition) == 0 == counted_rows(petition)


def test_recount_repairs_the_counter(app, runner, petition, count):
    add_signature(app, petition, "a@example.org")
    add_signature(app, petition, "b@example.org")
    with app.app_context():
        db.session.execute(update(SignatureCount).values(count=7))
        db.session.commit()
    assert count(petition) == 16 * 7
    result = runner.invoke(args=["recount-signatures"])
    assert result.exit_code == 0, result.output
    assert "free-the-zhanaozen-oil-workers: 2 repaired (was 112)" in result.output
    assert count(petition) == 2
    assert "2 ok" in runner.invoke(args=["recount-signatures"]).output


def test_anonymise_strips_personal_data_after_closing(
    app, runner, campaign, count, make_petition, rows
):
    long_closed = make_petition(campaign, title="Old")
    still_fresh = make_petition(campaign, title="Recent")
    add_signature(app, long_closed, "old@example.org", name="Old Name")
    with app.app_context():
        db.session.execute(
            update(Petition)
            .where(Petition.id == long_closed.id)
            .values(status="closed", closes_at=datetime.now(UTC) - timedelta(days=400))
        )
        db.session.commit()
    add_signature(app, still_fresh, "new@example.org", name="New Name")
    month_old = add_signature(app, still_fresh, "month@example.org", ip="198.51.100.9")
    with app.app_context():
        db.session.execute(
            update(Signature)
            .where(Signature.id == month_old)
            .values(created_at=datetime.now(UTC) - timedelta(days=31))
        )
        db.session.commit()
    result = runner.invoke(args=["anonymise-signatures", "--months", "6"])
    assert result.exit_code == 0, result.output
    assert "IP addresses cleared: 1." in result.output  # older than SIGNATURE_IP_DAYS (30)
    assert rows(id=month_old)[0].ip is None
    assert "old: 1 signatures anonymised." in result.output
    old, new = rows(petition_id=long_closed.id)[0], rows(email="new@example.org")[0]
    assert (old.name, old.email, old.email_key, old.ip) == ("", None, None, None)
    assert old.city == "Paris" and old.confirmed_at is not None
    assert count(long_closed) == 1  # still counted
    assert new.email == "new@example.org" and new.ip == "192.0.2.1"
