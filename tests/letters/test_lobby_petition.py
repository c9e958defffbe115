"""The lobby's petition: the lobby page and the lobby's letter (its annex and QR code) name the
same petition, whatever petitions the campaign has."""

import io

import pypdf
import pytest

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.lobbies import services as lobbies
from organiser.lobbies.models import Campaign
from organiser.petitions.counting import recount
from organiser.petitions.models import Signature
from organiser.petitions.services import create_petition


def text_of(data: bytes) -> str:
    """All the text of a PDF."""
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def other_target(app, campaign) -> int:
    """A second target of the campaign (a company); its id."""
    company = dict(kind="company", name="KazMunayGas Shop", address="1 High Street")
    with app.app_context():
        owner = db.session.get(Campaign, campaign.id)
        made = lobbies.create_target(owner, city="London", country="GB", **company)
        db.session.commit()
        return made.id


def signer_of(title: str) -> str:
    """The one signer of the petition with this title."""
    return f"{title.split()[0]} Signer"


def add_petition(app, campaign, title: str, target_id: int | None, status: str) -> None:
    """A petition with one confirmed signer named in letters ("Alpha Signer" for "Alpha ...")."""
    with app.app_context():
        owner = db.session.get(Campaign, campaign.id)
        petition = create_petition(owner, title=title, target_id=target_id, status=status)
        db.session.add(
            Signature(
                petition=petition,
                name=signer_of(title),
                city="Leeds",
                email=f"{petition.slug}@example.org",
                email_key=f"{petition.slug}@example.org",
                name_in_letter=True,
                confirmed_at=utcnow(),
            )
        )
        db.session.flush()
        recount(petition.id)
        db.session.commit()


TITLES = ("Alpha petition", "Bravo petition")


def named_on_lobby_page(client, lobby: str) -> str | None:
    """The petition title the lobby page shows, if any."""
    page = client.get(f"/lobbies/{lobby}").get_data(as_text=True)
    shown = [title for title in TITLES if title in page]
    assert len(shown) <= 1, shown
    return shown[0] if shown else None


def named_in_letter(client, lobby: str) -> str | None:
    """The petition whose signers the lobby's letter annexes, if any."""
    response = client.get(f"/lobbies/{lobby}/letter.pdf")
    assert response.status_code == 200
    text = text_of(response.data)
    shown = [title for title in TITLES if f"{signer_of(title)}, Leeds" in text]
    assert len(shown) <= 1, shown
    if shown:
        assert "Sign the petition" in text  # the QR code opens a petition, not the campaign page
    return shown[0] if shown else None


# (first petition, second petition made after it): each as (target, status); the expected one.
ARRANGEMENTS = {
    "closed to the target before a newer open one to no one": (
        ("target", "closed"),
        (None, "open"),
        "Alpha petition",
    ),
    "open to the target before a newer closed one to the target": (
        ("target", "open"),
        ("target", "closed"),
        "Alpha petition",
    ),
    "open to no one before a newer closed one to no one": (
        (None, "open"),
        (None, "closed"),
        "Alpha petition",
    ),
    "open to no one before a newer open one to another target": (
        (None, "open"),
        ("other", "open"),
        "Alpha petition",
    ),
    "closed to no one, and open to another target": ((None, "closed"), ("other", "open"), None),
}


@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_the_lobby_page_and_its_letter_name_the_same_petition(
    app, client, campaign, lobby, add_letter, arrangement
):
    first, second, expected = ARRANGEMENTS[arrangement]
    targets = {"target": campaign.target_id, "other": other_target(app, campaign), None: None}
    add_letter(campaign)
    for title, (target, status) in zip(TITLES, (first, second), strict=True):
        add_petition(app, campaign, title, targets[target], status)
    assert named_on_lobby_page(client, lobby) == expected
    assert named_in_letter(client, lobby) == expected


def test_a_closed_petition_on_the_lobby_page_is_not_offered_for_signing(
    app, client, campaign, lobby
):
    add_petition(app, campaign, "Alpha petition", campaign.target_id, "closed")
    page = client.get(f"/lobbies/{lobby}").get_data(as_text=True)
    assert "Alpha petition" in page
    assert "Sign it" not in page
    assert "1 confirmed signature" in page
