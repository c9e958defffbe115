"""What a hostile or careless visitor sends the host's form gets the form back with a reason,
never a 500 and never a row."""

import pytest

HOSTILE = [
    pytest.param("target_id", "abc", id="target-not-a-number"),
    pytest.param("target_id", "99999999999999999999", id="target-huge"),
    pytest.param("latitude", "nan", id="latitude-nan"),
    pytest.param("longitude", "inf", id="longitude-inf"),
    pytest.param("latitude", "1e309", id="latitude-overflow"),
    pytest.param("timezone", "../../etc/passwd", id="zone-path"),
    pytest.param("start_occurrence", "7", id="occurrence-unknown"),
    pytest.param("date", "9999-12-31", id="date-last"),
    pytest.param("host_email", "a@b.c" + "x" * 300, id="email-long-domain"),
]


@pytest.mark.parametrize(("field", "value"), HOSTILE)
def test_hostile_values_get_the_form_back(client, open_campaign, propose, proposals, field, value):
    response = propose(client, open_campaign.slug, **{field: value})
    assert response.status_code == 422, response.status_code
    assert 'class="field-errors"' in response.get_data(as_text=True)
    assert proposals() == []


@pytest.mark.parametrize("field", ["host_name", "venue", "address", "message"])
def test_a_nul_byte_is_a_bad_request_and_saves_nothing(
    client, open_campaign, propose, proposals, field
):
    response = propose(client, open_campaign.slug, **{field: "Lule\x00å"})
    assert response.status_code == 400  # refused for every form (PostgreSQL text takes no NUL)
    assert proposals() == []


def test_a_latitude_without_a_longitude_is_refused(client, open_campaign, propose, proposals):
    response = propose(client, open_campaign.slug, longitude="")
    assert response.status_code == 422
    assert "Give both latitude and longitude, or neither." in response.get_data(as_text=True)
    assert proposals() == []
