"""Geoparsing scores (warmonitor.eval.geoparsing): span matching, distances and a short real run."""

from __future__ import annotations

import pytest

from tests.conftest import GOLD, shared_file
from warmonitor.eval.geoparsing import (
    GOLD_FILE,
    CorpusTally,
    distance_km,
    gold_toponyms,
    score_geoparsing,
    tally_article,
)
from warmonitor.model import Place, Span


def _place(start: int, end: int, geonameid: int | None, lat: float, lon: float) -> Place:
    return Place("x", Span(start, end, "x"), geonameid, lat, lon, None, None, None, None, 1)


def _toponym(start: int, end: int, lat: float | None, lon: float | None, geonameid=None) -> dict:
    return {"start": start, "end": end, "lat": lat, "lon": lon, "geonameid": geonameid}


def test_geoparsing_distance_is_great_circle() -> None:
    assert distance_km(0.0, 0.0, 0.0, 0.0) == 0.0
    # One degree of latitude is about 111 km anywhere.
    assert distance_km(10.0, 20.0, 11.0, 20.0) == pytest.approx(111.2, abs=0.5)
    # Mosul to Raqqa, about 370 km.
    assert distance_km(36.34, 43.13, 35.95, 39.01) == pytest.approx(373, abs=15)


def test_geoparsing_only_toponyms_with_coordinates_are_gold() -> None:
    record = {"toponyms": [_toponym(0, 4, None, None), _toponym(10, 15, 1.0, 2.0)]}
    assert [t["start"] for t in gold_toponyms(record)] == [10]


def test_geoparsing_overlapping_spans_match_once_and_errors_are_measured() -> None:
    gold = [_toponym(0, 5, 36.34, 43.13, 99434), _toponym(20, 25, 35.95, 39.01, 170794)]
    places = (
        _place(0, 5, 99434, 36.34, 43.13),  # right place, right id
        _place(1, 4, 99434, 36.34, 43.13),  # the same toponym again: a false positive
        _place(19, 24, 1, 36.34, 43.13),  # overlaps the second, wrong id, about 370 km off
        _place(40, 45, 2, 0.0, 0.0),  # no toponym there
    )
    tally = CorpusTally()
    tally_article(tally, gold, places)
    assert (tally.true_positives, tally.false_positives, tally.false_negatives) == (2, 2, 0)
    assert (tally.with_id, tally.same_id, tally.located, tally.near) == (2, 1, 2, 1)
    assert tally.error_km == pytest.approx(distance_km(36.34, 43.13, 35.95, 39.01))


def test_geoparsing_scores_real_articles(extractor) -> None:
    gold_dir = shared_file(GOLD / GOLD_FILE).parent
    scores = score_geoparsing(extractor, gold_dir, limit=30)
    assert scores and all(0.0 <= s.score <= 1.0 for s in scores)
    f1 = [s for s in scores if s.metric.endswith("toponym F1")]
    assert f1 and all(s.score > 0.3 for s in f1)
