"""The bulk lobbies' panel on the organiser's campaign page: import a file, export the lobbies."""

from organiser.lobbies.models import Campaign


def organise_bulk_lobbies(campaign: Campaign) -> dict:
    """Links to the import page and to the exports (when there are lobbies to export)."""
    return {"campaign": campaign, "has_lobbies": bool(campaign.lobbies)}
