"""In Chromium, at a phone's width: an organiser posts a report with a photo through the form
and it appears on the report of the day, served without EXIF or GPS."""

import io
import urllib.request

from PIL import Image
from playwright.sync_api import expect


def test_a_report_with_a_photo_goes_from_the_phone_to_the_report_page(
    live_server, page, campaign, lobby, organiser, password, phone_photo, tmp_path
):
    photo = tmp_path / "embassy.jpg"
    photo.write_bytes(phone_photo(3000, 2000))
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server}/organise/login")
    page.get_by_label("Email").fill(organiser.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/lobbies/{lobby}")
    page.get_by_role("link", name="Write the report").click()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_label("What happened").fill("The embassy locked its doors as soon as we arrived.")
    page.get_by_label("How many came").fill("30")
    page.get_by_label("The target's response").fill("Doors locked.")
    first = page.locator("fieldset", has_text="New photo 1")
    first.get_by_label("Photo", exact=True).set_input_files(str(photo))
    first.get_by_label("Caption").fill("Protesters at the embassy gate")
    first.get_by_label("The photographer agrees").check()
    page.get_by_role("button", name="Publish the report").click()
    expect(page.get_by_text("The report is published.")).to_be_visible()

    page.get_by_role("link", name="Every city's report of the day").click()
    expect(page.get_by_role("heading", name="Report of the day")).to_be_visible()
    figure = page.locator("figure", has_text="Protesters at the embassy gate")
    expect(figure).to_be_visible()
    image = figure.locator("img")
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [1600, 1067]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    with urllib.request.urlopen(live_server + image.get_attribute("src")) as response:
        served = response.read()
    assert b"Exif" not in served and b"PhoneMaker" not in served
    assert not Image.open(io.BytesIO(served)).getexif()
