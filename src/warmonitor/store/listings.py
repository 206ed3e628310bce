"""The places and actors that stored events name, with how many events name each.

These feed the API's pick lists and the map page's filters: most-named first, so the places and
actors an analyst is likely to want come at the top.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class PlaceCount:
    place_key: str
    name: str
    lat: float | None
    lon: float | None
    country_code: str | None
    admin1: str | None
    events: int


@dataclass(frozen=True)
class ActorCount:
    name: str
    type: str | None
    sector: str | None
    country: str | None
    events: int


_PLACES = """
SELECT p.place_key, p.name, p.lat, p.lon, p.country_code, p.admin1, COUNT(*) AS events
FROM events AS e JOIN places AS p ON p.place_key = e.place_key
WHERE (? IS NULL OR wm_contains(p.name, ?)) AND (? IS NULL OR p.country_code = ?)
GROUP BY p.place_key
ORDER BY events DESC, p.name
LIMIT ?
"""

_ACTORS = """
SELECT a.name, a.type, a.sector, a.country, COUNT(*) AS events
FROM (SELECT actor1 AS name FROM events WHERE actor1 IS NOT NULL
      UNION ALL
      SELECT actor2 FROM events WHERE actor2 IS NOT NULL AND actor2 != COALESCE(actor1, ''))
     AS named JOIN actors AS a ON a.name = named.name
WHERE ? IS NULL OR wm_contains(a.name, ?)
GROUP BY a.name
ORDER BY events DESC, a.name
LIMIT ?
"""


def select_places(
    conn: sqlite3.Connection, name: str | None, country_code: str | None, limit: int
) -> list[PlaceCount]:
    rows = conn.execute(_PLACES, (name, name, country_code, country_code, limit))
    return [PlaceCount(*row) for row in rows]


def select_actors(conn: sqlite3.Connection, name: str | None, limit: int) -> list[ActorCount]:
    rows = conn.execute(_ACTORS, (name, name, limit))
    return [ActorCount(*row) for row in rows]
