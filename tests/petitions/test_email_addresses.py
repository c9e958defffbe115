"""One mailbox is one signer however its address is spelled, and mail goes to that one mailbox:
only a bare address is taken, normalised, and the only recipient of its email."""

import pytest

from organiser import jobs
from organiser.mail import send_message

MAILBOX = "aigerim@example.org"
SPELLINGS = [
    "aigerim@example.org",
    "AIGERIM@EXAMPLE.ORG",
    "  Aigerim@Example.Org  ",
    "aigerim@EXAMPLE.org",
    "aigerim@ｅｘａｍｐｌｅ．ｏｒｇ",  # a full-width domain
]
UNICODE_DOMAIN = "aigerim@bücher.example"
SAME_UNICODE_DOMAIN = ["aigerim@xn--bcher-kva.example", "Aigerim@BÜCHER.example"]
NOT_A_BARE_ADDRESS = [
    "Aigerim <aigerim@example.org>",
    "Aigerim<aigerim@example.org>",
    "<aigerim@example.org>",
    "aigerim@example.org(Aigerim)",
    "aigerim@example.org (Aigerim)",
    "(Aigerim)aigerim@example.org",
    '"aigerim"@example.org',
    '"aigerim@example.org"',
    "aigerim@example.org.",
    "aigerim.@example.org",
    "aigerim@example.org,",
    "aigerim@example.org,other",
    "other,aigerim@example.org",
    "aigerim@example.org;other",
    "aigerim@example.org\r\nBcc: other@example.org",
    "aigerim@example.org\nother",
    "aigerim@example.org\rother",
    "aigerim@[127.0.0.1]",
    "aigerim@localhost",
    # A local part in Unicode needs SMTPUTF8, which many servers lack: it could not be mailed.
    "ü@example.org",
    "δοκιμή@παράδειγμα.δοκιμή",
    "a" * 65 + "@example.org",  # past RFC 5321's 64 octets before the @
]


@pytest.fixture(autouse=True)
def many_signings(app):
    """Each test signs more often than one address may in an hour."""
    app.config["SIGN_RATE_LIMIT"] = "1000 per hour"


@pytest.fixture
def sign(client, petition, sign_form):
    """A function (email, **changes): post the sign form as a browser does, with this email."""
    url = f"/petitions/{petition.slug}"
    return lambda email, **changes: client.submit(url, {**sign_form, "email": email, **changes})


def test_every_spelling_of_one_mailbox_is_one_signature_one_count_one_email(
    client, petition, smtp, sign, rows, count
):
    for spelling in SPELLINGS:
        assert sign(spelling).status_code == 302, spelling
    for spelling in NOT_A_BARE_ADDRESS:  # refused with the reason, before anything is stored
        response = sign(spelling)
        assert response.status_code == 422, spelling
        assert "That is not an email address." in response.get_data(as_text=True)
    jobs.wait_idle()
    assert [row.email for row in rows()] == [MAILBOX]
    assert len(smtp.messages) == 1  # the others were within CONFIRM_RESEND_MINUTES
    assert smtp.recipients == [[MAILBOX]]
    assert smtp.messages[0]["To"] == MAILBOX

    assert client.get(smtp.links(smtp.messages[0])["confirm"]).status_code == 200
    for spelling in SPELLINGS:
        sign(spelling)
    assert count(petition) == 1 and len(rows()) == 1


def test_a_unicode_domain_and_its_punycode_are_one_mailbox(
    client, petition, smtp, sign, rows, count
):
    for spelling in [UNICODE_DOMAIN, *SAME_UNICODE_DOMAIN]:
        assert sign(spelling).status_code == 302, spelling
    message = smtp.wait_for(1)[0]
    jobs.wait_idle()
    assert len(smtp.messages) == 1
    assert smtp.recipients == [["aigerim@xn--bcher-kva.example"]]  # sent in ASCII
    assert [(row.email, row.email_key) for row in rows()] == [(UNICODE_DOMAIN, UNICODE_DOMAIN)]
    client.get(smtp.links(message)["confirm"])
    assert count(petition) == 1


def test_no_spelling_mails_anyone_else(app, smtp, sign, rows):
    app.config["CONFIRM_RESEND_MINUTES"] = 0  # every accepted signing sends an email
    for spelling in SPELLINGS + NOT_A_BARE_ADDRESS:
        sign(spelling)
        jobs.wait_idle()  # sent before the next signing (a mail on its way is not sent twice)
    assert smtp.recipients == [[MAILBOX]] * len(SPELLINGS)
    assert len(rows()) == 1


@pytest.mark.parametrize(
    "to",
    [
        "a@example.org, b@example.org",
        "Aigerim <a@example.org>",
        "a@example.org\r\nBcc: b@example.org",
        "A@Example.ORG",  # not normalised: what was checked is not what would be sent
    ],
)
def test_mail_is_sent_only_to_one_normalised_bare_address(app, smtp, to):
    with app.app_context(), pytest.raises(ValueError):
        send_message(to, "Subject", "Body")
    assert smtp.recipients == []
