"""Browser, on a phone's width: a coordinator imports a five-city day from a CSV file; the file
with one bad row is refused with its line first, the corrected one saved after its preview."""

from axe_playwright_python.sync_playwright import Axe


def fits_and_reads_well(page) -> None:
    """No sideways scroll at this width, and no serious axe violation."""
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll <= inner, f"{page.url} is {scroll} px wide at {inner} px"
    violations = Axe().run(page).response["violations"]
    serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, serious


def test_a_coordinator_imports_a_day_of_action_on_a_phone(
    live_server, page, organiser, password, day_of_action, five_cities, lobbies_csv, tmp_path
):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server}/organise/login")
    page.get_by_label("Email").fill(organiser.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/organise/campaigns/{day_of_action.slug}")
    page.get_by_role("button", name="Import lobbies from a CSV file").click()

    bad = [dict(row) for row in five_cities]
    bad[3]["zone"] = "Europe/Vienn"
    bad[4]["address"] = "Storgatan 40, " + "a-very-long-unbroken-word" * 8
    bad_file, good_file = tmp_path / "day-bad.csv", tmp_path / "day.csv"
    bad_file.write_text(lobbies_csv(bad), encoding="utf-8")
    good_file.write_text(lobbies_csv(five_cities), encoding="utf-8")

    page.get_by_label("CSV file of lobbies").set_input_files(bad_file)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    expect(page.get_by_text("Line 5, zone: “Europe/Vienn” is not a time zone")).to_be_visible()
    expect(page.get_by_role("button", name="Save these 5 lobbies")).to_have_count(0)
    fits_and_reads_well(page)

    page.get_by_label("CSV file of lobbies").set_input_files(good_file)
    page.get_by_role("button", name="Preview the corrected file").click()
    expect(page.get_by_text("5 lobbies, ready to save")).to_be_visible()
    expect(page.get_by_text("Tue 16 December 2031, 13:00 CET to 14:30 CET")).to_be_visible()
    fits_and_reads_well(page)
    page.get_by_role("button", name="Save these 5 lobbies").click()

    expect(page.get_by_text("5 lobbies added.")).to_be_visible()
    for city in ("London", "Berlin", "Brussels", "Vienna", "Luleå"):
        expect(page.locator("main")).to_contain_text(city)
