"""Numbers of people as news writes them, read into ranges by the rule of DESIGN.md."""

import pytest

from warmonitor.nlp.quantities import iter_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "low", "best", "high", "approximate"),
    [
        ("900,000 people", 900_000, 900_000, 900_000, False),
        ("about 200 militants", 200, 200, 200, True),
        ("four to five", 4, 4, 5, True),
        ("between 20 and 30", 20, 20, 30, True),
        ("20-30", 20, 20, 30, True),
        ("at least 12", 12, 12, None, True),
        ("more than 300", 301, 301, None, True),
        ("up to 40", None, 40, 40, True),
        ("dozens of civilians", 24, 24, 99, True),
        ("scores", 40, 40, 99, True),
        ("hundreds", 200, 200, 999, True),
        ("thousands", 2_000, 2_000, 9_999, True),
        ("Tens of thousands of civilians", 20_000, 20_000, 99_999, True),
        ("hundreds of thousands of people", 200_000, 200_000, 999_999, True),
        ("twenty-five soldiers", 25, 25, 25, False),
        ("1.5 million refugees", 1_500_000, 1_500_000, 1_500_000, False),
        ("a dozen", 12, 12, 12, True),
    ],
)
def test_quantities_read_into_ranges(text, low, best, high, approximate):
    (quantity,) = iter_quantities(text)[:1]
    assert (quantity.low, quantity.best, quantity.high, quantity.approximate) == (
        low,
        best,
        high,
        approximate,
    )
    for bound in (quantity.low, quantity.high):
        if bound is not None and quantity.best is not None:
            assert (quantity.low or 0) <= quantity.best <= (quantity.high or quantity.best)


@pytest.mark.parametrize("text", ["41.68006 -83.56046", "3.5 miles away", "a 2.5-hour standoff"])
def test_quantities_a_fraction_counts_no_one(text):
    """Coordinates and measures: people are counted in whole numbers, or in a scale of them."""
    assert iter_quantities(text) == []


def test_quantities_parse_number_words():
    assert parse_number("four hundred and twenty") == 420
    assert parse_number("three thousand") == 3000
    assert parse_number("not a number") is None
