"""An organiser logs in, schedules a lobby through the form, and finds it on the home page."""

from playwright.sync_api import expect


def test_organiser_schedules_a_lobby_and_sees_it_at_the_local_time(
    live_server, page, campaign, password
):
    page.goto(f"{live_server}/organise/")
    expect(page).to_have_url(f"{live_server}/organise/login?next=%2Forganise%2F")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your campaigns")).to_be_visible()

    page.get_by_role("link", name="Campaign Kazakhstan").click()
    page.get_by_role("button", name="Schedule a lobby").click()
    page.get_by_label("Title").fill("Emergency lobby of the Kazakhstan embassy")
    page.get_by_label("Target").select_option(label="Embassy of Kazakhstan, London")
    page.get_by_label("Venue").fill("Outside the Kazakhstan embassy")
    page.get_by_label("Address").fill("33 Thurloe Square")
    page.get_by_label("Postcode").fill("SW7 2SD")
    page.get_by_label("City").fill("London")
    page.get_by_label("Country").select_option("DE")
    expect(page.get_by_label("Time zone")).to_have_attribute(
        "placeholder", "Europe/Berlin (from the country)"
    )
    page.get_by_label("Country").select_option("GB")
    expect(page.get_by_label("Time zone")).to_have_attribute(
        "placeholder", "Europe/London (from the country)"
    )
    page.get_by_label("Directions").fill("Nearest tube South Kensington")
    page.get_by_label("Date", exact=True).fill("2031-06-19")
    page.get_by_label("Starts at (local time)").fill("12:00")
    page.get_by_label("Ends at (local time)").fill("13:00")
    page.get_by_label("Demands").fill("Free Bolat Atabayev!\nEnd the dictatorship!")
    page.get_by_role("button", name="Save lobby").click()

    expect(
        page.get_by_role("heading", name="Emergency lobby of the Kazakhstan embassy")
    ).to_be_visible()
    expect(page.get_by_text("Thu 19 June 2031, 12:00 BST")).to_be_visible()
    expect(page.locator("ol li")).to_have_text(["Free Bolat Atabayev!", "End the dictatorship!"])

    page.get_by_role("link", name="Upcoming lobbies").click()
    day = page.locator("section", has_text="Emergency lobby of the Kazakhstan embassy")
    expect(day.get_by_role("heading")).to_have_text("Thursday 19 June 2031")
    item = day.locator("li", has_text="Emergency lobby of the Kazakhstan embassy")
    expect(item).to_contain_text("12:00 BST")
    expect(item).to_contain_text("London, United Kingdom")


def test_a_form_error_is_announced_next_to_its_field(live_server, page, campaign, password):
    page.goto(f"{live_server}/organise/login")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/organise/campaigns/{campaign.slug}/lobbies/new")
    page.get_by_label("Title").fill("Spring forward")
    page.get_by_label("Venue").fill("Outside the embassy")
    page.get_by_label("Address").fill("33 Thurloe Square")
    page.get_by_label("City").fill("London")
    page.get_by_label("Country").select_option("GB")
    page.get_by_label("Date", exact=True).fill("2031-03-30")
    page.get_by_label("Starts at (local time)").fill("01:30")
    page.get_by_label("Ends at (local time)").fill("03:00")
    page.get_by_role("button", name="Save lobby").click()
    start = page.get_by_label("Starts at (local time)")
    expect(start).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#start_time-errors")).to_contain_text("does not exist in Europe/London")
