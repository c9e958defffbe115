"""Account fixtures: more browsers (devices) for one organiser, each with its own cookies."""

import pytest

from organiser.accounts.models import Organiser
from organiser.extensions import db
from organiser.lobbies.models import Campaign


@pytest.fixture
def new_device(new_client):
    """Makes another browser, logged in as the given email when one is given."""

    def make(email: str | None = None, password: str | None = None):
        device = new_client()
        if email:
            response = device.login(email, *([password] if password else []))
            assert response.status_code == 302, response.get_data(as_text=True)[-800:]
        return device

    return make


@pytest.fixture
def copied(new_client):
    """Copies a device's session cookie into a fresh browser, as an attacker would."""

    def copy(device):
        stolen = new_client()
        stolen.set_cookie("session", device.get_cookie("session").value)
        return stolen

    return copy


@pytest.fixture
def shared_campaign(app, campaign, other_organiser):
    """The campaign fixture, organised by Ada and Bo together: its slug."""
    with app.app_context():
        found = db.session.get(Campaign, campaign.id)
        found.owners.append(db.session.get(Organiser, other_organiser.id))
        db.session.commit()
    return campaign.slug
