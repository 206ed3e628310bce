"""The offline basemap, built for real from the Natural Earth shapefile the package ships.

It is built once for the module (about 1.5 s) through basemap_json, so the cached file and the
collection the tests look at are the same.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from warmonitor.errors import WarmonitorError
from warmonitor.web.basemap import basemap_json, build_basemap

IRAQ_BAGHDAD = (44.4, 33.3)  # lon, lat


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Not created yet: basemap_json must make the folder itself.
    return tmp_path_factory.mktemp("basemap") / "cache" / "web"


@pytest.fixture(scope="module")
def first_bytes(cache_dir: Path) -> bytes:
    return basemap_json(cache_dir)


@pytest.fixture(scope="module")
def collection(first_bytes: bytes) -> dict[str, Any]:
    return json.loads(first_bytes)


def _polygons(feature: dict[str, Any]) -> list[list[list[list[float]]]]:
    geometry = feature["geometry"]
    assert geometry["type"] in ("Polygon", "MultiPolygon")
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _rings(collection: dict[str, Any]):
    for feature in collection["features"]:
        for polygon in _polygons(feature):
            yield from polygon


def _ring_contains(ring: list[list[float]], x: float, y: float) -> bool:
    """Ray casting: count the edges a ray from (x, y) towards +x crosses."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _feature_contains(feature: dict[str, Any], x: float, y: float) -> bool:
    return any(
        _ring_contains(polygon[0], x, y)
        and not any(_ring_contains(hole, x, y) for hole in polygon[1:])
        for polygon in _polygons(feature)
    )


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def _by_name(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {feature["properties"]["name"]: feature for feature in collection["features"]}


def test_is_a_feature_collection_of_the_world(collection):
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) > 150
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["properties"]["name"]


def test_known_countries_have_their_names_and_iso_codes(collection):
    by_name = _by_name(collection)
    # France's ISO_A2 in Natural Earth is -99; the code must still come through.
    for name, iso in (("France", "FR"), ("Iraq", "IQ"), ("Syria", "SY"), ("Ukraine", "UA")):
        assert by_name[name]["properties"]["iso_a2"] == iso
    # Tiny countries survive simplification rather than vanish.
    assert by_name["Vatican"]["properties"]["iso_a2"] == "VA"


def test_a_point_in_baghdad_falls_in_iraq_only(collection):
    containing = [
        feature["properties"]["name"]
        for feature in collection["features"]
        if _feature_contains(feature, *IRAQ_BAGHDAD)
    ]
    assert containing == ["Iraq"]


def test_a_point_at_sea_falls_in_no_country(collection):
    assert not any(_feature_contains(feature, 0.0, 0.0) for feature in collection["features"])


def test_every_ring_is_closed_long_enough_and_wound_as_rfc7946_asks(collection):
    for feature in collection["features"]:
        for polygon in _polygons(feature):
            for index, ring in enumerate(polygon):
                assert ring[0] == ring[-1]
                assert len(ring) >= 4
                area = _signed_area(ring)
                # Exteriors counterclockwise, holes clockwise.
                assert area > 0 if index == 0 else area < 0


def test_coordinates_are_in_range_and_rounded(collection):
    for ring in _rings(collection):
        for lon, lat in ring:
            assert -180 <= lon <= 180
            assert -90 <= lat <= 90
            assert round(lon, 3) == lon and round(lat, 3) == lat


def test_serialized_basemap_is_small(first_bytes):
    assert len(first_bytes) < 2_000_000


def test_the_cache_file_is_written_once_and_reused(cache_dir, first_bytes):
    files = sorted(cache_dir.iterdir())
    assert len(files) == 1, files  # no temporary file left behind
    cached = files[0]
    assert cached.name.startswith("basemap-") and cached.suffix == ".geojson"
    assert cached.read_bytes() == first_bytes
    mtime = cached.stat().st_mtime_ns

    started = time.perf_counter()
    again = basemap_json(cache_dir)
    elapsed = time.perf_counter() - started

    assert again == first_bytes
    assert cached.stat().st_mtime_ns == mtime
    assert elapsed < 0.5


def test_a_present_cache_file_is_served_as_it_is(cache_dir, tmp_path):
    # What is in the file is what comes back: proof that nothing is rebuilt.
    name = next(cache_dir.iterdir()).name
    (tmp_path / name).write_bytes(b'{"type":"FeatureCollection","features":[]}')
    assert basemap_json(tmp_path) == b'{"type":"FeatureCollection","features":[]}'


def test_a_coarser_tolerance_gives_a_smaller_map(collection):
    coarse = build_basemap(tolerance=0.5)
    assert len(coarse["features"]) == len(collection["features"])
    assert sum(map(len, _rings(coarse))) < sum(map(len, _rings(collection))) / 3


def test_a_negative_tolerance_is_refused():
    with pytest.raises(ValueError):
        build_basemap(tolerance=-0.1)


def test_an_unwritable_cache_folder_is_a_warmonitor_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(WarmonitorError, match="basemap cache"):
        basemap_json(blocker / "cache")
