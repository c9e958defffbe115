"""Signing through the form, confirming by the emailed link (real SMTP), withdrawing."""

import time
from datetime import UTC, datetime, timedelta

import pytest

from organiser import jobs


@pytest.fixture
def sign(sign_form):
    """A function (client, petition, **changes): post the sign form as a browser does."""
    return lambda client, petition, **changes: client.submit(
        f"/petitions/{petition.slug}", {**sign_form, **changes}
    )


def test_sign_confirm_by_email_and_withdraw(
    client, petition, smtp, app, count, rows, shown_count, sign
):
    assert shown_count(client.get(f"/petitions/{petition.slug}").get_data(True)) == 0

    response = sign(client, petition)
    assert response.status_code == 302
    assert "check-email" in response.headers["Location"]
    message = smtp.wait_for(1)[0]
    assert message["To"] == "Aigerim@example.org"  # as typed, normalised by email-validator
    assert "Please confirm" in message["Subject"]
    assert count(petition) == 0  # unconfirmed never counted
    assert shown_count(client.get(f"/petitions/{petition.slug}").get_data(True)) == 0

    links = smtp.links(message)
    confirmed = client.get(links["confirm"])
    assert confirmed.status_code == 200
    assert "your signature is confirmed" in confirmed.get_data(as_text=True)
    page = client.get(f"/petitions/{petition.slug}").get_data(as_text=True)
    assert shown_count(page) == 1
    assert "aigerim@example.org" not in page.lower()  # emails never shown publicly

    again = client.get(links["confirm"])  # opening the link twice counts once
    assert "already confirmed" in again.get_data(as_text=True)
    assert count(petition) == 1

    assert "Withdraw my signature" in client.get(links["withdraw"]).get_data(as_text=True)
    assert count(petition) == 1  # a GET (mail scanner) withdraws nothing
    withdrawn = client.submit(links["withdraw"], {})
    assert "withdrawn" in withdrawn.get_data(as_text=True)
    assert count(petition) == 0
    assert len(rows()) == 0
    assert client.get(links["confirm"]).status_code == 404  # the signature is gone


def test_same_email_again_is_the_same_signature(client, petition, smtp, app, count, rows, sign):
    sign(client, petition)
    smtp.wait_for(1)
    sign(client, petition, email="aigerim@example.org", name="A. Example")
    jobs.wait_idle()
    assert len(smtp.messages) == 1  # a fresh email only after CONFIRM_RESEND_MINUTES
    assert len(rows()) == 1

    app.config["CONFIRM_RESEND_MINUTES"] = 0
    response = sign(client, petition, email="AIGERIM@example.org ")
    assert response.status_code == 302
    second = smtp.wait_for(2)[1]
    assert "Please confirm" in second["Subject"]
    client.get(smtp.links(second)["confirm"])
    assert count(petition) == 1

    sign(client, petition)
    third = smtp.wait_for(3)[2]
    assert "You have signed" in third["Subject"]  # told so, by email, not on the page
    assert len(rows()) == 1


def test_forged_and_expired_links_get_a_clear_page(client, petition, smtp, app, count, sign):
    sign(client, petition)
    link = smtp.links(smtp.wait_for(1)[0])["confirm"]
    forged = client.get(link[:-3] + "abc")
    assert forged.status_code == 400
    assert "This link is not valid" in forged.get_data(as_text=True)
    assert client.get("/petitions/confirm/nonsense").status_code == 400

    app.config["CONFIRM_TOKEN_DAYS"] = -1
    expired = client.get(link)
    assert expired.status_code == 400
    assert "This link has expired" in expired.get_data(as_text=True)
    assert count(petition) == 0


def test_failed_send_is_retried_and_the_signature_kept(client, petition, smtp, app, rows, sign):
    smtp.fail_next = 2
    sign(client, petition)
    message = smtp.wait_for(1)[0]
    assert "Please confirm" in message["Subject"]
    assert len(rows()) == 1


