"""A proposal as the lobby it would become, for the organisers' lobby form to start from."""

from datetime import datetime

from organiser.hosting.forms import HostForm
from organiser.hosting.models import HostedLobby


class LobbyDraft:
    """What LobbyForm.load reads from a lobby, taken from a host's proposal: its place, time,
    zone, target and pin; a title from the campaign and city; the demands of the campaign's
    latest lobby (given by services.latest_demands)."""

    directions = ""
    description = ""

    def __init__(self, proposal: HostedLobby, demands: list):
        campaign = proposal.campaign
        self.title = f"{campaign.name}: {proposal.city}"[:200]
        for name in ("target_id", *HostForm.MODEL_FIELDS):  # the place, zone and pin
            setattr(self, name, getattr(proposal, name))
        self.demands = demands
        self.local_start: datetime = proposal.local_start
        self.local_end: datetime = proposal.local_end
