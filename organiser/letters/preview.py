"""The HTML preview of a letter in the organisers' area (the PDF's own HTML, on screen)."""

import dataclasses
from datetime import date

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from organiser.db_types import utcnow
from organiser.extensions import db
from organiser.letters import rendering
from organiser.letters.document import Annex, LetterContext, letter_html, stylesheet
from organiser.letters.models import Letter
from organiser.letters.wording import language_or_default
from organiser.lobbies.models import Lobby

SCREEN_CSS = """
@media screen {
  html { background: #e8e6e1; }
  body { background: #fff; max-width: 170mm; margin: 1.5em auto; padding: 20mm 18mm;
         box-shadow: 0 1px 6px rgba(0,0,0,.25); }
  .preview-bar { font-family: sans-serif; font-size: 10pt; margin: -14mm 0 8mm; color: #333; }
  .annex { border-top: 1px dashed #999; margin-top: 12mm; padding-top: 8mm; }
}
"""


def screen_stylesheet(language: str) -> str:
    """The letter's stylesheet plus how a page looks on screen."""
    return stylesheet(language_or_default(language)) + SCREEN_CSS


def preview_lobby(letter: Letter, slug: str | None) -> Lobby | None:
    """The lobby asked for (in the letter's campaign), the letter's own, or the next one."""
    if letter.lobby is not None:
        return letter.lobby
    query = select(Lobby).where(Lobby.campaign_id == letter.campaign_id)
    if slug:
        found = db.session.scalar(query.where(Lobby.slug == slug))
        if found is not None:
            return found
    upcoming = query.where(Lobby.ends_at >= utcnow()).order_by(Lobby.starts_at)
    return db.session.scalar(upcoming) or db.session.scalar(query.order_by(Lobby.starts_at))


def preview_html(letter: Letter, lobby_slug: str | None) -> str:
    """The letter for a lobby of the campaign (or with sample details) as a screen page;
    body.LetterTooComplex if its text is too complex to print."""
    lobby = preview_lobby(letter, lobby_slug)
    links = {
        "css": url_for("letters.letter_css", lang=letter.language),
        "back": url_for("letters.edit_letter", letter_id=letter.id),
        "pdf": "",
        "label": _("Preview"),
        "heading": _("Preview"),
        "back_label": _("Back to editing"),
        "pdf_label": _("Download PDF"),
    }
    if lobby is None:
        campaign = letter.campaign
        context = LetterContext(
            language=letter.language,
            organisation_name=campaign.organisation_name,
            organisation_contact=campaign.organisation_contact,
            organisation_url=campaign.organisation_url,
            recipient_title=_("[Head of mission]"),
            recipient_name="",
            target_name=_("[Target]"),
            address_lines=[_("[Address]")],
            day=date.today(),
            subject=letter.subject,
            opening=letter.opening,
            body=letter.body,
            demands=[_("[The lobby's demands, numbered]")],
            closing=letter.closing,
            signatories=letter.signatory_lines,
        )
        return letter_html(context, links)
    _key, context, petition, stats = rendering.plan(letter, lobby)
    links.update(
        heading=_("Preview for %(lobby)s, %(city)s", lobby=lobby.title, city=lobby.city),
        pdf=url_for("letters.letter_pdf", slug=lobby.slug, lang=letter.language),
    )
    if stats[0]:
        context = dataclasses.replace(context, annex=Annex(others=stats[0]))
    return letter_html(context, links)
