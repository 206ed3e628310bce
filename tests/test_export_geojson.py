"""GeoJSON export: a valid FeatureCollection, [lon, lat] order, undrawable events left out."""

from __future__ import annotations

import io
import json

import pytest

from tests.test_store_builders import all_extractions, battle_event
from warmonitor.export.geojson import write_geojson
from warmonitor.store import EventFilter, StoredEvent, open_store


@pytest.fixture(scope="module")
def stored_events() -> list[StoredEvent]:
    with open_store(":memory:") as store:
        for extraction in all_extractions():
            store.save(extraction)
        return store.query_events(EventFilter())


def export(events: list[StoredEvent]) -> tuple[int, dict]:
    out = io.StringIO()
    written = write_geojson(events, out)
    return written, json.loads(out.getvalue())


def test_feature_collection_with_points(stored_events: list[StoredEvent]):
    written, document = export(stored_events)
    assert document["type"] == "FeatureCollection"
    assert written == len(document["features"]) == 3  # the undated, unplaced event is left out
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_coordinates_are_longitude_first(stored_events: list[StoredEvent]):
    _, document = export(stored_events)
    battle = next(f for f in document["features"] if f["id"] == battle_event().id)
    assert battle["geometry"]["coordinates"] == [42.4497, 36.3768]


def test_properties_are_flat(stored_events: list[StoredEvent]):
    _, document = export(stored_events)
    battle = next(f for f in document["features"] if f["id"] == battle_event().id)
    assert battle["properties"] == {
        "event_id": battle_event().id,
        "event_date": "2024-03-04",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Islamic State",
        "actor2": "Military Forces of Iraq",
        "location": "Tal Afar",
        "admin1": "Nineveh",
        "country_code": "IQ",
        "fatalities": 12,
        "modality": "claimed",
        "according_to": "Iraqi military",
        "geo_precision": 1,
        "review_status": "unreviewed",
    }
    for feature in document["features"]:
        assert not any(isinstance(v, (dict, list)) for v in feature["properties"].values())


def test_empty_export_is_still_valid():
    written, document = export([])
    assert written == 0
    assert document == {"type": "FeatureCollection", "features": []}
