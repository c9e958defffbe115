"""Letter texts and deliveries: choose, save, build the context a letter is rendered from."""

from urllib.parse import quote

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from organiser.addresses import address_lines as postal_lines
from organiser.extensions import db
from organiser.letters.models import Delivery, Letter
from organiser.letters.pdf import Annex, LetterContext
from organiser.letters.wording import country_in
from organiser.lobbies.models import Campaign, Lobby
from organiser.photos.models import Photo
from organiser.unique_rows import begin_writing, inserted

LETTER_FIELDS = ("language", "subject", "opening", "body", "closing", "signatories")


def campaign_letters(campaign: Campaign) -> list[Letter]:
    """The campaign's own letters (not lobby versions), first written first."""
    return list(
        db.session.scalars(
            select(Letter)
            .where(Letter.campaign_id == campaign.id, Letter.lobby_id.is_(None))
            .order_by(Letter.id)
        )
    )


def lobby_versions(campaign: Campaign) -> list[Letter]:
    """Letters written for one lobby of the campaign, with their lobbies."""
    return list(
        db.session.scalars(
            select(Letter)
            .options(joinedload(Letter.lobby))
            .where(Letter.campaign_id == campaign.id, Letter.lobby_id.is_not(None))
            .order_by(Letter.lobby_id, Letter.id)
        )
    )


def lobby_letters(lobby: Lobby) -> list[Letter]:
    """The letters for a lobby, one per language: its own version wins over the campaign's."""
    rows = db.session.scalars(
        select(Letter)
        .where(
            Letter.campaign_id == lobby.campaign_id,
            (Letter.lobby_id.is_(None)) | (Letter.lobby_id == lobby.id),
        )
        .order_by(Letter.id)
    ).all()
    chosen: dict[str, Letter] = {}
    for letter in rows:
        if letter.language not in chosen or letter.lobby_id == lobby.id:
            chosen[letter.language] = letter
    return list(chosen.values())


def pick_letter(lobby: Lobby, language: str | None) -> Letter | None:
    """The lobby's letter in that language, else in its first language; None if there is none."""
    letters = lobby_letters(lobby)
    by_language = {letter.language: letter for letter in letters}
    return by_language.get(language or "") or (letters[0] if letters else None)


def language_taken(campaign: Campaign, lobby: Lobby | None, language: str, but: int = 0) -> bool:
    """Whether that campaign (or lobby version) already has a letter in the language."""
    query = select(Letter.id).where(
        Letter.campaign_id == campaign.id,
        Letter.language == language,
        Letter.id != but,
        Letter.lobby_id.is_(None) if lobby is None else Letter.lobby_id == lobby.id,
    )
    return db.session.scalar(query) is not None


class LanguageTaken(Exception):
    """The campaign (or the lobby's own versions) already has a letter in that language."""


def create_letter(campaign: Campaign, lobby: Lobby | None, **fields) -> Letter:
    """A new letter (a lobby's own version when lobby is given), flushed. LanguageTaken if one
    in that language exists, even one saved by a request racing this one: the unique index
    decides, in a SAVEPOINT, so the transaction can still be rolled back cleanly."""
    begin_writing()
    language = fields["language"]
    if language_taken(campaign, lobby, language):
        raise LanguageTaken(language)
    columns = {name: fields[name] for name in LETTER_FIELDS if name in fields}
    letter = inserted(
        lambda: Letter(
            campaign=campaign,
            lobby=lobby,
            include_annex=bool(fields.get("include_annex", True)),
            **columns,
        ),
        lambda: language_taken(campaign, lobby, language),
    )
    if letter is None:
        raise LanguageTaken(language)
    return letter


def save_letter(letter: Letter | None, campaign: Campaign, lobby: Lobby | None, **fields) -> Letter:
    """Create or change a letter (a lobby's own version when lobby is given)."""
    if letter is None:
        letter = Letter(campaign=campaign, lobby=lobby, include_annex=True)
        db.session.add(letter)
    for name in LETTER_FIELDS:
        if name in fields:
            setattr(letter, name, fields[name])
    letter.include_annex = bool(fields.get("include_annex", letter.include_annex))
    db.session.flush()
    return letter


def delete_letter(letter: Letter) -> None:
    """Remove a letter text."""
    db.session.delete(letter)
    db.session.flush()


DELIVERY_FIELDS = ("delivered_at", "received_by", "notes")


def record_delivery(lobby: Lobby, photo: Photo | None = None, **fields) -> Delivery:
    """Record (or correct) how the lobby's letter was delivered: the same record however often
    it is sent; a photo given replaces the record's, which is deleted (none given keeps it). Two
    first recordings at once are decided by the unique index on the lobby (in a SAVEPOINT): the
    one that loses corrects the winner's record instead."""
    begin_writing()
    values = {name: fields[name] for name in DELIVERY_FIELDS}
    if photo is not None:
        values["photo"] = photo
    delivery = lobby_delivery(lobby)
    if delivery is None:
        delivery = inserted(
            lambda: Delivery(lobby=lobby, **values), lambda: lobby_delivery(lobby) is not None
        )
    if delivery is None:  # a racing first recording won
        delivery = lobby_delivery(lobby)
    replaced = delivery.photo if photo is not None and delivery.photo is not photo else None
    for name, value in values.items():
        setattr(delivery, name, value)
    if replaced is not None:
        db.session.delete(replaced)  # nobody else shows it: not kept at its public address
    db.session.flush()
    return delivery


def lobby_delivery(lobby: Lobby) -> Delivery | None:
    """The lobby's delivery record, if any."""
    return db.session.scalar(select(Delivery).where(Delivery.lobby_id == lobby.id))


def address_lines(lobby: Lobby, language: str) -> list[str]:
    """The target's postal address in its country's order ("London SW7 2SD"), the country
    in the letter's language."""
    target = lobby.target
    if target is None:
        return []
    return postal_lines(
        target.address,
        target.postcode,
        target.city,
        target.country,
        lambda code: country_in(code, language),
    )


def public_link(path: str) -> str:
    """An absolute link on the public site (SITE_URL), for the QR code (works in jobs too)."""
    return current_app.config["SITE_URL"].rstrip("/") + quote(path)


def letter_context(
    letter: Letter, lobby: Lobby, annex: Annex | None, qr_url: str, petition: bool = False
) -> LetterContext:
    """Everything the PDF shows, from the letter, the lobby, its target and the annex."""
    campaign = lobby.campaign
    target = lobby.target
    return LetterContext(
        language=letter.language,
        organisation_name=campaign.organisation_name,
        organisation_contact=campaign.organisation_contact,
        organisation_url=campaign.organisation_url,
        recipient_title=target.head_title if target else "",
        recipient_name=target.head_name if target else "",
        target_name=target.name if target else "",
        address_lines=address_lines(lobby, letter.language),
        day=lobby.local_start.date(),
        subject=letter.subject,
        opening=letter.opening,
        body=letter.body,
        demands=[demand.text for demand in lobby.demands],
        closing=letter.closing,
        signatories=letter.signatory_lines,
        qr_url=qr_url,
        qr_is_petition=petition,
        annex=annex,
    )
