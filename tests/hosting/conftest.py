"""Hosting fixtures: a campaign open to local hosts, the host's form filled in, a real SMTP
server on loopback, and the links the host's emails carry."""

import html
import re
from email.header import decode_header, make_header
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from organiser import jobs
from organiser.extensions import db
from organiser.hosting.models import HostedLobby
from organiser.lobbies.models import Campaign

_CONFIRM_RE = re.compile(r"https://organiser\.test(/host/confirm/[A-Za-z0-9_-]+)")
_HOST_RE = re.compile(r"https://organiser\.test(/host/[A-Za-z0-9_-]{20,})(?![/A-Za-z0-9_-])")

_HOST_FORM = {
    "host_name": "Lina Host",
    "host_email": "  Lina.Host@Example.ORG ",
    "venue": "Outside the Telia shop",
    "address": "Storgatan 51",
    "postcode": "972 31",
    "city": "Luleå",
    "country": "SE",
    "timezone": "",
    "date": "2031-12-16",
    "start_time": "12:00",
    "end_time": "13:00",
    "latitude": "65.5842",
    "longitude": "22.1547",
    "message": "Five of us from the union local.",
    "website": "",
}


@pytest.fixture(autouse=True)
def drain_jobs(app):
    """No job (a mail to a host) of one test runs into the next."""
    app.config.update(JOBS_RETRY_DELAYS=[0])
    yield
    jobs.wait_idle()


@pytest.fixture
def open_campaign(app, campaign):
    """The campaign fixture with hosting switched on: its id, slug, target_id."""
    with app.app_context():
        db.session.get(Campaign, campaign.id).hosting_open = True
        db.session.commit()
    return campaign


@pytest.fixture
def host_form() -> dict:
    """The host's form as a host fills it in: Luleå, 16 December 2031, 12:00 to 13:00."""
    return dict(_HOST_FORM)


@pytest.fixture
def propose(host_form):
    """A function (client, campaign slug, **changes): post the host's form as a browser does."""
    return lambda client, slug, **changes: client.submit(
        f"/campaigns/{slug}/host", {**host_form, **changes}
    )


def _links(message) -> SimpleNamespace:
    """The confirmation and private host paths in a message (None where absent)."""
    body = message.get_payload(decode=True).decode()
    confirm = _CONFIRM_RE.search(body)
    host = _HOST_RE.search(body)
    return SimpleNamespace(
        confirm=confirm.group(1) if confirm else None,
        host=host.group(1) if host and "/confirm/" not in host.group(1) else None,
    )


@pytest.fixture(name="mail_links")
def mail_links_fixture():
    """A function (message): its .confirm and .host paths (None where absent)."""
    return _links


def _subject(message) -> str:
    """A message's subject as its reader sees it (encoded words decoded, folding undone)."""
    return str(make_header(decode_header(message["Subject"]))).replace("\r\n", "")


@pytest.fixture(name="subject")
def subject_fixture():
    """A function (message): its subject as the reader sees it."""
    return _subject


def _proposals(app) -> list[HostedLobby]:
    """Every hosted lobby row, oldest first (detached)."""
    with app.app_context():
        return list(db.session.scalars(select(HostedLobby).order_by(HostedLobby.id)))


@pytest.fixture(name="proposals")
def proposals_fixture(app):
    """A function (): every hosted lobby row, oldest first (detached)."""
    return lambda: _proposals(app)


@pytest.fixture
def confirmed(app, client, open_campaign, propose, smtp, mail_links, proposals):
    """A proposal made through the form and confirmed by the host's link: its id."""
    assert propose(client, open_campaign.slug).status_code == 302
    link = mail_links(smtp.wait_for(1)[0]).confirm
    assert client.submit(link, {}).status_code == 200
    return proposals()[-1].id


@pytest.fixture
def hosted(app, new_client, open_campaign, propose, smtp, mail_links, approve, host_form):
    """A function (city): a host in that city proposes (their own browser), confirms, and the
    organiser approves; the lobby's slug and the host's private link from their email."""

    def hosting(city: str) -> SimpleNamespace:
        host = new_client()
        seen = len(smtp.messages)
        assert propose(host, open_campaign.slug, city=city).status_code == 302
        confirm = mail_links(smtp.wait_for(seen + 1)[seen]).confirm
        assert host.submit(confirm, {}).status_code == 200
        with app.app_context():
            proposal = db.session.scalar(
                select(HostedLobby).where(HostedLobby.city == city).order_by(HostedLobby.id.desc())
            )
            proposal_id = proposal.id
        approved = approve(proposal_id, title=f"Day of action: {city}")
        assert approved.status_code == 302
        link = mail_links(smtp.wait_for(seen + 2)[seen + 1]).host
        return SimpleNamespace(
            slug=approved.headers["Location"].rsplit("/", 1)[1],
            link=link,
            confirm=confirm,
            client=host,
            proposal_id=proposal_id,
        )

    return hosting


@pytest.fixture
def approval_form(client, prefilled):
    """A function (proposal id): the logged-in organiser opens the lobby form prefilled from
    the proposal; its URL and the fields a browser would post from it."""

    def opening(proposal_id: int) -> tuple[str, dict]:
        url = f"/organise/proposals/{proposal_id}/approve"
        page = client.get(url)
        assert page.status_code == 200, page.status_code
        return url, prefilled(page.get_data(as_text=True))

    return opening


@pytest.fixture
def approve(client, auth, organiser, approval_form):
    """A function (proposal id, **changes): the organiser logs in and saves the prefilled
    lobby form of the proposal, changed as given; the response."""

    def approving(proposal_id: int, **changes):
        auth.login(organiser.email)
        url, data = approval_form(proposal_id)
        return client.post(url, data={**data, **changes})

    return approving


_INPUT_RE = re.compile(r"<input[^>]*>")
_ATTR_RE = re.compile(r'(\w[\w-]*)="([^"]*)"')
_SELECT_RE = re.compile(r'<select[^>]*name="(\w+)"[^>]*>(.*?)</select>', re.S)
_OPTION_RE = re.compile(r"<option[^>]*>")
_TEXTAREA_RE = re.compile(r'<textarea[^>]*name="(\w+)"[^>]*>(.*?)</textarea>', re.S)


def _prefilled(page: str) -> dict:
    """What a browser would post from a form page as it was served (inputs, selected options,
    textareas; radios and checkboxes only when checked)."""
    data = {}
    for tag in _INPUT_RE.findall(page):
        attrs = dict(_ATTR_RE.findall(tag))
        if "name" not in attrs or attrs.get("type") in ("submit", "button"):
            continue
        if attrs.get("type") in ("radio", "checkbox") and "checked" not in tag:
            continue
        data[attrs["name"]] = html.unescape(attrs.get("value", ""))
    for name, options in _SELECT_RE.findall(page):
        chosen = [tag for tag in _OPTION_RE.findall(options) if " selected" in tag]
        value = dict(_ATTR_RE.findall(chosen[0])).get("value", "") if chosen else ""
        data[name] = html.unescape(value)
    for name, text in _TEXTAREA_RE.findall(page):
        data[name] = html.unescape(text).replace("\r\n", "\n").removeprefix("\n")
    return data


@pytest.fixture(name="prefilled")
def prefilled_fixture():
    """A function (form page HTML): the fields a browser would post from it as served."""
    return _prefilled
