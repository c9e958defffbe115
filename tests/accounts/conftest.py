"""Account fixtures: more browsers (devices) for one organiser, each with its own cookies."""

import pytest

from organiser.accounts.models import Organiser
from organiser.extensions import db
from organiser.lobbies.models import Campaign
from tests.conftest import BrowserLikeClient


@pytest.fixture
def new_device(app):
    """Makes another browser, logged in as the given email when one is given."""

    def make(email: str | None = None, password: str | None = None) -> BrowserLikeClient:
        device = BrowserLikeClient(app.test_client())
        if email:
            response = device.login(email, *([password] if password else []))
            assert response.status_code == 302, response.get_data(as_text=True)[-800:]
        return device

    return make


def copy_session(app, device: BrowserLikeClient) -> BrowserLikeClient:
    """A browser holding a copy of the device's session cookie, as an attacker would."""
    copy = BrowserLikeClient(app.test_client())
    copy.set_cookie("session", device.get_cookie("session").value)
    return copy


@pytest.fixture
def copied(app):
    """Copies a device's session cookie into a fresh browser."""
    return lambda device: copy_session(app, device)


@pytest.fixture
def shared_campaign(app, campaign, other_organiser):
    """The campaign fixture, organised by Ada and Bo together: its slug."""
    with app.app_context():
        found = db.session.get(Campaign, campaign.id)
        found.owners.append(db.session.get(Organiser, other_organiser.id))
        db.session.commit()
    return campaign.slug
