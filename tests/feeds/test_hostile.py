"""Hostile text in every field a feed shows: never an extra component or property, exact
round-trip (line breaks normalised to LF, as iCalendar TEXT has only one kind), never a 500.
The same tests run again under `python -O`, where asserts in library code are gone."""

import subprocess
import sys
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from icalendar import Calendar

from organiser.extensions import db
from organiser.feeds.ical import clean_text, location_text, one_line
from organiser.lobbies import services
from organiser.lobbies.models import Campaign
from organiser.lobbies.places import country_name

INJECTION = "END:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT"
HOSTILE = [
    "semi;colon, comma\\ backslash \\n not-a-newline",
    "CR\rLF\nCRLF\r\nlone CR at end\r",
    INJECTION,
    "END:VCALENDAR\r\nBEGIN:VCALENDAR",
    "Привет, посольство! ✊🏽🙂 Жанаозен",
    "tab\there \x01soh \x07bell \x1b escape \x7f del",
]
EVENT_PROPERTIES = {
    "summary",
    "dtstart",
    "dtend",
    "dtstamp",
    "uid",
    "sequence",
    "categories",
    "created",
    "description",
    "last-modified",
    "location",
    "status",
    "url",
}


def at_the_fold(text: str, shift: int) -> str:
    """Multi-byte characters placed where lines fold (75 octets), shifted by a few octets."""
    return "x" * shift + "Жж🙂✊🏽" * 12 + text


@pytest.fixture
def hostile_lobbies(app, campaign, make_lobby) -> None:
    """The campaign renamed with hostile text, and a lobby with each hostile text in every field
    (the multi-byte one shifted across the fold four ways): nine lobbies."""
    with app.app_context():
        found = db.session.get(Campaign, campaign.id)
        services.update(found, name="Camp;aign, \\ \r\nEND:VEVENT\r\nBEGIN:VEVENT 🙂")
        db.session.commit()
    for n, text in enumerate(HOSTILE):
        for shift in (0, 1, 2, 3) if n == 4 else (0,):
            value = at_the_fold(text, shift)[:190] if n == 4 else text
            make_lobby(
                campaign,
                title=value,
                venue=value,
                address=value + "\nSecond line",
                directions=value,
                demands=[value, "Second: " + value],
                city=f"City {n}-{shift}",
            )


def expected(lobby) -> dict:
    return {
        "summary": clean_text(lobby.title),
        "location": location_text(lobby, country_name),
        "categories": [clean_text(lobby.campaign.name)],
    }


def test_hostile_text_round_trips_in_ical_js_and_icalendar(
    app, client, campaign, read_ics, hostile_lobbies, all_lobbies, assert_wire_format
):
    response = client.get("/calendar.ics")
    assert response.status_code == 200
    assert_wire_format(response.data)
    calendar = read_ics(response.data)
    lobbies = all_lobbies()
    assert set(calendar["components"]) == {"vtimezone", "vevent"}
    assert len(calendar["events"]) == len(lobbies) == 9
    events = {event["uid"]: event for event in calendar["events"]}
    for lobby in lobbies:
        event = events[lobby.uid]
        assert set(event["properties"]) == EVENT_PROPERTIES
        assert len(event["properties"]) == len(EVENT_PROPERTIES)
        assert event["components"] == []
        for key, value in expected(lobby).items():
            assert event[key] == value
        description = event["description"]
        assert f"1. {clean_text(lobby.demands[0].text)}\n" in description
        assert f"2. {clean_text(lobby.demands[1].text)}\n" in description
        assert f"Getting there: {clean_text(lobby.directions)}\n" in description
    # icalendar reads the same.
    parsed = Calendar.from_ical(response.data)
    assert len(parsed.events) == 9
    for event in parsed.events:
        lobby = next(lobby for lobby in lobbies if lobby.uid == str(event["UID"]))
        assert str(event["SUMMARY"]) == clean_text(lobby.title)
        assert str(event["LOCATION"]) == location_text(lobby, country_name)


def test_hostile_calendar_names(
    app, client, campaign, read_ics, hostile_lobbies, assert_wire_format
):
    with app.app_context():
        name = db.session.get(Campaign, campaign.id).name
    response = client.get(f"/campaigns/{campaign.slug}/calendar.ics")
    assert response.status_code == 200
    assert_wire_format(response.data)
    calendar = read_ics(response.data)
    assert calendar["name"] == calendar["calname"] == "Lobbies: " + one_line(name)
    assert len(calendar["events"]) == 9
    city = "Lon;don,\\ \x07END:VCALENDAR\r\nBEGIN:VCALENDAR\rЖ🙂"
    response = client.get("/calendar.ics?city=" + quote(city))
    assert response.status_code == 200
    assert_wire_format(response.data)
    calendar = read_ics(response.data)
    assert calendar["events"] == []
    assert set(calendar["components"]) <= {"vtimezone"}
    assert calendar["calname"] == "Lobbies: " + one_line(" ".join(city.split()))


def test_hostile_text_on_every_page_is_never_a_500(
    app, client, campaign, hostile_lobbies, all_lobbies
):
    for lobby in all_lobbies():
        for url in (f"/lobbies/{lobby.slug}", f"/lobbies/{lobby.slug}.ics"):
            assert client.get(url).status_code == 200, url
    for url in ("/calendar", f"/campaigns/{campaign.slug}", "/calendar.ics?city=%07%0D%E2%80%A8"):
        assert client.get(url).status_code == 200, url


@pytest.mark.skipif(sys.flags.optimize > 0, reason="already running under python -O")
def test_the_same_tests_pass_under_python_optimize(tmp_path, read_ics):
    """Every other test of this module passes under -O (read_ics: skipped here, as they are,
    where ical.js cannot run)."""
    root = Path(__file__).resolve().parents[2]
    report = tmp_path / "optimized.xml"
    done = subprocess.run(
        [sys.executable, "-O", "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        + [f"--junitxml={report}", __file__],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    outcomes = {
        case.get("name"): [child.tag for child in case] or ["passed"]
        for case in ElementTree.parse(report).iter("testcase")
    }
    this = "test_the_same_tests_pass_under_python_optimize"
    others = {name for name in globals() if name.startswith("test_") and name != this}
    assert set(outcomes) == others | {this}, "every test of this module ran under -O"
    assert outcomes[this] == ["skipped"]
    for name in others:
        assert outcomes[name] == ["passed"], (name, outcomes[name])
