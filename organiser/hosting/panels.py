"""Hosting's panels: the public campaign page's invitation to host, and the organisers'
switch and proposals count on their campaign page (registered in organiser.hosting.init_app)."""

from organiser.hosting import services
from organiser.hosting.forms import HostingSwitchForm
from organiser.lobbies.models import Campaign


def invite_hosts(campaign: Campaign) -> dict | None:
    """The link to the host's form, while the organisers take proposals; else no panel."""
    return {"campaign": campaign} if campaign.hosting_open else None


def organise_hosting(campaign: Campaign) -> dict:
    """The switch, and how many confirmed proposals wait for a decision."""
    return {
        "campaign": campaign,
        "waiting": services.waiting_count(campaign.id),
        "switch": HostingSwitchForm(formdata=None, open="0" if campaign.hosting_open else "1"),
    }
