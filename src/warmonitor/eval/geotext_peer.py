"""geotext, a runnable peer, read as a geoparser so that `warmonitor eval` can score it beside
warmonitor in the same run.

geotext finds capitalised words that match a GeoNames name (cities15000 and the country list it
ships) and tells, for each city, one country. It gives no offsets and no coordinates, so:

- spans: each name it returns is looked up in the text from where the previous name of the same
  list was found (it returns names in text order);
- cities: the most populous place of its own ``cities15000.txt`` with that name in the country it
  names;
- countries: the country's GeoNames id from its own ``countryInfo.txt``, placed at the same point
  warmonitor's gazetteer gives the country, so that only the choice of place is compared.

Nationalities ("Syrian") are left out, as warmonitor does not report them as places either.
geotext is installed only in the evaluation environment (``requirements-eval.lock``).
"""

from __future__ import annotations

import csv
import importlib.resources
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from warmonitor.model import Place, Span

PEER = "geotext"

CountryPoint = Callable[[str], tuple[float, float] | None]  # ISO2 -> its point


def geotext_available() -> bool:
    try:
        import geotext  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class _City:
    geonameid: int
    lat: float
    lon: float
    population: int


class GeotextPeer:
    """geotext's places in a text, as :class:`~warmonitor.model.Place` values."""

    def __init__(self, country_point: CountryPoint) -> None:
        from geotext import GeoText  # only in the evaluation environment

        self._geotext = GeoText
        self._country_point = country_point

    def places(self, text: str) -> tuple[Place, ...]:
        found = self._geotext(text)
        places: list[Place] = []
        for name, span in _spans(text, found.countries):
            place = self._country(name, span)
            if place is not None:
                places.append(place)
        for name, span in _spans(text, found.cities):
            place = self._city(name, span)
            if place is not None:
                places.append(place)
        return tuple(sorted(places, key=lambda p: p.span.start if p.span else 0))

    def _country(self, name: str, span: Span) -> Place | None:
        code = self._geotext.index.countries.get(name.lower())
        if code is None:
            return None
        point = self._country_point(code)
        return _place(name, span, self._country_ids.get(code), point, code, "PCLI", 6)

    def _city(self, name: str, span: Span) -> Place | None:
        code = self._geotext.index.cities.get(name.lower())
        city = self._cities.get((name.lower(), code))
        if city is None:
            return None
        return _place(name, span, city.geonameid, (city.lat, city.lon), code, "PPL", 1)

    @cached_property
    def _cities(self) -> dict[tuple[str, str], _City]:
        """(lowercased name, ISO2) -> the most populous such place in geotext's own table."""
        cities: dict[tuple[str, str], _City] = {}
        for row in _rows("cities15000.txt"):
            # GeoNames dump columns: 0 id, 1 name, 4 lat, 5 lon, 8 country, 14 population
            key = (row[1].lower(), row[8])
            city = _City(int(row[0]), float(row[4]), float(row[5]), int(row[14] or 0))
            if key not in cities or city.population > cities[key].population:
                cities[key] = city
        return cities

    @cached_property
    def _country_ids(self) -> dict[str, int]:
        # countryInfo.txt columns: 0 ISO2 ... 16 GeoNames id
        return {row[0]: int(row[16]) for row in _rows("countryInfo.txt") if row[16].isdigit()}


def _place(
    name: str,
    span: Span,
    geonameid: int | None,
    point: tuple[float, float] | None,
    country_code: str | None,
    feature_code: str,
    precision: int,
) -> Place:
    return Place(
        name=name,
        span=span,
        geonameid=geonameid,
        lat=point[0] if point else None,
        lon=point[1] if point else None,
        country_code=country_code,
        admin1=None,
        admin2=None,
        feature_code=feature_code,
        precision=precision,
    )


def _rows(name: str) -> Iterator[list[str]]:
    path = importlib.resources.files("geotext").joinpath("data", name)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#") and len(row) > 16:
                yield row


def _spans(text: str, names: list[str]) -> Iterator[tuple[str, Span]]:
    cursor = 0
    for name in names:
        start = text.find(name, cursor)
        if start < 0:
            continue
        end = start + len(name)
        cursor = end
        yield name, Span(start, end, name)
