"""ACLED's fatalities number: vague-count conventions, claimants, scope."""

from __future__ import annotations

from warmonitor.model import Figure, Source, Span
from warmonitor.store import acled_fatalities
from warmonitor.store.fatalities import acled_count


def killed(
    text: str,
    low: int | None = None,
    *,
    best: int | None = None,
    high: int | None = None,
    by: str | None = None,
    kind: str = "killed",
    scope: str = "event",
) -> Figure:
    return Figure(
        kind=kind,
        low=low,
        best=best if best is not None else low,
        high=high,
        approximate=low is None,
        who="people",
        span=Span(0, len(text), text),
        according_to=Source(by, "media") if by else None,
        scope=scope,
    )


def test_no_killed_figure_is_zero():
    assert acled_fatalities([]) == 0
    assert acled_fatalities([killed("20 wounded", 20, kind="wounded")]) == 0


def test_a_number_gives_its_lower_bound():
    assert acled_fatalities([killed("at least 12 soldiers", 12)]) == 12
    assert acled_fatalities([killed("between 5 and 8 people", 5, best=6, high=8)]) == 5
    assert acled_fatalities([killed("twelve soldiers", 12)]) == 12
    assert acled_fatalities([killed("no one", 0)]) == 0


def test_acled_vague_conventions_override_our_ranges():
    assert acled_count(killed("several civilians", 3, high=9)) == 10
    assert acled_count(killed("many people", 10)) == 10
    assert acled_count(killed("dozens of people", 24, high=99)) == 12
    assert acled_count(killed("Dozens", 24, high=99)) == 12
    assert acled_count(killed("hundreds of fighters", 200, high=999)) == 100
    assert acled_count(killed("thousands of civilians", 2000)) == 1000
    assert acled_count(killed("tens of thousands", 20_000)) == 10_000


def test_bare_plural_is_ten():
    assert acled_count(killed("civilians")) == 10


def test_a_digit_wins_over_a_vague_word():
    assert acled_count(killed("several hundred, at least 240", 240)) == 240


def test_claimants_are_not_added_up_the_smallest_claim_wins():
    figures = [
        killed("dozens of people", 24, by="Observatory"),
        killed("30 people", 30, by="rescuers"),
    ]
    assert acled_fatalities(figures) == 12


def test_one_claimants_total_includes_its_parts():
    figures = [killed("12 people", 12, by="police"), killed("5 children", 5, by="police")]
    assert acled_fatalities(figures) == 12


def test_cumulative_figures_are_not_the_events():
    figures = [killed("thousands since 2014", 2000, scope="cumulative"), killed("3 people", 3)]
    assert acled_fatalities(figures) == 3
