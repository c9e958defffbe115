"""Demo letters, a petition and delivery records, from the reports in shared/seeds."""

from datetime import timedelta

from sqlalchemy import select

from organiser.board.states import current_states
from organiser.demo_day import record_state_at
from organiser.extensions import db
from organiser.letters import services as letters
from organiser.lobbies.models import Campaign, Lobby
from organiser.petitions import services as petitions
from organiser.petitions.models import Petition
from organiser.petitions.signing import add_paper

LETTERS = [
    dict(
        language="en",
        subject="Stop the repression of the oil workers and their supporters",
        opening="Your Excellency,",
        body="We write to you on our international day of action, held outside embassies, "
        "consulates and companies across Europe.\n\nThe months-long strike of the oil workers "
        "of Mangistau has been met with intimidation, arrests and killings. We ask you to pass "
        "our demands to your government.",
        closing="Yours sincerely,",
        signatories="Campaign Kazakhstan\nSocialist Party (England and Wales)\nSAV (Germany)",
    ),
    dict(
        language="ru",
        subject="Прекратите репрессии против нефтяников и их сторонников",
        opening="Ваше превосходительство,",
        body="Мы пишем вам в международный день действий у посольств, консульств и компаний "
        "по всей Европе.\n\nНа многомесячную забастовку нефтяников Мангистау власти ответили "
        "запугиванием, арестами и убийствами. Просим передать наши требования вашему "
        "правительству.",
        closing="С уважением,",
        signatories="Кампания «Казахстан»",
    ),
]

DEMO_SIGNATURE = "London organisers"

PETITION = dict(
    title="Solidarity with the oil workers of Zhanaozen",
    text="We, the undersigned, call on the government of Kazakhstan to release all political "
    "prisoners, drop the charges against the striking oil workers and respect the right to "
    "strike and to organise.",
    goal=500,
)

# Paper signatures collected at the lobbies: (name, city, country, agreed to be named).
PAPER = [
    ("Mary Hughes", "Mansfield", "GB", True),
    ("Peter Lewis", "Mansfield", "GB", True),
    ("Jonas Berg", "Stockholm", "SE", True),
    ("Katrin Vogel", "Berlin", "DE", True),
    ("Anonymous supporter", "Vienna", "AT", False),
    ("Anonymous supporter", "London", "GB", False),
]

# What the reports say happened at the embassy door: (lobby slug, received by, notes).
DELIVERIES = [
    (
        "london-2010-09-29-solidarity-protest",
        "The Ambassador",
        "The ambassador arrived during the protest and was handed the letter and the petition.",
    ),
    (
        "london-2012-03-23-blood-on-your-hands",
        "Embassy staff, for the Ambassador",
        "A letter was delivered to the ambassador.",
    ),
]

# What became of the letter where nobody took it: (lobby slug, the board's state, note).
NOT_DELIVERED = [
    (
        "london-2016-05-26-land-and-democratic-rights",
        "doors_locked",
        "The embassy locked its doors as soon as the protest began; the letter was posted.",
    ),
]


def seed_material(day: Campaign) -> None:
    """Letters and a petition for the day of action, and deliveries of past lobbies."""
    for fields in LETTERS:
        if not letters.language_taken(day, None, fields["language"]):
            letters.save_letter(None, day, None, include_annex=True, **fields)
    same = select(Petition.id).where(
        Petition.campaign_id == day.id, Petition.title == PETITION["title"]
    )
    if db.session.scalar(same) is None:
        petition = petitions.create_petition(day, **PETITION)
        for name, city, country, named in PAPER:
            add_paper(petition, name, city, country, named)
    for slug, received_by, notes in DELIVERIES:
        lobby = db.session.scalar(select(Lobby).where(Lobby.slug == slug))
        if lobby is not None and letters.lobby_delivery(lobby) is None:
            at = lobby.starts_at + timedelta(minutes=30)
            letters.record_delivery(lobby, delivered_at=at, received_by=received_by, notes=notes)
            record_state_at(lobby, "delivered", DEMO_SIGNATURE, f"Received by {received_by}.", at)
    for slug, state, note in NOT_DELIVERED:
        lobby = db.session.scalar(select(Lobby).where(Lobby.slug == slug))
        if lobby is not None and not current_states([lobby.id]):
            at = lobby.starts_at + timedelta(minutes=30)
            record_state_at(lobby, state, DEMO_SIGNATURE, note, at)
