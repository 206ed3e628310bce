"""Stored events as a GeoJSON FeatureCollection: one Point per event that has coordinates.

Properties are flat (no nested objects) so that every GIS tool and web map can style and filter
on them directly. Coordinates are [longitude, latitude], as GeoJSON (RFC 7946) requires.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from warmonitor.store.fatalities import acled_fatalities
from warmonitor.store.records import StoredEvent


def write_geojson(events: Iterable[StoredEvent], out: TextIO) -> int:
    """Write a FeatureCollection to ``out``; the number of features written.

    Events without coordinates cannot be drawn and are left out: the caller can compare the
    return value with the number of events it passed. Features are written one by one, so a
    large export never holds the whole document in memory.
    """
    out.write('{"type": "FeatureCollection", "features": [')
    written = 0
    for stored in events:
        feature = event_feature(stored)
        if feature is None:
            continue
        out.write(",\n" if written else "\n")
        out.write(json.dumps(feature, ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    return written


def event_feature(stored: StoredEvent) -> dict[str, Any] | None:
    """The event as a GeoJSON Point feature, or None when it has no coordinates."""
    event = stored.event
    location = event.location
    if location is None or location.lat is None or location.lon is None:
        return None
    date = event.date
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
        "properties": {
            "event_id": event.id,
            "event_date": date.start.isoformat() if date and date.start else None,
            "event_type": event.event_type,
            "sub_event_type": event.sub_event_type,
            "actor1": event.actor1.name if event.actor1 else None,
            "actor2": event.actor2.name if event.actor2 else None,
            "location": location.name,
            "admin1": location.admin1,
            "country_code": location.country_code,
            "fatalities": acled_fatalities(event.figures),
            "modality": event.modality,
            "according_to": event.according_to.name if event.according_to else None,
            "geo_precision": location.precision,
            "review_status": stored.review_status,
        },
    }
