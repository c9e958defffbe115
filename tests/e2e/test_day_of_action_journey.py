"""A day of action across the features, in Chromium at a phone's width: the coordinator imports
five cities from a CSV file (a bad row refused first, with its line), a local host proposes a
sixth and the coordinator approves it, the map shows six markers, the host's "delivered" reaches
the coordinator's open board by itself, and the host's report with a phone photo appears on the
report of the day, the photo served without its EXIF/GPS block. Every page either browser
visits is checked at 360 and 1280 px (tests/visited_pages.py)."""

import io
import re
import urllib.request

from PIL import Image
from playwright.sync_api import expect

from tests.visited_pages import VisitedPages

PHONE = {"width": 360, "height": 800}
HEADER = "city,country,venue,address,date,start,end,target,latitude,longitude"
CITIES = [
    "London,GB,Outside the embassy,33 Thurloe Square,2031-12-16,12:00,13:00,{t},51.4944,-0.1717",
    "Berlin,DE,Vor der Botschaft,Nordsternstraße 2,2031-12-16,13:00,14:00,,52.4871,13.2835",
    "Brussels,BE,At the embassy gate,Avenue Van Bever 30,2031-12-16,12:00,13:00,,50.8048,4.3556",
    "Vienna,AT,Outside the consulate,Stubenring 2,2031-12-16,14:00,15:00,,48.2082,16.3738",
    "Graz,AT,Outside the consulate,Hauptplatz 1,2031-12-16,11:00,12:00,,47.0707,15.4395",
]
LINK_RE = re.compile(r"https?://[^\s/]+(/host/[A-Za-z0-9_/-]+)")


def links_in(message) -> list[str]:
    """The /host/... paths an email carries, in order."""
    return LINK_RE.findall(message.get_payload(decode=True).decode())


def test_a_five_city_day_grows_a_sixth_city_and_is_reported(
    app, live_server, page, browser, campaign, organiser, password, smtp, phone_photo, tmp_path
):
    app.config["MAP_TILE_URL"] = ""  # no tiles fetched: no network needed
    coordinator = page
    coordinator.set_viewport_size(PHONE)
    coordinator.goto(f"{live_server}/organise/login")
    coordinator.get_by_label("Email").fill(organiser.email)
    coordinator.get_by_label("Password").fill(password)
    coordinator.get_by_role("button", name="Log in").click()
    organise = f"{live_server}/organise/campaigns/{campaign.slug}"

    # Five cities from a file; the first try names an embassy the campaign does not have.
    rows = [row.format(t="Embassy of Kazakhstan") for row in CITIES]
    bad, good = tmp_path / "bad.csv", tmp_path / "day.csv"
    brussels = rows[2].replace(",,50.8048", ",Embassy of Atlantis,50.8048")  # line 4
    bad.write_text("\n".join([HEADER, *rows[:2], brussels, *rows[3:]]), encoding="utf-8")
    good.write_text("\n".join([HEADER, *rows]), encoding="utf-8")
    coordinator.goto(organise)
    coordinator.get_by_role("button", name="Import lobbies from a CSV file").click()
    coordinator.get_by_label("CSV file of lobbies").set_input_files(bad)
    coordinator.get_by_role("button", name="Preview").click()
    expect(coordinator.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    expect(coordinator.get_by_text(re.compile(r"Line 4, target"))).to_be_visible()
    coordinator.get_by_label("CSV file of lobbies").set_input_files(good)
    coordinator.get_by_role("button", name="Preview the corrected file").click()
    coordinator.get_by_role("button", name="Save these 5 lobbies").click()
    expect(coordinator.get_by_text("5 lobbies added.")).to_be_visible()

    # A local host proposes Luleå from their own phone, confirms by the email's button.
    coordinator.goto(organise)
    coordinator.get_by_role("button", name="Let local hosts propose lobbies").click()
    host_context = browser.new_context(viewport=PHONE, locale="en-GB")
    host = host_context.new_page()
    host_pages = VisitedPages(host)
    host.goto(f"{live_server}/campaigns/{campaign.slug}")
    host.get_by_role("button", name="Host a lobby in your city").click()
    host.get_by_label("Your name").fill("Lina Host")
    host.get_by_label("Your email").fill("lina@example.org")
    host.get_by_label("Venue").fill("Outside the Telia shop")
    host.get_by_label("Address").fill("Storgatan 51")
    host.get_by_label("City").fill("Luleå")
    host.get_by_label("Country").select_option("SE")
    host.locator("#pin-map").click(position={"x": 120, "y": 90})
    expect(host.get_by_label("Latitude")).not_to_have_value("")
    host.get_by_label("Date", exact=True).fill("2031-12-16")
    host.get_by_label("Starts at (local time)").fill("12:00")
    host.get_by_label("Ends at (local time)").fill("13:00")
    host.get_by_role("button", name="Propose my lobby").click()
    expect(host.get_by_role("heading", name="Check your email")).to_be_visible()
    host.goto(live_server + links_in(smtp.wait_for(1)[0])[0])
    host.get_by_role("button", name="Confirm my email").click()
    expect(host.get_by_role("heading", name="Email confirmed")).to_be_visible()

    # The coordinator approves it; the map now has six markers (rendered, not only in GeoJSON).
    coordinator.goto(organise)
    coordinator.get_by_role("link", name="1 proposal waiting").click()
    coordinator.get_by_role("button", name="Review and approve").click()
    coordinator.get_by_role("button", name="Save lobby").click()
    coordinator.goto(f"{live_server}/campaigns/{campaign.slug}")
    expect(coordinator.locator(".leaflet-marker-icon")).to_have_count(6)

    # The host marks the letter delivered; the coordinator's open board shows it by itself.
    coordinator.goto(f"{organise}/board")
    luleå = coordinator.locator("article", has_text="Luleå").locator(".board-state")
    expect(luleå).to_have_text(re.compile(r"^\s*Planned"))
    host.goto(live_server + links_in(smtp.wait_for(2)[1])[-1])
    host.get_by_label("State").select_option("delivered")
    host.get_by_label("Note").fill("Taken by the shop manager")
    host.get_by_role("button", name="Update the lobby's state").click()
    expect(host.get_by_text("Your lobby is now: Letter delivered.")).to_be_visible()
    expect(luleå).to_contain_text("Letter delivered", timeout=10_000)
    expect(luleå).to_contain_text("by Lina Host (host)")

    # The host's report with a phone photo, on the report of the day, without EXIF or GPS.
    photo = tmp_path / "shop.jpg"
    photo.write_bytes(phone_photo(3000, 2000))
    host.get_by_label("What happened").fill("Leaflets outside the Telia shop; many stopped.")
    first = host.locator("fieldset", has_text="New photo 1")
    first.get_by_label("Photo", exact=True).set_input_files(str(photo))
    first.get_by_label("Caption").fill("Leafleting in Luleå")
    first.get_by_label("The photographer agrees").check()
    host.get_by_role("button", name="Publish the report").click()
    coordinator.goto(f"{live_server}/campaigns/{campaign.slug}/report")
    figure = coordinator.locator("figure", has_text="Leafleting in Luleå")
    expect(figure).to_be_visible()
    with urllib.request.urlopen(live_server + figure.locator("img").get_attribute("src")) as got:
        served = got.read()
    assert b"Exif" not in served and b"PhoneMaker" not in served
    assert not Image.open(io.BytesIO(served)).getexif()

    problems = host_pages.problems(host_context)
    host_context.close()
    assert not problems, "\n".join(problems)
