"""Demo data from the campaign reports in shared/seeds: past lobbies and a day of action."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from organiser.demo_day import seed_day
from organiser.demo_material import seed_material
from organiser.extensions import db
from organiser.lobbies import services
from organiser.lobbies.localtime import to_utc
from organiser.lobbies.models import Campaign, Lobby, Target

KAZAKH_EMBASSY = "Embassy of the Republic of Kazakhstan"

TARGETS = {
    "london": dict(
        kind="embassy",
        name=KAZAKH_EMBASSY,
        represented_country="KZ",
        head_title="Ambassador",
        address="33 Thurloe Square",
        postcode="SW7 2SD",
        city="London",
        country="GB",
    ),
    "berlin": dict(
        kind="embassy",
        name=KAZAKH_EMBASSY,
        represented_country="KZ",
        head_title="Ambassador",
        address="Nordsternstraße 2",
        postcode="14193",
        city="Berlin",
        country="DE",
    ),
    "brussels": dict(
        kind="embassy",
        name=KAZAKH_EMBASSY,
        represented_country="KZ",
        head_title="Ambassador",
        address="Avenue Van Bever 30",
        postcode="1180",
        city="Brussels",
        country="BE",
    ),
    "vienna": dict(
        kind="honorary_consulate",
        name="Honorary Consulate of Kazakhstan",
        represented_country="KZ",
        head_title="Honorary Consul",
        city="Vienna",
        country="AT",
    ),
    "graz": dict(
        kind="consulate",
        name="Consulate of Kazakhstan",
        represented_country="KZ",
        head_title="Consul",
        city="Graz",
        country="AT",
    ),
    "stockholm": dict(
        kind="company", name="Telia", head_title="Chief Executive", city="Stockholm", country="SE"
    ),
    "mansfield": dict(
        kind="company",
        name="Marks & Spencer",
        head_title="Store Manager",
        city="Mansfield",
        country="GB",
    ),
}

DAY_OF_ACTION_DEMANDS = [
    "Stop the repression: release all political prisoners in Kazakhstan!",
    "Drop all charges against the striking oil workers of Zhanaozen and their supporters!",
    "For the right to strike and to organise in independent trade unions!",
    "No investment that props up the dictatorship!",
]

# (target key, local start time, venue, address, postcode, directions)
DAY_OF_ACTION = [
    (
        "london",
        time(12),
        "Outside the Kazakhstan embassy",
        "33 Thurloe Square",
        "SW7 2SD",
        "Nearest tube South Kensington",
    ),
    (
        "berlin",
        time(13),
        "In front of the Kazakh embassy",
        "Nordsternstraße 2",
        "14193",
        "S-Bahn Grunewald",
    ),
    ("brussels", time(12), "At the embassy gate", "Avenue Van Bever 30", "1180", ""),
    ("vienna", time(14), "Outside the Honorary Consulate", "Vienna city centre", "", ""),
    ("graz", time(11), "Outside the Consulate of Kazakhstan", "Graz city centre", "", ""),
    (
        "stockholm",
        time(12),
        "Outside the Telia shop",
        "Drottninggatan, central Stockholm",
        "",
        "Telia controls most of Kazakhstan's mobile networks",
    ),
    ("mansfield", time(11), "Outside Marks & Spencer", "Four Seasons Shopping Centre", "", ""),
]

# Where each target stands (from the reports' addresses; city centres where they name none).
COORDINATES = {
    "london": (51.4944, -0.1717),
    "berlin": (52.4871, 13.2835),
    "brussels": (50.8048, 4.3556),
    "vienna": (48.2082, 16.3738),
    "graz": (47.0707, 15.4395),
    "stockholm": (59.3326, 18.0649),
    "mansfield": (53.1443, -1.1985),
}

ZONES = {
    "GB": "Europe/London",
    "DE": "Europe/Berlin",
    "BE": "Europe/Brussels",
    "AT": "Europe/Vienna",
    "SE": "Europe/Stockholm",
}

# Past lobbies from the reports: (slug, date, start, hours, title, description, demands)
HISTORY = [
    (
        "london-2010-09-29-solidarity-protest",
        date(2010, 9, 29),
        time(12),
        2,
        "Solidarity protest at the Kazakh embassy",
        "Against the charges laid against Ainur Kurmanov and Esenbek Ukteshbayev, and in support "
        "of the oil workers' strike in Western Kazakhstan. A protest letter with a petition signed "
        "by many activists was delivered to the ambassador.",
        [
            "Drop the charges against Ainur Kurmanov and Esenbek Ukteshbayev!",
            "Stop the intimidation of the striking oil workers and their lawyer!",
        ],
    ),
    (
        "london-2012-03-23-blood-on-your-hands",
        date(2012, 3, 23),
        time(12),
        2,
        "Protest lobby: Nazarbayev, blood on your hands!",
        "In solidarity with the victims of the regime, and with the demonstrations in Kazakhstan "
        "on Saturday 24 March. A letter was delivered to the ambassador.",
        [
            "Release all political prisoners!",
            "Drop all charges against the 43 workers arrested after the Zhanaozen shootings!",
        ],
    ),
    (
        "london-2012-06-21-emergency-lobby",
        date(2012, 6, 21),
        time(12),
        1,
        "Emergency lobby of the Kazakhstan embassy",
        "To condemn the latest clampdown on opponents of the Kazakh regime: the theatre director "
        "Bolat Atabayev, arrested on 15 June, and the journalist Zhanbolat Mamaia are being sent "
        "by road from Almaty to Aktau to stand trial.",
        [
            "Demand the immediate release of Bolat Atabayev, Zhanbolat Mamaia and all political "
            "prisoners in Kazakhstan!",
            "Build support for the Kazakhstan workers' movement and an end to the Nazarbayev "
            "dictatorship!",
        ],
    ),
    (
        "london-2016-05-26-land-and-democratic-rights",
        date(2016, 5, 26),
        time(12),
        2,
        "Free all political prisoners",
        "Against land privatisation and for democratic rights. The embassy locked its doors.",
        ["Free all political prisoners!", "Stop the arrests of the May 21 protesters!"],
    ),
]


def seed(owner, today: date) -> int:
    """Add the demo campaigns and lobbies that are not there yet; returns how many lobbies."""
    history = _campaign(
        owner,
        "campaign-kazakhstan",
        "Campaign Kazakhstan",
        "Solidarity with workers and activists in Kazakhstan since 2011.",
    )
    day = _campaign(
        owner,
        "international-day-of-action",
        "International day of action",
        "Lobbies of Kazakhstan's embassies, consulates and the companies that "
        "prop up the regime, in cities across Europe on one day.",
    )
    day.hosting_open = True  # "Host a lobby in your city" on its page
    added = 0
    london = _target(history, TARGETS["london"])
    for slug, when, start, hours, title, description, demands in HISTORY:
        added += _lobby(
            history,
            london,
            slug,
            when,
            start,
            hours,
            title,
            description,
            demands,
            venue="Outside the Kazakhstan embassy",
            address="33 Thurloe Square",
            postcode="SW7 2SD",
            directions="Nearest tube South Kensington",
            latitude=COORDINATES["london"][0],
            longitude=COORDINATES["london"][1],
        )
    action_day = _working_day(today + timedelta(weeks=5))
    for key, start, venue, address, postcode, directions in DAY_OF_ACTION:
        target = _target(day, TARGETS[key])
        city = TARGETS[key]["city"]
        added += _lobby(
            day,
            target,
            f"day-of-action-{key}",
            action_day,
            start,
            1,
            f"Day of action: {city}",
            "Solidarity with the oil workers.",
            DAY_OF_ACTION_DEMANDS,
            venue=venue,
            address=address,
            postcode=postcode,
            directions=directions,
            latitude=COORDINATES[key][0],
            longitude=COORDINATES[key][1],
        )
    db.session.flush()
    seed_material(day)
    return added + seed_day(owner)


def _working_day(day: date) -> date:
    """The first weekday from day on that is not in the Christmas and New Year closure."""
    while day.weekday() >= 5 or (day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1):
        day += timedelta(days=1)
    return day


def _campaign(owner, slug, name, description) -> Campaign:
    found = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
    if found is None:
        found = Campaign(
            slug=slug,
            name=name,
            description=description,
            owners=[owner],
            organisation_name="Campaign Kazakhstan",
            organisation_contact="London, United Kingdom",
        )
        db.session.add(found)
    return found


def _target(campaign, fields) -> Target:
    for target in campaign.targets:
        if target.name == fields["name"] and target.city == fields["city"]:
            return target
    return services.create_target(campaign, **fields)


def _lobby(campaign, target, slug, when, start, hours, title, description, demands, **place) -> int:
    if db.session.scalar(select(Lobby.id).where(Lobby.slug == slug)):
        return 0
    zone = ZONES[target.country]
    begins = datetime.combine(when, start)
    services.create_lobby(
        campaign,
        demands,
        slug=slug,
        title=title,
        target_id=target.id,
        city=target.city,
        country=target.country,
        timezone=zone,
        starts_at=to_utc(begins, zone),
        ends_at=to_utc(begins + timedelta(hours=hours), zone),
        description=description,
        **place,
    )
    return 1
