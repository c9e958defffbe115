"""Demo data: the day of action of 16 December 2011 as shared/seeds/003 reports it, city by
city, with where each lobby stood, what became of the letter and the report of each city."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from organiser.board.states import record_state
from organiser.extensions import db
from organiser.letters import services as letters
from organiser.lobbies import services
from organiser.lobbies.localtime import to_utc
from organiser.lobbies.models import Campaign, Lobby
from organiser.reports.models import LobbyReport

DAY = date(2011, 12, 16)
DEMANDS = [
    "Stop the killing of the striking oil workers and their families!",
    "Release everyone arrested in Zhanaozen and Aktau!",
    "For the right to strike and to organise in independent trade unions!",
]
ZONES = {"GB": "Europe/London", "DE": "Europe/Berlin", "BE": "Europe/Brussels"}
ZONES |= {"AT": "Europe/Vienna", "SE": "Europe/Stockholm"}

# Each city as the report tells it: the target, where the lobby stood (the address's point on
# the map), what became of the letter (the board's state, None where the report does not
# say), the note on that state and the city's report.
CITIES = [
    dict(
        city="London",
        country="GB",
        kind="embassy",
        name="Embassy of the Republic of Kazakhstan",
        venue="Outside the Kazakhstan embassy",
        address="33 Thurloe Square",
        postcode="SW7 2SD",
        latitude=51.4944,
        longitude=-0.1717,
        start=time(12),
        state="delivered",
        received_by="Embassy staff",
        note="Letter handed in at the door.",
        report=(
            "As the situation deteriorated in Kazakhstan, with reports of brutal repression and "
            "killings, supporters of the struggle of Kazakh workers descended on the embassy, as "
            "part of Campaign Kazakhstan's international day of action. Protesters handed in the "
            "protest letter."
        ),
    ),
    dict(
        city="Berlin",
        country="DE",
        kind="embassy",
        name="Embassy of the Republic of Kazakhstan",
        venue="In front of the Kazakh embassy",
        address="Nordsternstraße 2",
        postcode="14193",
        latitude=52.4871,
        longitude=13.2835,
        start=time(13),
        state="delivered",
        received_by="The Deputy Ambassador",
        note=(
            "The Deputy Ambassador accepted the protest letters as the police, who he had called,"
            " arrived."
        ),
        report=(
            "SAV held a protest in front of the embassy, handing in several documents: a "
            "solidarity letter signed by three MPs of Die Linke, a letter of our own and one from"
            " a Rostock city councillor. The Deputy Ambassador accepted the protest letters as "
            "the police, who he had called, arrived."
        ),
    ),
    dict(
        city="Brussels",
        country="BE",
        kind="embassy",
        name="Embassy of the Republic of Kazakhstan",
        venue="At the embassy gate",
        address="Avenue Van Bever 30",
        postcode="1180",
        latitude=50.8048,
        longitude=4.3556,
        start=time(12),
        state="doors_locked",
        received_by=None,
        note=(
            "The embassy was closed for Independence Day; a representative came out to speak with"
            " us."
        ),
        report=(
            "Members and supporters of LSP/PSL, joined by the staff of Paul Murphy MEP, protested"
            " at the embassy gate. The embassy was closed for Independence Day, but a "
            "representative came out and asked if we had come to congratulate Kazakhstan. We "
            "replied that the oil workers of Mangistau have little to celebrate, with slogans in "
            "English and Russian."
        ),
    ),
    dict(
        city="Vienna",
        country="AT",
        kind="honorary_consulate",
        name="Honorary Consulate of Kazakhstan",
        venue="Outside the Honorary Consulate",
        address="Vienna city centre",
        postcode="",
        latitude=48.2082,
        longitude=16.3738,
        start=time(14),
        state="delivered",
        received_by="A representative of the Consulate",
        note="A representative of the Consulate came out and was handed the letter.",
        report=(
            "A representative of the Consulate came out and was handed a letter protesting "
            "against the massacre."
        ),
    ),
    dict(
        city="Graz",
        country="AT",
        kind="consulate",
        name="Consulate of Kazakhstan",
        venue="Outside the Consulate of Kazakhstan",
        address="Graz city centre",
        postcode="",
        latitude=47.0707,
        longitude=15.4395,
        start=time(11),
        state=None,
        received_by=None,
        note="Speeches to passers-by.",
        report=(
            "Passers-by were shocked to hear about the developments in Kazakhstan and responded "
            "very positively to the protesters' speeches."
        ),
    ),
    dict(
        city="Stockholm",
        country="SE",
        kind="company",
        name="Telia",
        venue="Outside the Telia shop",
        address="Drottninggatan",
        postcode="",
        latitude=59.3326,
        longitude=18.0649,
        start=time(12),
        state=None,
        received_by=None,
        note=(
            "No embassy in Sweden: leaflets at Telia, which controls most of Kazakhstan's mobile "
            "networks."
        ),
        report=(
            "There is no Kazakh embassy in Sweden, so the protest targeted Telia, which controls "
            "98 percent of Kazakhstan's mobile networks. Hundreds of leaflets were given out and "
            "almost 200 euros raised from passers-by for the strikers."
        ),
    ),
    dict(
        city="Gothenburg",
        country="SE",
        kind="company",
        name="Telia",
        venue="Outside the Telia shop",
        address="Nordstan",
        postcode="",
        latitude=57.7089,
        longitude=11.969,
        start=time(12),
        state=None,
        received_by=None,
        note="Leaflets outside the Telia shop.",
        report=(
            "The news of the massacre interrupted Christmas shopping outside the Telia shop; many"
            " passers-by expressed solidarity and shock."
        ),
    ),
    dict(
        city="Luleå",
        country="SE",
        kind="company",
        name="Telia",
        venue="Outside the Telia shop",
        address="Storgatan",
        postcode="",
        latitude=65.5842,
        longitude=22.1547,
        start=time(12),
        state=None,
        received_by=None,
        note="Leaflets outside the Telia shop.",
        report="Leaflets outside the Telia shop in Luleå, as in Stockholm and Gothenburg.",
    ),
    dict(
        city="Mansfield",
        country="GB",
        kind="company",
        name="Marks & Spencer",
        venue="Outside Marks & Spencer",
        address="Four Seasons Shopping Centre",
        postcode="",
        latitude=53.1443,
        longitude=-1.1985,
        start=time(11),
        state=None,
        received_by=None,
        note="A petition instead of a letter: signed by the local MP and a councillor.",
        report=(
            "Outside Marks & Spencer, to highlight that it and other retailers invest in, and so "
            "support, the Kazakh regime. The response to our petition was positive: it was signed"
            " by the local MP and a councillor."
        ),
    ),
]


def seed_day(owner) -> int:
    """The campaign of the 2011 day of action with its lobbies, states and reports, unless
    it is there already; returns how many lobbies were added."""
    slug = "day-of-action-2011"
    if db.session.scalar(select(Campaign.id).where(Campaign.slug == slug)):
        return 0
    campaign = Campaign(
        slug=slug,
        name="Day of action, 16 December 2011",
        description="Solidarity protests at Kazakhstan's embassies and consulates, and at the "
        "companies that prop up the regime, on Kazakhstan's Independence Day, as the news of "
        "the Zhanaozen massacre came in.",
        owners=[owner],
        organisation_name="Campaign Kazakhstan",
        organisation_contact="London, United Kingdom",
    )
    db.session.add(campaign)
    db.session.flush()
    for city in CITIES:
        _city(campaign, **city)
    return len(CITIES)


def _city(campaign: Campaign, **city) -> None:
    """One city's target, lobby, the board's states as the report tells them, and its report."""
    zone = ZONES[city["country"]]
    place = {key: city[key] for key in ("address", "postcode", "city", "country")}
    target = services.create_target(
        campaign,
        kind=city["kind"],
        name=city["name"],
        represented_country="" if city["kind"] == "company" else "KZ",
        **place,
    )
    begins = datetime.combine(DAY, city["start"])
    lobby = services.create_lobby(
        campaign,
        DEMANDS,
        title=f"Solidarity protest: {city['city']}",
        target_id=target.id,
        venue=city["venue"],
        latitude=city["latitude"],
        longitude=city["longitude"],
        timezone=zone,
        starts_at=to_utc(begins, zone),
        ends_at=to_utc(begins + timedelta(hours=1), zone),
        description="Part of the international day of action.",
        **place,
    )
    by = f"{city['city']} organisers"
    done = lobby.starts_at + timedelta(minutes=30)
    record_state_at(lobby, "under_way", by, "", lobby.starts_at)
    if city["received_by"]:
        letters.record_delivery(
            lobby, delivered_at=done, received_by=city["received_by"], notes=city["note"]
        )
    if city["state"]:
        record_state_at(lobby, city["state"], by, city["note"], done)
    db.session.add(LobbyReport(lobby=lobby, text=city["report"], response=city["note"], author=by))


def record_state_at(lobby: Lobby, state: str, by: str, note: str, at: datetime) -> None:
    """A state change dated as the report dates it (the board stamps changes as they happen)."""
    record_state(lobby, state, by=by, note=note).changed_at = at
