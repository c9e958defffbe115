"""The board's panel: a link to the day's board on the organiser's campaign page."""

from organiser.lobbies.models import Campaign


def campaign_board_link(campaign: Campaign) -> dict:
    """The campaign, for the link to its board."""
    return {"campaign": campaign}
