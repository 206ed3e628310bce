"""Relative dates resolved against the publication day, with UCDP date precision."""

import datetime as dt

import pytest

from warmonitor.nlp.dates import resolve_date

FRIDAY = dt.date(2017, 6, 30)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Friday", FRIDAY, FRIDAY, 1),
        ("on Tuesday", dt.date(2017, 6, 27), dt.date(2017, 6, 27), 1),
        ("yesterday", dt.date(2017, 6, 29), dt.date(2017, 6, 29), 1),
        ("two days ago", dt.date(2017, 6, 28), dt.date(2017, 6, 28), 1),
        ("last week", dt.date(2017, 6, 19), dt.date(2017, 6, 25), 3),
        ("June 28", dt.date(2017, 6, 28), dt.date(2017, 6, 28), 1),
        ("28 June 2016", dt.date(2016, 6, 28), dt.date(2016, 6, 28), 1),
        ("in July", dt.date(2016, 7, 1), dt.date(2016, 7, 31), 4),
        ("in 2014", dt.date(2014, 1, 1), dt.date(2014, 12, 31), 5),
        ("last Friday", dt.date(2017, 6, 23), dt.date(2017, 6, 23), 1),
        ("between Monday and Wednesday", dt.date(2017, 6, 26), dt.date(2017, 6, 28), 2),
        ("from Friday to Sunday", dt.date(2017, 6, 23), dt.date(2017, 6, 25), 2),
        ("since Tuesday", dt.date(2017, 6, 27), FRIDAY, 2),
        ("over the weekend", dt.date(2017, 6, 24), dt.date(2017, 6, 25), 2),
        ("overnight", dt.date(2017, 6, 29), FRIDAY, 2),
        ("two weeks ago", dt.date(2017, 6, 13), dt.date(2017, 6, 19), 3),
        ("three months ago", dt.date(2017, 3, 17), dt.date(2017, 4, 16), 4),
        ("earlier this month", dt.date(2017, 6, 1), FRIDAY, 4),
        ("last year", dt.date(2016, 1, 1), dt.date(2016, 12, 31), 5),
        ("Christmas Day", dt.date(2016, 12, 25), dt.date(2016, 12, 25), 1),
        ("New Year's Eve", dt.date(2016, 12, 31), dt.date(2016, 12, 31), 1),
        ("Memorial Day", dt.date(2017, 5, 29), dt.date(2017, 5, 29), 1),
        ("Thanksgiving", dt.date(2016, 11, 24), dt.date(2016, 11, 24), 1),
        ("the Fourth of July", dt.date(2016, 7, 4), dt.date(2016, 7, 4), 1),
    ],
)
def test_dates_resolve_against_publication(text, start, end, precision):
    resolved = resolve_date(text, FRIDAY)
    assert (resolved.start, resolved.end, resolved.precision) == (start, end, precision)


def test_dates_durations_are_not_dates():
    assert resolve_date("four to five days", FRIDAY) is None


def test_dates_relative_without_publication_stay_unresolved():
    assert resolve_date("on Friday", None) is None
    assert resolve_date("28 June 2016", None).start == dt.date(2016, 6, 28)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("on 6/23/17", dt.date(2017, 6, 23)),  # only one reading: June has no 23rd month
        ("23/06/2017", dt.date(2017, 6, 23)),
        ("2017-06-23", dt.date(2017, 6, 23)),
        ("6/2/17", dt.date(2017, 6, 2)),  # 2 June is weeks before, 6 February months
        ("2/6/17", dt.date(2017, 6, 2)),
    ],
)
def test_dates_written_in_figures(text, day):
    resolved = resolve_date(text, FRIDAY)
    assert (resolved.start, resolved.end, resolved.precision) == (day, day, 1)


def test_dates_in_figures_that_read_both_ways_within_weeks_stay_unresolved():
    # 5 June and 6 May are both weeks before publication: no way to tell which is meant.
    assert resolve_date("6/5/17", FRIDAY) is None
    assert resolve_date("6/23/17", None).start == dt.date(2017, 6, 23)
    assert resolve_date("6/2/17", None) is None


@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("just after 3:30 a.m.", 3),
        ("around 10:45 p.m.", 22),
        ("12:15 a.m.", 0),
        ("12 p.m.", 12),
        ("just before noon", 12),
        ("in the early morning", 5),
        ("Friday night", None),  # a day, not an hour
        ("13:30 p.m.", None),
    ],
)
def test_dates_the_hour_a_time_of_day_names(text, hour):
    from warmonitor.nlp.dates import hour_of_day

    assert hour_of_day(text) == hour


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("the day before", -1),
        ("the previous night", -1),
        ("a day earlier", -1),
        ("the next morning", 1),
        ("a day later", 1),
        ("that night", 0),
        ("later that day", 0),
        ("that week", None),  # no day
        ("Friday", None),  # read against publication, not against another day
    ],
)
def test_dates_days_told_from_another_day(text, days):
    from warmonitor.nlp.dates import days_from_a_told_day

    assert days_from_a_told_day(text) == days
