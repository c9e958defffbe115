"""A host's emails go in the language they proposed in, not the organiser's: the confirmation,
the approval with the private link, and the rejection (real SMTP; compared with the catalogs)."""

from pathlib import Path

from babel.support import Translations

CATALOGS = Path(__file__).parents[2] / "organiser" / "translations"
CONFIRM = "Please confirm your lobby in %(city)s: %(campaign)s"
APPROVED = "Your lobby in %(city)s is approved: %(campaign)s"
REJECTED = "Your lobby in %(city)s is not added: %(campaign)s"


def in_language(language: str, msgid: str, **values) -> str:
    """The catalog's translation of msgid, filled in."""
    return Translations.load(str(CATALOGS), [language]).gettext(msgid) % values


NAMES = dict(city="Luleå", campaign="Campaign Kazakhstan")


def german_proposal(client, slug, propose, smtp, mail_links, subject, proposals) -> int:
    """A host whose browser is in German proposes and confirms; the proposal's id."""
    client.get(f"/campaigns/{slug}/host?lang=de")
    assert propose(client, slug).status_code == 302
    message = smtp.wait_for(1)[0]
    assert subject(message) == in_language("de", CONFIRM, **NAMES) != CONFIRM % NAMES
    assert client.submit(mail_links(message).confirm, {}).status_code == 200
    [proposal] = proposals()
    assert proposal.language == "de"
    return proposal.id


def test_a_german_hosts_approval_is_german_though_the_organiser_works_in_english(
    new_client, client, open_campaign, propose, smtp, mail_links, subject, proposals, approve
):
    host = new_client()
    proposal_id = german_proposal(
        host, open_campaign.slug, propose, smtp, mail_links, subject, proposals
    )
    approved = approve(proposal_id)
    assert approved.status_code == 302
    organisers_page = client.get(approved.headers["Location"]).get_data(as_text=True)
    assert '<html lang="en"' in organisers_page
    message = smtp.wait_for(2)[1]
    assert subject(message) == in_language("de", APPROVED, **NAMES) != APPROVED % NAMES
    text = message.get_payload(decode=True).decode()
    approved_line = "the organisers of %(campaign)s have approved your lobby in %(city)s:"
    assert in_language("de", approved_line, **NAMES) in text
    assert approved_line % NAMES not in text
    assert mail_links(message).host  # the private link, in the German email
    assert host.get(mail_links(message).host).status_code == 200


def test_a_german_hosts_rejection_is_german(
    new_client, client, auth, organiser, open_campaign, propose, smtp, mail_links, subject,
    proposals,
):  # fmt: skip
    host = new_client()
    proposal_id = german_proposal(
        host, open_campaign.slug, propose, smtp, mail_links, subject, proposals
    )
    auth.login(organiser.email)
    listing = f"/organise/campaigns/{open_campaign.slug}/proposals"
    rejected = client.submit(f"/organise/proposals/{proposal_id}/reject", {}, listing)
    assert rejected.status_code == 302
    message = smtp.wait_for(2)[1]
    assert subject(message) == in_language("de", REJECTED, **NAMES) != REJECTED % NAMES


def test_an_english_host_is_written_in_english(
    client, open_campaign, propose, smtp, subject, proposals
):
    assert propose(client, open_campaign.slug).status_code == 302
    assert subject(smtp.wait_for(1)[0]) == CONFIRM % NAMES
    assert [proposal.language for proposal in proposals()] == ["en"]
