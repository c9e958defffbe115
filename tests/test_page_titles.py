"""Every organiser page has a short plain <title>: the page's name, never a list, a form or a
CSRF token (a title shows in tabs, history, bookmarks and window lists)."""

import html
import re
import tempfile
from datetime import timedelta

import pytest

from organiser import create_app
from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.hosting.services import propose
from organiser.letters import services as letters
from organiser.lobbies.models import Campaign
from organiser.petitions.services import create_petition

TITLE_RE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def organiser_pages() -> list[str]:
    """Every rule of the organisers' area that answers a GET."""
    with tempfile.TemporaryDirectory() as instance:
        app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=instance)
        return sorted(
            rule.rule
            for rule in app.url_map.iter_rules()
            if rule.rule.startswith("/organise/") and "GET" in rule.methods
        )


@pytest.fixture
def everything(app, campaign, other_organiser, make_lobby):
    """A campaign shared by two organisers, with a lobby, a letter and a petition: the values
    each kind of URL part may take."""
    slug = make_lobby(campaign, target_id=campaign.target_id)
    with app.app_context():
        found = db.session.get(Campaign, campaign.id)
        found.owners.append(db.session.get(type(found.owners[0]), other_organiser.id))
        letter = letters.save_letter(
            None,
            found,
            None,
            language="en",
            subject="Release them",
            opening="Your Excellency,",
            body="We write to you.",
            closing="Yours,",
            signatories="Campaign Kazakhstan",
        )
        petition = create_petition(found, title="Free them", target_id=campaign.target_id)
        now = utcnow()
        proposal, _ = propose(
            found, host_name="Lina Host", host_email="lina@example.org", venue="Telia",
            address="Storgatan 51", city="Luleå", country="SE", timezone="Europe/Stockholm",
            starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=30, hours=1),
            email_confirmed_at=now,
        )  # fmt: skip
        db.session.commit()
        return {
            "slug": [campaign.slug, slug, petition.slug],
            "letter_id": [str(letter.id)],
            "target_id": [str(campaign.target_id)],
            "proposal_id": [str(proposal.id)],
        }


def fill(rule: str, values: dict[str, list[str]]) -> list[str]:
    """Every URL the rule gives with the candidate values of its parts."""
    urls = [rule]
    for name, candidates in values.items():
        pattern = re.compile(rf"<(?:\w+:)?{name}>")
        urls = [pattern.sub(value, url) for url in urls for value in candidates]
    assert not any("<" in url for url in urls), f"no value for a part of {rule}"
    return sorted(set(urls))


@pytest.mark.parametrize("rule", organiser_pages())
def test_each_organiser_page_has_a_short_plain_title(client, organiser, everything, rule):
    client.login(organiser.email)
    pages = []
    for url in fill(rule, everything):
        response = client.get(url)
        if (
            response.status_code == 200
            and response.mimetype == "text/html"
            and "<html" in (body := response.get_data(as_text=True))
        ):
            pages.append((url, body))
    # A download has no title, nor the part of a page that a page's script fetches.
    assert pages or rule.endswith((".csv", ".xlsx", "/board/live")), f"no page at {rule}"
    for url, page in pages:
        titles = TITLE_RE.findall(page)
        assert len(titles) == 1, url
        title = html.unescape(titles[0])
        assert title.strip(), url
        assert "<" not in title and "csrf" not in title.lower(), (url, title)
        assert "\n" not in title.strip() and len(title) <= 120, (url, title)