def test_form_errors_are_clear(client, petition, smtp, app, rows, sign):
    response = sign(client, petition, name="=HYPERLINK(1)", email="not-an-email", consent="")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "A name cannot start with =, +, - or @." in page
    assert "That is not an email address." in page
    assert "Please agree to the privacy notice" in page
    url_name = sign(client, petition, name="Buy now www.spam.example").get_data(as_text=True)
    assert "A name cannot contain a web address." in url_name
    too_long = sign(client, petition, name="x" * 101).get_data(as_text=True)
    assert "Field cannot be longer than 100 characters." in too_long
    jobs.wait_idle()
    assert smtp.messages == []
    assert len(rows()) == 0


def test_honeypot_stores_nothing(client, petition, smtp, app, rows, sign):
    response = sign(client, petition, website="http://spam.example")
    assert response.status_code == 302  # the bot is told nothing
    jobs.wait_idle()
    assert smtp.messages == []
    assert len(rows()) == 0


def test_missing_csrf_is_400_and_unknown_petition_404(client, petition, sign_form):
    assert client.post(f"/petitions/{petition.slug}", data=sign_form).status_code == 400
    assert client.get("/petitions/no-such-petition").status_code == 404


def test_without_mail_server_the_mail_goes_to_instance_folder(
    client, petition, app, tmp_path, sign
):
    app.config["MAIL_SERVER"] = ""
    app.instance_path = str(tmp_path)
    sign(client, petition)
    jobs.wait_idle()
    files = list((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 1
    assert "/petitions/confirm/" in files[0].read_text()


def test_breakdowns_are_computed_in_the_background(app, client, petition, smtp, shown_count, sign):
    app.config["PETITION_STATS_SECONDS"] = 1
    url = f"/petitions/{petition.slug}"
    assert "being prepared" in client.get(url).get_data(as_text=True)
    jobs.wait_idle()
    assert "No public names yet." in client.get(url).get_data(as_text=True)
    sign(client, petition, show_name="y")
    client.get(smtp.links(smtp.wait_for(1)[0])["confirm"])
    # Until the breakdowns have been refreshed in the background (after at most a second, then
    # the job) pages show the old ones, but always the exact count.
    deadline = time.monotonic() + 30
    while "No public names yet." in (page := client.get(url).get_data(as_text=True)):
        assert shown_count(page) == 1  # the count never waits for the breakdowns
        assert time.monotonic() < deadline, "the breakdowns were never refreshed"
        jobs.wait_idle()
        time.sleep(0.05)
    assert shown_count(page) == 1
    assert "Other countries: 1" in page  # one signer: counted, the country not named
    assert "Aigerim Example, London" in page


def test_the_page_says_when_a_petition_opens_or_closed(
    app, client, campaign, petition, make_petition, rows, sign_form
):
    now = datetime.now(UTC)
    later = make_petition(campaign, title="Not yet", opens_at=now + timedelta(days=3))
    ended = make_petition(campaign, title="Ended", closes_at=now - timedelta(days=2))
    page = client.get(f"/petitions/{later.slug}").get_data(as_text=True)
    opens = (now + timedelta(days=3)).strftime("%-d %B %Y")
    assert f"not taking signatures yet: it opens on {opens}." in page
    assert 'id="sign"' not in page
    page = client.get(f"/petitions/{ended.slug}").get_data(as_text=True)
    closed = (now - timedelta(days=2)).strftime("%-d %B %Y")
    assert f"closed on {closed} and is not taking signatures: its count is final." in page

    token = client.token(f"/petitions/{petition.slug}")  # the session's token, from an open one
    for shut in (later, ended):  # a form posted anyway (a page kept open) is refused
        response = client.post(f"/petitions/{shut.slug}", data={**sign_form, "csrf_token": token})
        assert response.status_code == 409
        assert "is not taking signatures" in response.get_data(as_text=True)
    assert rows() == []
