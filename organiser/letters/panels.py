"""The letters' panels: the letter and its delivery on a lobby's page, the campaign's letters
on the organiser's campaign page (registered in organiser.letters.init_app)."""

from flask_babel import lazy_gettext as _l
from flask_login import current_user

from organiser.letters import services
from organiser.letters.wording import language_names
from organiser.lobbies.models import Campaign, Lobby

# Where the letter is handed in, by the kind of target (none: at the lobby).
HAND_IN = {
    "embassy": _l("Print it and hand it in at the embassy:"),
    "consulate": _l("Print it and hand it in at the consulate:"),
    "honorary_consulate": _l("Print it and hand it in at the honorary consulate:"),
    "company": _l("Print it and hand it in at the company:"),
    "other": _l("Print it and hand it in at the lobby:"),
}


def lobby_letter(lobby: Lobby) -> dict | None:
    """The lobby's letters (a PDF per language) and delivery record, and whether the reader
    organises the lobby; None when there is nothing to show or do."""
    letters = services.lobby_letters(lobby)
    delivery = services.lobby_delivery(lobby)
    owner = current_user.is_authenticated and lobby.campaign.is_owned_by(current_user)
    if not (letters or delivery or owner):
        return None
    return {
        "lobby": lobby,
        "letters": letters,
        "delivery": delivery,
        "owner": owner,
        "hand_in": HAND_IN.get(lobby.target.kind if lobby.target else "other", HAND_IN["other"]),
        "letter_languages": language_names(),
    }


def campaign_letters(campaign: Campaign) -> dict:
    """The campaign's letters, per language, and the lobbies' own versions."""
    return {
        "campaign": campaign,
        "letters": services.campaign_letters(campaign),
        "versions": services.lobby_versions(campaign),
        "letter_languages": language_names(),
        "language_titles": language_names(capitalised=True),
    }
