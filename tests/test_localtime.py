"""Wall-clock times at a venue: gaps, repeats and ordinary days."""

from datetime import UTC, datetime

import pytest

from organiser.lobbies.localtime import (
    AmbiguousLocalTime,
    NonexistentLocalTime,
    to_utc,
    wall_clock,
)


def test_london_in_june_is_an_hour_ahead_of_utc():
    assert to_utc(datetime(2012, 6, 21, 12), "Europe/London") == datetime(
        2012, 6, 21, 11, tzinfo=UTC
    )


def test_berlin_in_december_is_an_hour_ahead_of_utc():
    assert to_utc(datetime(2011, 12, 16, 13), "Europe/Berlin") == datetime(
        2011, 12, 16, 12, tzinfo=UTC
    )


def test_a_time_in_the_spring_forward_gap_does_not_exist():
    with pytest.raises(NonexistentLocalTime, match="does not exist in Europe/London"):
        to_utc(datetime(2027, 3, 28, 1, 30), "Europe/London")


def test_a_time_when_clocks_go_back_must_be_resolved():
    with pytest.raises(AmbiguousLocalTime, match="happens twice"):
        to_utc(datetime(2027, 10, 31, 1, 30), "Europe/London")
    first = to_utc(datetime(2027, 10, 31, 1, 30), "Europe/London", fold=0)
    second = to_utc(datetime(2027, 10, 31, 1, 30), "Europe/London", fold=1)
    assert first == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    assert second == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)


def test_wall_clock_shows_the_zone_abbreviation():
    instant = datetime(2012, 6, 21, 11, tzinfo=UTC)
    assert wall_clock(instant, "Europe/London") == "Thu 21 June 2012, 12:00 BST"
    assert wall_clock(instant, "Asia/Almaty") == "Thu 21 June 2012, 17:00 +06"
