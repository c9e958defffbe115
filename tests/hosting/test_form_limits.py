"""Every field of the host's form has limits, and a clear error next to it."""

import pytest

TOO_LONG = {
    "host_name": 101,
    "host_email": 255,
    "venue": 201,
    "address": 501,
    "postcode": 21,
    "city": 101,
    "timezone": 65,
    "message": 1001,
}

CASES = [
    *[
        pytest.param(name, "x" * n, "longer than", id=f"{name}-too-long")
        for name, n in TOO_LONG.items()
    ],
    pytest.param("host_name", "", "Please give your name", id="name-missing"),
    pytest.param("host_email", "", "Please give your email", id="email-missing"),
    pytest.param("host_email", "Lina <lina@example.org>", "not an email address", id="email-bare"),
    pytest.param("venue", " ", "Please give the venue", id="venue-missing"),
    pytest.param("address", "", "Please give the address", id="address-missing"),
    pytest.param("city", "", "Please give the city", id="city-missing"),
    pytest.param("country", "XX", "Not a valid choice", id="country-unknown"),
    pytest.param("timezone", "Mars/Olympus", "is not a time zone", id="zone-unknown"),
    pytest.param("latitude", "91", "between -90", id="latitude-range"),
    pytest.param("longitude", "-181", "between -180", id="longitude-range"),
    pytest.param("latitude", "north", "Not a valid float", id="latitude-text"),
    pytest.param("date", "2031-02-30", "Not a valid date", id="date-invalid"),
    pytest.param("date", "2001-05-01", "already passed", id="date-past"),
    pytest.param("date", "2150-05-01", "Choose a date between", id="date-far"),
    pytest.param("start_time", "25:00", "Not a valid time", id="start-invalid"),
    pytest.param("end_time", "11:00", "The end must be after the start", id="end-before-start"),
]


@pytest.mark.parametrize(("field", "value", "message"), CASES)
def test_each_field_says_what_is_wrong_next_to_it(
    client, open_campaign, propose, proposals, field, value, message
):
    response = propose(client, open_campaign.slug, **{field: value})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    error_id = {"end_time": "end_time"}.get(field, field)
    start = page.index(f'id="{error_id}-errors"')
    assert message in page[start : start + 400], page[start : start + 400]
    assert proposals() == []


def test_a_time_the_clocks_skip_is_refused(client, open_campaign, propose, proposals):
    # Sweden springs forward at 02:00 on 30 March 2031.
    response = propose(
        client, open_campaign.slug, date="2031-03-30", start_time="02:30", end_time="04:00"
    )
    assert response.status_code == 422
    assert "does not exist in Europe/Stockholm" in response.get_data(as_text=True)
    assert proposals() == []


def test_a_repeated_time_asks_which_one(client, open_campaign, propose, proposals):
    # Sweden falls back at 03:00 on 26 October 2031: 02:30 happens twice.
    asked = propose(
        client, open_campaign.slug, date="2031-10-26", start_time="02:30", end_time="04:00"
    )
    assert asked.status_code == 422
    assert "happens twice" in asked.get_data(as_text=True)
    answered = propose(
        client,
        open_campaign.slug,
        date="2031-10-26",
        start_time="02:30",
        end_time="04:00",
        start_occurrence="1",
    )
    assert answered.status_code == 302
    assert len(proposals()) == 1


def test_a_form_without_its_csrf_token_is_refused(client, open_campaign, host_form, proposals):
    response = client.post(f"/campaigns/{open_campaign.slug}/host", data=host_form)
    assert response.status_code == 400
    assert proposals() == []


def test_a_zone_of_another_country_asks_for_confirmation(client, open_campaign, propose, proposals):
    asked = propose(client, open_campaign.slug, timezone="Asia/Tokyo")
    assert asked.status_code == 422
    page = asked.get_data(as_text=True)
    assert "Asia/Tokyo is not a time zone of Sweden" in page
    assert 'name="zone_confirmed" value="Asia/Tokyo"' in page
    assert proposals() == []
    confirmed = propose(
        client, open_campaign.slug, timezone="Asia/Tokyo", zone_confirmed="Asia/Tokyo"
    )
    assert confirmed.status_code == 302
    assert proposals()[0].timezone == "Asia/Tokyo"
