"""The petitions' panels: the lobby's petition on its page, the campaign's petitions on its
public page and on the organiser's campaign page (registered in organiser.petitions.init_app)."""

from organiser.db_types import utcnow
from organiser.lobbies.models import Campaign, Lobby, Target
from organiser.petitions import services
from organiser.petitions.counting import confirmed_count


def lobby_petition(lobby: Lobby) -> dict | None:
    """The lobby's petition (services.lobby_petition), its count, and whether it takes
    signatures now; None if the lobby has no petition."""
    petition = services.lobby_petition(lobby)
    if petition is None:
        return None
    count = confirmed_count(petition.id)
    return {"petition": petition, "count": count, "is_open": petition.is_open(utcnow())}


def counted_petitions(campaign: Campaign) -> list[tuple]:
    """The campaign's petitions, newest first, each with its confirmed count."""
    return [(p, confirmed_count(p.id)) for p in services.campaign_petitions(campaign.id)]


def campaign_petitions(campaign: Campaign) -> dict | None:
    """The campaign page's list of its petitions; None if it has none."""
    petitions = counted_petitions(campaign)
    return {"petitions": petitions} if petitions else None


def organise_petitions(campaign: Campaign) -> dict:
    """The organiser's list of the campaign's petitions, and the way to open one."""
    return {"campaign": campaign, "petitions": counted_petitions(campaign)}


def deleting_lobby(lobby: Lobby) -> dict:
    """On the page confirming a lobby's deletion: its petition stays, with its signatures."""
    petition = services.lobby_petition(lobby)
    signatures = services.signature_rows(petition.id) if petition else 0
    return {"deleting": "lobby", "petition": petition, "signatures": signatures}


def deleting_target(target: Target) -> dict | None:
    """On the page confirming a target's deletion: its petitions stay, addressed to no one."""
    n = services.petitions_to(target.id)
    return {"deleting": "target", "petitions": n} if n else None


def deleting_campaign(campaign: Campaign) -> dict:
    """On the page confirming a campaign's deletion: its petitions and signatures go."""
    petitions = services.campaign_petitions(campaign.id)
    signatures = sum(services.signature_rows(p.id) for p in petitions)
    return {"deleting": "campaign", "petitions": len(petitions), "signatures": signatures}
