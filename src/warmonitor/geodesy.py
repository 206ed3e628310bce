"""Distances and bearings on the Earth, taken as a sphere: good to a few tenths of a percent,
which is far below what a place named in a news report pins down."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def destination(lat: float, lon: float, distance_km: float, bearing: float) -> tuple[float, float]:
    """The point ``distance_km`` from (lat, lon) along ``bearing`` (degrees from north)."""
    ratio = distance_km / EARTH_RADIUS_KM
    phi, lam, theta = math.radians(lat), math.radians(lon), math.radians(bearing)
    phi2 = math.asin(
        math.sin(phi) * math.cos(ratio) + math.cos(phi) * math.sin(ratio) * math.cos(theta)
    )
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(ratio) * math.cos(phi),
        math.cos(ratio) - math.sin(phi) * math.sin(phi2),
    )
    return round(math.degrees(phi2), 5), round((math.degrees(lam2) + 540) % 360 - 180, 5)
