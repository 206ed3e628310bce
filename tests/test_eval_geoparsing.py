"""Geoparsing scores (warmonitor.eval.geoparsing): span matching, distances and a short real run."""

from __future__ import annotations

import pytest

from tests.conftest import GOLD, shared_file
from warmonitor.eval.geoparsing import (
    GOLD_FILE,
    CorpusTally,
    gold_toponyms,
    score_geoparsing,
    tally_article,
    unscored_spans,
)
from warmonitor.geodesy import distance_km
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


def test_geoparsing_a_place_on_an_unscored_toponym_counts_neither_way() -> None:
    record = {
        "toponyms": [
            {**_toponym(0, 8, None, None), "type": "Literal_Expression"},  # "the area"
            {**_toponym(20, 26, None, None), "type": "Non_Toponym"},  # a person named Paris
            _toponym(40, 45, 1.0, 2.0),
        ]
    }
    places = (_place(4, 8, 1, 0.0, 0.0), _place(20, 25, 2, 0.0, 0.0))
    tally = CorpusTally()
    tally_article(tally, gold_toponyms(record), places, unscored_spans(record))
    assert (tally.true_positives, tally.false_positives, tally.false_negatives) == (0, 1, 1)


def test_geotext_peer_places_carry_spans_ids_and_points() -> None:
    pytest.importorskip("geotext", reason="geotext is installed only with requirements-eval.lock")
    from warmonitor.eval.geotext_peer import GeotextPeer

    text = "Shelling hit Mosul on Monday, officials in Iraq said, and later Mosul again."
    places = GeotextPeer(lambda code: (33.0, 44.0) if code == "IQ" else None).places(text)
    assert [(p.span.start, p.span.text) for p in places if p.span] == [
        (13, "Mosul"),
        (43, "Iraq"),
        (64, "Mosul"),
    ]
    mosul, iraq = places[0], places[1]
    assert mosul.country_code == "IQ" and mosul.precision == 1
    assert distance_km(mosul.lat, mosul.lon, 36.34, 43.13) < 10
    assert (iraq.geonameid, iraq.lat, iraq.lon, iraq.precision) == (99237, 33.0, 44.0, 6)


def test_geoparsing_scores_geotext_beside_warmonitor(extractor) -> None:
    pytest.importorskip("geotext", reason="geotext is installed only with requirements-eval.lock")
    gold_dir = shared_file(GOLD / GOLD_FILE).parent
    scores = score_geoparsing(extractor, gold_dir, limit=20)
    ours = {s.metric for s in scores if not s.metric.startswith("geotext, ")}
    peers = {s.metric.removeprefix("geotext, ") for s in scores if s.metric.startswith("geotext, ")}
    assert ours and peers == ours
