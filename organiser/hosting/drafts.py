"""A proposal as the lobby it would become, for the organisers' lobby form to start from."""

from datetime import datetime

from organiser.hosting.models import HostedLobby

PLACE_AND_ZONE = (
    "target_id",
    "venue",
    "address",
    "postcode",
    "city",
    "country",
    "latitude",
    "longitude",
    "timezone",
)


class LobbyDraft:
    """What LobbyForm.load reads from a lobby, taken from a host's proposal: its place, time,
    zone, target and pin; a title from the campaign and city; the demands of the campaign's
    latest lobby (the day's demands, usually the same in every city)."""

    directions = ""
    description = ""

    def __init__(self, proposal: HostedLobby):
        campaign = proposal.campaign
        self.title = f"{campaign.name}: {proposal.city}"[:200]
        for name in PLACE_AND_ZONE:
            setattr(self, name, getattr(proposal, name))
        latest = max(campaign.lobbies, key=lambda lobby: lobby.created_at, default=None)
        self.demands = list(latest.demands) if latest is not None else []
        self.local_start: datetime = proposal.local_start
        self.local_end: datetime = proposal.local_end
