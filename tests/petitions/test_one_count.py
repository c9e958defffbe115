"""One count: every page that shows a petition's count shows the same number (the counter's),
and `flask recount-signatures` repairs it everywhere at once."""

import io
import re

import pypdf
from sqlalchemy import case, update

from organiser.extensions import db
from organiser.petitions import signing
from organiser.petitions.models import Petition, SignatureCount


def add_paper_signatures(app, petition, names: list[str]) -> None:
    """Signatures collected on paper, named in letters (confirmed and counted at once)."""
    with app.app_context():
        found = db.session.get(Petition, petition.id)
        for name in names:
            signing.add_paper(found, name, "Leeds", "GB", name_in_letter=True)
        db.session.commit()


def set_counter(app, petition, value: int) -> None:
    """A counter that drifted from the rows (a repair by hand gone wrong, a restored backup)."""
    with app.app_context():
        db.session.execute(
            update(SignatureCount)
            .where(SignatureCount.petition_id == petition.id)
            .values(count=case((SignatureCount.slot == 0, value), else_=0))
        )
        db.session.commit()


LETTER = {
    "language": "en",
    "subject": "Release the political prisoners",
    "opening": "Your Excellency,",
    "body": "We write on the day of our lobby.",
    "closing": "Yours sincerely,",
    "signatories": "Campaign Kazakhstan",
    "include_annex": "y",
}
PAGES = ("petition page", "lobby page", "manage page", "letter's annex")


def counts_shown(client, petition, lobby: str, shown_count) -> dict[str, int]:
    """The count on every page that shows it (the organiser is logged in)."""

    def number(pattern: str, text: str) -> int:
        match = re.search(pattern, text)
        assert match, pattern
        return int(match.group(1).replace(",", ""))

    lobby_page = client.get(f"/lobbies/{lobby}").get_data(as_text=True)
    manage = client.get(f"/organise/petitions/{petition.slug}").get_data(as_text=True)
    letter = client.get(f"/lobbies/{lobby}/letter.pdf")
    assert letter.status_code == 200
    annex = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(letter.data)).pages)
    shown = (
        shown_count(client.get(f"/petitions/{petition.slug}").get_data(True)),
        number(r"([\d,]+) confirmed signatures?", lobby_page),
        shown_count(manage),
        number(r"([\d,]+) signatures?\n", annex),
    )
    return dict(zip(PAGES, shown, strict=True))


def test_every_page_shows_the_one_count_and_a_recount_repairs_them_all(
    app, client, runner, organiser, campaign, petition, make_lobby, shown_count
):
    def counts() -> dict[str, int]:
        return counts_shown(client, petition, lobby, shown_count)

    app.config["LETTER_PDF_MEMORY_SECONDS"] = 0  # no letter kept in memory: each is looked up
    lobby = make_lobby(campaign, target_id=campaign.target_id)
    add_paper_signatures(app, petition, ["Anna Named", "Boris Named", "Chen Named"])
    client.login(organiser.email)
    letter = client.submit(f"/organise/campaigns/{campaign.slug}/letters/new", LETTER)
    assert letter.status_code == 302
    assert counts() == dict.fromkeys(PAGES, 3)

    set_counter(app, petition, 5)
    assert counts() == dict.fromkeys(PAGES, 5)

    result = runner.invoke(args=["recount-signatures"])
    assert result.exit_code == 0, result.output
    assert f"{petition.slug}: 3 repaired (was 5)" in result.output
    assert counts() == dict.fromkeys(PAGES, 3)
