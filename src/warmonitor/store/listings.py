"""The places and actors that stored events name, with how many events name each.

These feed the API's pick lists and the map page's filters: most-named first, so the places and
actors an analyst is likely to want come at the top.
"""

from __future__ import annotations

from dataclasses import dataclass

from warmonitor.store.connection import Connection


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
WHERE {conditions}
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
WHERE {conditions}
GROUP BY a.name
ORDER BY events DESC, a.name
LIMIT ?
"""


def select_places(
    conn: Connection, name: str | None, country_code: str | None, limit: int
) -> list[PlaceCount]:
    conditions, params = ["1 = 1"], []
    if name is not None:
        conditions.append("wm_contains(p.name, ?)")
        params.append(name)
    if country_code is not None:
        conditions.append("p.country_code = ?")
        params.append(country_code)
    sql = _PLACES.format(conditions=" AND ".join(conditions))  # constant fragments only
    return [PlaceCount(*row) for row in conn.execute(sql, (*params, limit))]


def select_actors(conn: Connection, name: str | None, limit: int) -> list[ActorCount]:
    conditions = "wm_contains(a.name, ?)" if name is not None else "1 = 1"
    params = (name, limit) if name is not None else (limit,)
    return [ActorCount(*row) for row in conn.execute(_ACTORS.format(conditions=conditions), params)]
