"""Place mentions: found in the text, resolved through the gazetteer, with honest precision.

Mentions come from spaCy's GPE/LOC/FAC entities, from names spaCy mislabels (it often tags a
governorate as NORP) when the gazetteer knows them, and from "X province", "X district".
"Mosul's Old City" and "the industrial district of Raqqa" are sub-places of their city: they
resolve to the city with the sub-place kept and precision 2 ("part of a town"), never to an
unrelated town called Old City.

Precision follows UCDP's ``where_prec``: 1 a town or village, 2 part of or near a town,
3 a district (admin2), 4 a province (admin1), 5 a larger region or a natural feature that spans
one, 6 a country, 7 a continent.
"""

from __future__ import annotations

import csv
import importlib.resources
import logging
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from warmonitor.coding.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    is_generic_name,
    normalize_name,
)
from warmonitor.coding.knowledge import Knowledge
from warmonitor.coding.syntax import document_entities
from warmonitor.geodesy import destination, distance_km
from warmonitor.model import Article, Place, Span

logger = logging.getLogger(__name__)

_ADMIN1_WORDS = {"province", "governorate", "region", "state", "oblast", "prefecture"}
_ADMIN2_WORDS = {"district", "county", "raion", "municipality"}
_SUB_PLACE_WORDS = (
    r"old city|old town|city centre|city center|downtown|uptown|midtown|outskirts|suburbs?|"
    r"(?:near )?(?:north|south|east|west)(?:west|east)? ?side|"
    r"(?:\w+ )?(?:district|quarter|neighbou?rhoods?|zone|area)"
)
# A name that opens a street's ("Charlotte Avenue", "Fifth and Charlotte avenues", "Grand River
# and McGraw avenues", "Turkey Tree Lane") names the street, not the town.
# "a Bronx street" is a street in the Bronx: a street word counts written as a name, or in the
# plural that joins two.
_STREET_AFTER = re.compile(
    r"\s+(?:and\s+(?:[A-Z0-9][\w.'’-]*\s+){1,3}|(?:[A-Z][\w'’-]*\s+){1,2})?"
    r"(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.|Boulevard|Blvd\.?|Drive|Lane|Highway|Parkway|"
    r"Pkwy\.?|Terrace|Pike|Circle|(?i:streets|avenues|roads|boulevards|drives|lanes))\b"
)
# A name that follows a street's, joined to it, or a compass letter pair names a cross street
# ("on Roxbury Street near Britain", "East 30th St. near Ute", "SE Golf Park Boulevard and SE
# Fremont"), not a country or a town.
_CROSS_STREET_BEFORE = re.compile(
    r"(?:\b(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.|Boulevard|Blvd\.?|Drive|Dr\.|Lane|Ln\.)"
    r"\s+(?:near|and|at|off)\s+(?:of\s+)?|\b(?:NE|NW|SE|SW)\s+)$"
)
_SUB_PLACE_BEFORE = re.compile(rf"(?:the\s+)?(?P<sub>{_SUB_PLACE_WORDS})\s+of\s+$", re.I)
_SUB_PLACE_AFTER = re.compile(rf"^\s*['’]s\s+(?P<sub>(?:\w+\s+)?(?:{_SUB_PLACE_WORDS}))\b", re.I)
_PRECISION = {"city": 1, "admin2": 3, "admin1": 4, "feature": 5, "country": 6, "continent": 7}


# How a place is mentioned (Place.mention). A place named as such is where an event happened:
# "Syrian troops" and "the Kentucky State Police" mention Syria and Kentucky, but say nothing of
# where the troops or the police acted. A town's own police force is the one exception, as the
# last resort of police_jurisdiction.
NAMED = "named"
ADJECTIVAL = "adjectival"  # a demonym: "Syrian troops", "Palestinians"
EMBEDDED = "embedded"  # opening an organisation's name: "the Texas Department of Safety"
DATELINE = "dateline"  # the town a report was filed from: "MEMPHIS, Tenn. -"


@dataclass(frozen=True, slots=True)
class PlaceMention:
    place: Place
    token_index: int  # the head token, for tying the place to the clause that mentions it


@dataclass(frozen=True, slots=True)
class _Name:
    """A span of text that may name a place, before the gazetteer is asked."""

    start: int
    end: int
    text: str
    kind: str | None = None  # "admin1" after "X province", ...
    weak: bool = False  # counts only inside the document's focus (see _candidates)
    mention: str = NAMED  # as Place.mention
    country: str | None = None  # ISO2, for a demonym: its country needs no look-up
    state: tuple[str, str] | None = None  # (ISO2, admin1) a postal code after a town stands for


def find_places(
    doc: Doc,
    article: Article,
    gazetteer: Gazetteer,
    knowledge: Knowledge,
    home_countries: tuple[str, ...] = (),
) -> list[PlaceMention]:
    """Every place mention of the document that the gazetteer resolves, in text order.

    Names are resolved in passes. The first knows only the countries the report states
    (dateline, country names, demonyms); its answers give the document's focus, the countries
    and provinces its places lie in, and the next pass resolves every name again inside that
    focus, until the focus no longer changes: "Decatur" next to "Gainesville" and "Hall County"
    is Decatur, Georgia. A report that states no country is taken to be in ``home_countries``
    (the setting places.home_countries), if any."""
    text = doc.text  # a spaCy Doc rebuilds its text on every access
    names = _candidates(doc, text, knowledge)
    countries = tuple(context_countries(doc, article, knowledge, gazetteer)) or home_countries
    stated = _Focus(countries, frozenset())
    focus = stated
    mentions = _resolve_names(doc, text, names, gazetteer, focus)
    for _ in range(_FOCUS_PASSES):
        sharper = _focus(stated, mentions, text, gazetteer)
        if sharper == focus:
            break
        focus = sharper
        mentions = _resolve_names(doc, text, names, gazetteer, focus)
    return _with_towns_of_counties(doc, text, mentions, gazetteer)


def _with_towns_of_counties(
    doc: Doc, text: str, mentions: list[PlaceMention], gazetteer: Gazetteer
) -> list[PlaceMention]:
    """A report about a county names its towns in ways no entity tagger reads as places ("Alma
    police say", "a Sulphur man", "on Carver Street in New Roads"); a town of a county the
    report names, written as a name anywhere in it, is that town. Not within a person's name,
    nor in the county's own name ("Wilson County" is no mention of Wilson); and a town named
    like its county is left to the tagger, since the bare name may be the county's ("Hays
    district ... fled Hays")."""
    counties = [m.place for m in mentions if m.place.feature_code == "ADM2" and m.place.geonameid]
    if not counties:
        return mentions
    mentions = list(mentions)
    taken = [(m.place.span.start, m.place.span.end) for m in mentions if m.place.span]
    people = [(e.start_char, e.end_char) for e in document_entities(doc) if e.label_ == "PERSON"]
    found: list[PlaceMention] = []
    for county in {c.geonameid: c for c in counties}.values():
        for town in gazetteer.towns_in(county.geonameid):
            if len(town.name) < 4 or (is_generic_name(town.name) and " " not in town.name):
                continue
            if county.name == town.name or county.name.startswith(f"{town.name} "):
                continue  # "fled Hays" after "Hays district": the report's own unit
            for match in re.finditer(rf"\b{re.escape(town.name)}\b(?!\s+{_UNIT_WORDS})", text):
                start, end = match.span()
                elsewhere = _namesake_elsewhere(mentions, start, end, county)
                if elsewhere is not None:
                    # "Bartholomew County ... in Hartsville": the county's Hartsville, not the
                    # bigger one of another state.
                    mention = mentions[elsewhere]
                    place = replace(place_from_entry(town, mention.place.span), mention=NAMED)
                    mentions[elsewhere] = PlaceMention(place, mention.token_index)
                    continue
                if any(s < end and start < e for s, e in taken + people):
                    continue
                head = doc.char_span(start, end, alignment_mode="expand")
                place = replace(
                    place_from_entry(town, Span(start, end, match.group())), mention=NAMED
                )
                found.append(PlaceMention(place, head.root.i if head is not None else 0))
                taken.append((start, end))
    if not found:
        return mentions
    return sorted([*mentions, *found], key=lambda m: m.place.span.start if m.place.span else 0)


_UNIT_WORDS = r"(?:County|Parish|Borough|Township|Co\.)"


def _namesake_elsewhere(
    mentions: list[PlaceMention], start: int, end: int, county: Place
) -> int | None:
    """The mention read at exactly this span as a town of another state than the county's."""
    for index, mention in enumerate(mentions):
        place = mention.place
        if place.span is None or (place.span.start, place.span.end) != (start, end):
            continue
        town = place.feature_code is not None and place.feature_code.startswith("PPL")
        other_state = (place.country_code, place.admin1) != (county.country_code, county.admin1)
        return index if town and other_state and place.sub_place is None else None
    return None


@dataclass(frozen=True, slots=True)
class _Focus:
    countries: tuple[str, ...]  # ISO alpha-2, the most telling first
    admin1: frozenset[tuple[str, str]]  # (ISO alpha-2, admin1 name)
    # Countries any place named so far lies in: a weak name counts there ("shelled Kafr Nabl"
    # after "Idlib"), though one name is too little to rank other names by.
    seen: frozenset[str] = frozenset()


# A country or province becomes part of the focus when this many distinct names lie in it.
_FOCUS_NAMES = 2
# Each pass may sharpen the focus ("Georgia" the state once the report is seen to be in the US,
# then Decatur in Georgia); three passes settle almost every report.
_FOCUS_PASSES = 3


def _focus(stated: _Focus, mentions: list[PlaceMention], text: str, gazetteer: Gazetteer) -> _Focus:
    """The stated countries, plus the countries and provinces that named provinces and states
    point to or that several distinct place names lie in (a county named like the one a named
    town lies in counts there, and so does a town whose namesake does: see
    ``_namesakes_beside``); else those of the towns whose police the report cites ("Topeka
    police said a man was shot near Roosevelt Park": Kansas, so no Roosevelt Park, Michigan)."""
    by_country: dict[str, set[str]] = {}
    by_admin1: dict[tuple[str, str], set[str]] = {}
    admin1: set[tuple[str, str]] = set()
    police: set[tuple[str, str]] = set()
    counties = {m.place.name.casefold() for m in mentions if m.place.feature_code == "ADM2"}
    for mention in mentions:
        place = mention.place
        if place.country_code is None:
            continue
        key = place.name.casefold()
        by_country.setdefault(place.country_code, set()).add(key)
        if place.admin1 is None:
            continue
        if place.feature_code == "ADM1":
            admin1.add((place.country_code, place.admin1))
        elif _is_police_town(place, text):
            police.add((place.country_code, place.admin1))
        names = by_admin1.setdefault((place.country_code, place.admin1), set())
        names.add(key)
        town = place.feature_code is not None and place.feature_code.startswith("PPL")
        if town and place.admin2 and place.admin2.casefold() in counties:
            # "Franklin County" and Connell: the county Connell lies in, whichever the
            # county's name alone was read as.
            names.add(place.admin2.casefold())
    for unit, key in _namesakes_beside(mentions, by_admin1, gazetteer):
        by_admin1[unit].add(key)
    countries = list(stated.countries)
    countries += [
        code
        for code, keys in by_country.items()
        if len(keys) >= _FOCUS_NAMES and code not in countries
    ]
    admin1 |= {unit for unit, keys in by_admin1.items() if len(keys) >= _FOCUS_NAMES}
    # A police force's town is the weakest sign, read only when nothing else says.
    admin1 = admin1 or police
    named = {m.place.country_code for m in mentions if m.place.mention == NAMED}
    seen = frozenset(countries) | {code for code in named if code}
    return _Focus(tuple(countries), frozenset(admin1), seen)


# A town this large is known by its name across its country: a report naming it means it,
# wherever its other places lie.
_WELL_KNOWN_TOWN = 100_000


def _namesakes_beside(
    mentions: list[PlaceMention],
    by_admin1: dict[tuple[str, str], set[str]],
    gazetteer: Gazetteer,
) -> list[tuple[tuple[str, str], str]]:
    """(state, name) for each town read alone in its state whose name is also a town's near a
    well-known town the report names: "Benton" beside "Shreveport" is Benton, Louisiana, 25 km
    away, not the larger Benton, Arkansas, since a local report's places lie around its city.
    A well-known town keeps its reading; a small one moves nothing (it may be a street or a
    hotel read as a town), nor does a big one far away (a report names New York in passing)."""
    populations = {}
    for mention in mentions:
        place = mention.place
        if place.geonameid is not None and place.geonameid not in populations:
            read = next(
                (e for e in gazetteer.lookup(place.name) if e.geonameid == place.geonameid), None
            )
            populations[place.geonameid] = (read.population or 0) if read is not None else 0
    cities = [
        m.place
        for m in mentions
        if populations.get(m.place.geonameid, 0) >= _WELL_KNOWN_TOWN
        and m.place.lat is not None
        and m.place.lon is not None
    ]
    found = []
    for mention in mentions:
        place = mention.place
        town = place.feature_code is not None and place.feature_code.startswith("PPL")
        here = (place.country_code or "", place.admin1 or "")
        if not town or place.admin1 is None or len(by_admin1.get(here, ())) >= _FOCUS_NAMES:
            continue
        if populations.get(place.geonameid, 0) >= _WELL_KNOWN_TOWN:
            continue
        wanted = normalize_name(place.name)
        for entry in gazetteer.lookup(place.name):
            there = (entry.country_code, entry.admin1 or "")
            if (
                entry.kind == "city"
                and there != here
                and normalize_name(entry.name) == wanted
                and any(
                    (c.country_code, c.admin1) == there
                    and distance_km(c.lat, c.lon, entry.lat, entry.lon) <= _AROUND_A_CITY_KM
                    for c in cities
                )
            ):
                found.append((there, place.name.casefold()))
    return found


# How far from its city a local report's places lie.
_AROUND_A_CITY_KM = 80.0


def _resolve_names(
    doc: Doc, text: str, names: list[_Name], gazetteer: Gazetteer, focus: _Focus
) -> list[PlaceMention]:
    mentions: list[PlaceMention] = []
    covered: list[tuple[int, int]] = []
    for name in names:
        if any(s <= name.start < e for s, e in covered):
            continue
        unit = _named_unit(name, text, gazetteer, focus)
        if unit is not None:
            place = unit
            covered.append((name.start, name.end))
        elif _is_sub_place_word(name.text):
            # "the North Side" is a part of a town, never a town of that name.
            place = _part_of_last_town(mentions, name, text) if mentions else None
            covered.append((name.start, name.end))
        else:
            place = _place_for(name, text, gazetteer, focus)
            if place is not None and place.span is not None:
                covered.append((place.span.start, place.span.end))
        if place is not None:
            head = doc.char_span(name.start, name.end, alignment_mode="expand")
            mentions.append(PlaceMention(place, head.root.i if head is not None else 0))
    return sorted(mentions, key=lambda m: m.place.span.start if m.place.span else 0)


def _place_for(name: _Name, text: str, gazetteer: Gazetteer, focus: _Focus) -> Place | None:
    """The place ``name`` stands for, with its span, sub-place and precision, or None."""
    as_written = Span(name.start, name.end, text[name.start : name.end])
    if name.country is not None:  # a demonym
        entry = gazetteer.country(name.country)
        return _mentioned(entry, as_written, name) if entry is not None else None
    abbreviated = name.state or _admin1_abbreviations().get(_with_period(text, name))
    if abbreviated is not None:
        country, full_name = abbreviated
        entry = gazetteer.resolve(full_name, kind="admin1", context_countries=(country,))
        if entry is None or entry.country_code != country:
            return None
        return _mentioned(entry, as_written, name)
    try:
        state = _state_after(text, name.end, gazetteer)
        within = _resolve_within(name, state, gazetteer)
        entry = within or gazetteer.resolve(
            name.text,
            kind=name.kind,
            context_countries=focus.countries,
            context_admin1=focus.admin1,
        )
    except (sqlite3.Error, ValueError) as exc:
        # Each name fails alone: one that cannot be looked up never costs the others.
        logger.warning("the place name %r was skipped: %s", name.text[:80], exc)
        return None
    if entry is None:
        return _compass_part(name, text, gazetteer, focus)
    if state is not None and within is None and _a_town_and_its_state(name, text, gazetteer):
        # "Pinetown, North Carolina", too small for the gazetteer: no Pinetown, South Africa
        return None
    if name.weak and not _inside(entry, focus):
        return None
    if entry.kind == "city" and _is_acronym(name.text):
        return None  # "EU" is not Eu, Normandy; "WA" is not Wa, Ghana
    if _small_and_abroad(entry, focus):
        return None  # Miami's Overtown is no village in Scotland
    if _small_and_elsewhere(entry, focus):
        return None  # "Pittsburgh Police ... in Homewood" is not Homewood, Alabama
    if _NEIGHBOURHOOD_AFTER.match(text, name.end) and _elsewhere(entry, focus):
        return None  # "the Austin neighborhood" of a Chicago report is not Austin, Texas
    if _county_without_its_word(entry, text, name):
        return None  # "their son, Jordan Reeves" names no Reeves County
    police = POLICE_WORDS.match(text, name.end) is not None
    if name.mention == EMBEDDED and not _may_be_embedded(entry, name.text, focus, police=police):
        return None
    sub_place, start, end = _sub_place(text, name.start, name.end)
    relative = _relative(text, name.start) if sub_place is None else None
    if relative is not None:
        start = relative.start
    span = Span(start, end, text[start:end])
    place = _mentioned(entry, span, name)
    if sub_place:
        return _with_sub_place(place, sub_place, span)
    if relative is not None:
        return relative.applied_to(place, span)
    return place


def _compass_part(name: _Name, text: str, gazetteer: Gazetteer, focus: _Focus) -> Place | None:
    """ "South Philadelphia", "Northwest Detroit": a part of a town that the gazetteer does not
    list, placed in the town (precision 2), the part kept as its sub-place."""
    part = _COMPASS_PART.fullmatch(name.text)
    if part is None or name.weak or name.country is not None:
        return None
    if _STREET_AFTER.match(text, name.end) or _BLOCK_BEFORE.search(text, 0, name.start):
        return None  # "the 5600 block of South Princeton": a street of the town, no other town
    try:
        entry = gazetteer.resolve(
            part.group("town"),
            kind="city",
            context_countries=focus.countries,
            context_admin1=focus.admin1,
        )
    except (sqlite3.Error, ValueError):
        return None
    if entry is None or (entry.population or 0) < _CITY_WITH_SIDES:
        return None  # "West Pullman" is Chicago's, not Pullman, Washington's
    span = Span(name.start, name.end, name.text)
    return _with_sub_place(_mentioned(entry, span, name), name.text, span)


# Only a city this large is told by its sides ("North Philadelphia", "East Oakland"); smaller
# names after a compass word are streets and neighbourhoods of elsewhere.
_CITY_WITH_SIDES = 300_000
_BLOCK_BEFORE = re.compile(r"\bblock\s+of\s+$", re.IGNORECASE)


# A state or province written after a town's name and a comma: "Bristol, Tenn.", "Bristol,
# Tennessee", "BRISTOL, TN (WJHL)".
_STATE_AFTER = re.compile(r",\s*(?P<state>[A-Z][A-Za-z]*\.?(?:\s+[A-Z][a-z]+)?)(?!\w)")


def _state_after(text: str, end: int, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """(country, province) of the state written right after a name, if one is."""
    match = _STATE_AFTER.match(text, end)
    if match is None:
        return None
    words = match.group("state").split()
    for size in range(len(words), 0, -1):
        written = " ".join(words[:size])
        stated = _admin1_abbreviations().get(written) or _postal_codes().get(written)
        if stated is not None:
            return stated
        if gazetteer.names_admin1(written):
            entry = gazetteer.resolve(written, kind="admin1")
            if entry is not None and entry.admin1 is not None:
                return entry.country_code, entry.admin1
    return None


def _a_town_and_its_state(name: _Name, text: str, gazetteer: Gazetteer) -> bool:
    """The name and the state after it are a town and its state, not two items of a list
    ("Beijing, Shanghai and Guangdong", "Ohio, Kentucky and Indiana")."""
    if name.kind is not None or gazetteer.names_admin1(name.text):
        return False
    state = _STATE_AFTER.match(text, name.end)
    return state is not None and not _LIST_GOES_ON.match(text, state.end())


_LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:and\s+)?[A-Z]|and\b|or\b|&)")


def _resolve_within(
    name: _Name, state: tuple[str, str] | None, gazetteer: Gazetteer
) -> GazetteerEntry | None:
    """The town or county ``name`` means inside the state written after it, if it has one
    there: "Franklin County, WA" is not the Ohio county. A state or country followed by another
    ("Ohio, Kentucky and Indiana") is a list, not a town and its state."""
    if state is None or name.kind is not None or gazetteer.names_admin1(name.text):
        return None
    country, province = state
    entry = gazetteer.resolve(name.text, context_countries=(country,), context_admin1={state})
    if entry is None or entry.kind not in ("city", "admin2"):
        return None
    return entry if (entry.country_code, entry.admin1) == (country, province) else None


def _named_unit(name: _Name, text: str, gazetteer: Gazetteer, focus: _Focus) -> Place | None:
    """ "Hays district" is the district named Hays where the report's country has one, not a
    part of the last town named, as "the industrial district" is."""
    words = name.text.split()
    if len(words) < 2 or words[-1].lower() not in _ADMIN2_WORDS or not words[0][:1].isupper():
        return None
    place = _place_for(replace(name, weak=True), text, gazetteer, focus)
    if place is None or place.feature_code is None or not place.feature_code.startswith("ADM"):
        return None
    return place


def _mentioned(entry: GazetteerEntry, span: Span, name: _Name) -> Place:
    return replace(place_from_entry(entry, span), mention=name.mention)


def _part_of_last_town(mentions: list[PlaceMention], name: _Name, text: str) -> Place | None:
    """ "the Old City" alone: a part of the last town named before it, if any."""
    town = next(
        (
            m.place
            for m in reversed(mentions)
            if m.place.mention == NAMED
            and m.place.feature_code
            and m.place.feature_code.startswith("PPL")
        ),
        None,
    )
    if town is None:
        return None
    return _with_sub_place(town, name.text, Span(name.start, name.end, text[name.start : name.end]))


def _with_period(text: str, name: _Name) -> str:
    """The name as written, with the period spaCy may leave out of it ("Mont." at a sentence's
    end)."""
    if text[name.end : name.end + 1] == "." and not name.text.endswith("."):
        return name.text + "."
    return name.text


def _admin1_abbreviations() -> dict[str, tuple[str, str]]:
    """ "Mont." -> ("US", "Montana"), from data/admin1_abbreviations.tsv."""
    return _admin1_table("admin1_abbreviations.tsv", "abbreviation")


def _postal_codes() -> dict[str, tuple[str, str]]:
    """ "TN" -> ("US", "Tennessee"), from data/admin1_postal_codes.tsv; read only after a town's
    name and a comma (see _state_after)."""
    return _admin1_table("admin1_postal_codes.tsv", "code")


@lru_cache(maxsize=2)
def _admin1_table(file_name: str, column: str) -> dict[str, tuple[str, str]]:
    """A form of a province's name, from ``column`` of a table in data/ -> (ISO2, admin1)."""
    path = importlib.resources.files("warmonitor").joinpath("data", file_name)
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        return {
            row[column]: (row["country"], row["admin1"])
            for row in csv.DictReader(lines, delimiter="\t")
        }


def _is_acronym(text: str) -> bool:
    """Two to four capitals ("EU", "U.N."): the gazetteer keeps no town's initials, so a town
    such a name matches is a namesake of the initials, never what they stand for."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()


def _inside(entry: GazetteerEntry, focus: _Focus) -> bool:
    """A weak name counts if it is a country, or lies in a country the report is about or
    names a place in."""
    return (
        entry.kind in ("country", "continent")
        or entry.country_code in focus.countries
        or entry.country_code in focus.seen
    )


_COUNTY_WORDS = ("County", "Parish", "Borough")
_COUNTY_WORD_AFTER = re.compile(r"\s+(?:County|Parish|Borough)\b", re.I)


def _county_without_its_word(entry: GazetteerEntry, text: str, name: _Name) -> bool:
    """A county whose name carries its unit word ("Reeves County", "Orleans Parish") is
    written with it; its bare name is a person's ("Reeves", "Johnson's"), or the town."""
    if entry.kind != "admin2" or not entry.name.endswith(_COUNTY_WORDS):
        return False
    written = name.text.lower().endswith(tuple(word.lower() for word in _COUNTY_WORDS))
    return not written and _COUNTY_WORD_AFTER.match(text, name.end) is None


# A report about places in some countries names a town outside them only when it is well known
# (a capital, a border city refugees reach); a small namesake abroad is a neighbourhood or a
# village at home that the gazetteer does not list.
_TOWN_ABROAD_POPULATION = 50_000


def _small_and_abroad(entry: GazetteerEntry, focus: _Focus) -> bool:
    return (
        entry.kind == "city"
        and bool(focus.countries)
        and entry.country_code not in focus.countries
        and (entry.population or 0) < _TOWN_ABROAD_POPULATION
    )


def _small_and_elsewhere(entry: GazetteerEntry, focus: _Focus) -> bool:
    """A report about towns of some provinces or states names a small town of another one
    mostly as a neighbourhood at home that the gazetteer does not list: "Pittsburgh Police ...
    in Homewood" is not Homewood, Alabama."""
    return _elsewhere(entry, focus) and (entry.population or 0) < _TOWN_ABROAD_POPULATION


def _elsewhere(entry: GazetteerEntry, focus: _Focus) -> bool:
    """A town in another province or state of a country whose provinces the report is about."""
    return (
        entry.kind == "city"
        and bool(focus.admin1)
        and entry.country_code in {country for country, _ in focus.admin1}
        and (entry.country_code, entry.admin1) not in focus.admin1
    )


# A name told as a neighbourhood ("the Austin neighborhood") is a part of a town the report is
# about, whatever town elsewhere bears it.
_NEIGHBOURHOOD_AFTER = re.compile(r"\s+(?:neighbou?rhood|community area)\b", re.I)


# An organisation's name opens with a town's name ("Bridgeport Superior Court") when the town is
# this big or lies in a province the report is about; smaller namesakes are mostly words
# ("Section 8 housing", "Landmark Theatres", "Supreme Court").
_EMBEDDED_TOWN_POPULATION = 50_000
# A police force is named after its town ("Vicksburg Police", "North Liberty police") far more
# often than other bodies are, and small towns have forces of their own; in the report's own
# countries, since "Savannah-Chatham Metro Police" is no force of Metro, Indonesia.
_POLICE_TOWN_POPULATION = 5_000


def _may_be_embedded(
    entry: GazetteerEntry, text: str, focus: _Focus, *, police: bool = False
) -> bool:
    """The entry goes by ``text`` itself, not by an alternate name (an organisation's name
    starting with "Apple" must not become a place named so in another tongue), and is a unit
    or a town big enough or near enough to be what an organisation (or, smaller, a police
    force) is named after."""
    if entry.kind == "feature" or normalize_name(entry.name) != normalize_name(text):
        return False
    if entry.kind != "city":
        return True
    local = (entry.country_code, entry.admin1) in focus.admin1
    small_force = police and entry.country_code in focus.countries
    least = _POLICE_TOWN_POPULATION if small_force else _EMBEDDED_TOWN_POPULATION
    return local or (entry.population or 0) >= least


def place_from_entry(entry: GazetteerEntry, span: Span | None) -> Place:
    return Place(
        name=entry.name,
        span=span,
        geonameid=entry.geonameid,
        lat=entry.lat,
        lon=entry.lon,
        country_code=entry.country_code,
        admin1=entry.admin1 if entry.kind not in ("country", "continent") else None,
        admin2=entry.admin2 if entry.kind in ("city", "admin2") else None,
        feature_code=entry.feature_code,
        precision=_PRECISION.get(entry.kind, 5),
    )


def context_countries(
    doc: Doc, article: Article, knowledge: Knowledge, gazetteer: Gazetteer
) -> list[str]:
    """ISO2 codes of the countries the report is about: dateline first, then text mentions.
    A country's name that is also a province's or state's ("Georgia") states nothing yet: the
    other places decide which it is."""
    codes: list[str] = []
    texts = [part.rsplit(",", 1)[-1] for part in article.dateline]
    texts += [ent.text for ent in document_entities(doc) if ent.label_ in ("GPE", "NORP")]
    for text in texts:
        country = knowledge.demonyms.get(text.strip().casefold())
        if country is None or country.iso2 in codes:
            continue
        if text.strip().casefold() == country.name.casefold() and gazetteer.names_admin1(text):
            continue
        codes.append(country.iso2)
    return codes


def _candidates(doc: Doc, full_text: str, knowledge: Knowledge) -> list[_Name]:
    """Every span that may name a place, in text order.

    - spaCy's GPE, LOC and FAC entities, with "province", "district"... after them telling the
      kind of unit;
    - the same names wherever else they occur, whatever spaCy made of them there (one sense
      per discourse: "Gainesville" is a place all through the report once it is one);
    - weak names: a name spaCy labelled otherwise (the small model often calls "Gao" or
      "Ansongo" a person), or capitalised words it left out, standing where places stand,
      after "in", "near", "between"...; they count only inside the report's focus;
    - a place name opening an organisation's name ("the Kentucky State Police"), embedded, and
      so the town or county of a police force ("Memphis police", "Yuma Police said"), which
      spaCy seldom labels at all;
    - demonyms ("Syrian", "Palestinians", "Sri Lankan"), adjectival, and country names spaCy
      missed.
    """
    found: list[_Name] = []
    places: set[str] = set()
    people = _people_names(doc)
    for ent in document_entities(doc):
        kind = _kind_after(doc, ent.end)
        text = re.sub(r"^the\s+", "", ent.text, flags=re.I)
        start = ent.end_char - len(text)
        demonym = _demonym(text, knowledge)
        if demonym is not None and ent.label_ in ("GPE", "NORP", "LOC"):
            found.append(demonym(start, ent.end_char, text))
            continue
        if ent.label_ in ("GPE", "LOC", "FAC") or kind is not None:
            end = doc[ent.end].idx + len(doc[ent.end].text) if kind is not None else ent.end_char
            if text in people and kind is None:
                # "coach Ripley" after "Darren Ripley": a person, unless "in Ripley".
                if _where_a_person_is_not(doc, ent):
                    found.append(_Name(start, end, text, weak=True))
                continue
            found.append(_Name(start, end, text, kind))
            if ent.label_ in ("GPE", "LOC"):
                places.add(text)
        elif ent.label_ == "ORG":
            # A village spaCy took for an organisation ("shelled Kafr Nabl", "in Hutchinson"),
            # else a place opening the organisation's name. A lone word is too often a
            # person's surname ("Meredith") to be tried without a locative word before it.
            if len(ent) > 1 or _after_locative_word(doc, ent.start):
                found.append(_Name(start, ent.end_char, text, weak=True))
            found.extend(_embedded(ent, full_text, knowledge))
        elif (
            ent.label_ in ("PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT")
            and _after_locative_word(doc, ent.start)
            and (text not in people or _where_a_person_is_not(doc, ent))
        ):
            found.append(_Name(start, ent.end_char, text, weak=True))
    organisations = [
        (e.start_char, e.end_char) for e in document_entities(doc) if e.label_ == "ORG"
    ]
    found.extend(_same_names(full_text, places, found, organisations))
    found.extend(_demonyms(doc, knowledge, found))
    found.extend(_capitalised_after_locative(doc, found))
    found.extend(_police_forces(doc, full_text, found))
    cased = _is_cased(doc)
    kept = [n for n in found if _may_name_a_place(n, full_text, cased)]
    codes = list(_postal_codes_after(full_text, kept))
    spans = {(n.start, n.end) for n in codes}
    kept = [n for n in kept if (n.start, n.end) not in spans] + codes
    return sorted(kept, key=lambda n: (n.start, -n.end))


_POSTAL_CODE_AFTER = re.compile(r",\s*(?P<code>[A-Z]{2})(?!\w)")


def _postal_codes_after(full_text: str, names: list[_Name]) -> Iterator[_Name]:
    """A state's postal code after a town's name and a comma ("BRISTOL, TN (WJHL)"), which
    spaCy seldom labels and which alone would be a word ("IN", "OR")."""
    for name in names:
        match = _POSTAL_CODE_AFTER.match(full_text, name.end)
        state = _postal_codes().get(match.group("code")) if match is not None else None
        if match is not None and state is not None:
            start, end = match.span("code")
            yield _Name(start, end, match.group("code"), kind="admin1", state=state)


def _is_cased(doc: Doc) -> bool:
    """The report capitalises names: some texts come all in lower case (IndiaPoliceEvents),
    where case says nothing."""
    words = [t.text for t in doc if t.is_alpha]
    return sum(w[0].isupper() for w in words) > 0.03 * len(words)


# The last word of a street's own name: "Park Avenue" is no town called so.
_STREET_WORDS = {
    "street",
    "st.",
    "avenue",
    "ave.",
    "ave",
    "road",
    "rd.",
    "boulevard",
    "blvd.",
    "blvd",
    "drive",
    "lane",
    "highway",
    "parkway",
    "terrace",
    "pike",
}


def _may_name_a_place(name: _Name, full_text: str, cased: bool) -> bool:
    """Not a street ("Charlotte Avenue", "Fifth and Charlotte avenues"), and, in a report that
    capitalises names, written as a name: a lower-case word ("metro") is no town's name."""
    if cased and name.country is None and not name.text[:1].isupper():
        return False
    if name.text.split()[-1].lower() in _STREET_WORDS and len(name.text.split()) > 1:
        return False
    if _CROSS_STREET_BEFORE.search(full_text, max(0, name.start - 40), name.start):
        return False
    return not _STREET_AFTER.match(full_text, name.end)


def _people_names(doc: Doc) -> set[str]:
    """The words of the report's people's names, which spaCy may later take for places when they
    stand alone ("Darren Ripley" ... "coach Ripley"): every word of a person's name of two words
    or more, and the second word of an organisation's name of two capitalised words, a label
    spaCy sometimes gives people ("Yevgenia Petrova")."""
    names: set[str] = set()
    for ent in document_entities(doc):
        words = [t.text for t in ent if t.text[:1].isupper()]
        if ent[-1].lower_ in _POLICE_HEADS:
            continue  # "Charlotte Mecklenburg Police", mislabelled
        if ent.label_ == "PERSON" and len(ent) >= 2:
            names.update(words)
        elif ent.label_ == "ORG" and len(words) == len(ent) == 2:
            names.add(words[1])
    return names


# Words that stand before a person as often as before a place, and that no place word before
# them guards (as "the capital of" guards "of"): "shot at Denton", "a call from Davis",
# "between Smith and Jones".
_PERSON_PREPOSITIONS = {"at", "from", "between", "toward", "towards"}


def _where_a_person_is_not(doc: Doc, ent: SpacySpan) -> bool:
    """A word of a person's name of the report stands for a place only after a word of place
    that seldom stands before a person, and not as an owner: "in Ripley", "moved to Charlotte",
    but not "at Davis’ home" or "a suspect in Williams' shooting"."""
    if not _after_locative_word(doc, ent.start) or doc[ent.start - 1].lower_ in (
        _PERSON_PREPOSITIONS
    ):
        return False
    after = doc[ent.end] if ent.end < len(doc) else None
    return after is None or after.tag_ != "POS"


def _same_names(
    full_text: str, places: set[str], found: list[_Name], organisations: list[tuple[int, int]]
) -> Iterator[_Name]:
    """Other occurrences of names spaCy called places, outside organisations' names."""
    taken = [(n.start, n.end) for n in found if not n.weak] + organisations
    for text in places:
        if not text[:1].isupper():
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(text)}(?![\w-])", full_text):
            start, end = match.span()
            if not any(s < end and start < e for s, e in taken):
                yield _Name(start, end, text)


def _embedded(ent, full_text: str, knowledge: Knowledge) -> Iterator[_Name]:
    """A place name or demonym opening an organisation's name: runs of up to three proper nouns
    before the organisation's own words, longest first (the first that resolves is kept)."""
    tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    for size in (3, 2, 1):
        head = tokens[:size]
        if len(tokens) <= size or tokens[size].text == "-":  # "Watertown-Mayer Lutheran"
            continue
        if not all(t.pos_ == "PROPN" or t.text.casefold() in knowledge.demonyms for t in head):
            continue
        start, end = head[0].idx, head[-1].idx + len(head[-1].text)
        text = full_text[start:end]
        demonym = _demonym(text, knowledge)
        if demonym is None:
            yield _Name(start, end, text, weak=True, mention=EMBEDDED)
            continue
        # "the Syrian Observatory", or a country's own name: "the Iraq Body Count"
        name = demonym(start, end, text)
        yield replace(name, mention=EMBEDDED) if name.mention == NAMED else name
        return


def _demonym(text: str, knowledge: Knowledge) -> Callable[[int, int, str], _Name] | None:
    """If ``text`` is a demonym ("Syrian", "Palestinians", "European") or a country's name, the
    maker of its name; else None."""
    key = text.casefold()
    region = _REGION_ADJECTIVES.get(key.removesuffix("s"))
    if region is not None:
        region_name, region_kind = region
        return lambda start, end, _text: _Name(
            start, end, region_name, kind=region_kind, mention=ADJECTIVAL
        )
    country = knowledge.demonyms.get(key)
    if country is None and key.endswith("s"):
        country = knowledge.demonyms.get(key[:-1])  # "Palestinians"
    if country is None:
        return None
    if key == country.name.casefold() or text.replace(".", "").isupper():
        # A country's own name or its initials ("U.S.", "UK") go to the gazetteer, which may
        # find that the name means a state there.
        return lambda start, end, text: _Name(start, end, text)
    iso2 = country.iso2
    return lambda start, end, text: _Name(start, end, text, mention=ADJECTIVAL, country=iso2)


def _demonyms(doc: Doc, knowledge: Knowledge, found: list[_Name]) -> Iterator[_Name]:
    """Demonyms of countries and continents, and country names the entities above left out,
    one or two words long."""
    # A person's name past its first word: "Eric Jordan" names no country, though spaCy calls
    # some countries alone persons ("Niger", "Burkina Faso") and titles open some names
    # ("Azerbaijani President Ilham Aliyev").
    surnames = [
        (e[1].idx, e.end_char)
        for e in document_entities(doc)
        if e.label_ == "PERSON"
        and len(e) >= 2
        and all(t.pos_ == "PROPN" for t in e)
        and _demonym(e.text, knowledge) is None
    ]
    taken = [(n.start, n.end) for n in found] + surnames
    first_words = _first_words(knowledge)
    index = 0
    while index < len(doc):
        token = doc[index]
        size = 0
        lower = token.lower_
        if (lower in first_words or lower[:-1] in first_words) and token.text[:1].isupper():
            size = next(
                (n for n in (2, 1) if _demonym_at(doc, index, n, knowledge, taken) is not None),
                0,
            )
        if size:
            words = doc[index : index + size]
            demonym = _demonym(words.text, knowledge)
            assert demonym is not None
            yield demonym(words.start_char, words.end_char, words.text)
        index += size or 1


def _demonym_at(
    doc: Doc, index: int, size: int, knowledge: Knowledge, taken: list[tuple[int, int]]
) -> Callable[[int, int, str], _Name] | None:
    words = doc[index : index + size]
    if len(words) < size or not all(t.text[:1].isupper() for t in words):
        return None
    start, end = words.start_char, words.end_char
    if any(s < end and start < e for s, e in taken):
        return None
    return _demonym(words.text, knowledge)


def _first_words(knowledge: Knowledge) -> set[str]:
    """The first words of every demonym and country name, casefolded: a quick test of whether
    a word may open one (a few hundred keys, cheaper to gather than to test every word)."""
    return {key.split()[0] for key in (*knowledge.demonyms, *_REGION_ADJECTIVES) if key}


# Adjectives of continents and of regions news names ("European officials", "Central American
# migrants"), with the kind of place each is in the gazetteer.
_REGION_ADJECTIVES = {
    "african": ("Africa", "continent"),
    "asian": ("Asia", "continent"),
    "european": ("Europe", "continent"),
    "north american": ("North America", "continent"),
    "south american": ("South America", "continent"),
    "central american": ("Central America", "feature"),
    "middle eastern": ("Middle East", "feature"),
    "central asian": ("Central Asia", "feature"),
    "southeast asian": ("Southeast Asia", "feature"),
    "west african": ("West Africa", "feature"),
    "east african": ("East Africa", "feature"),
    "balkan": ("Balkans", "feature"),
    "caribbean": ("Caribbean", "feature"),
}


def _capitalised_after_locative(doc: Doc, found: list[_Name]) -> Iterator[_Name]:
    """Proper nouns spaCy left out of its entities, after a locative word ("in Fargo") or
    before a unit word ("retook Hays district")."""
    taken = [(n.start, n.end) for n in found]
    for token in doc:
        # The small model tags some towns as adjectives: "inside a Bellflower barbershop".
        named_thing = token.pos_ == "ADJ" and token.text[:1].isupper() and token.i > 0
        if token.ent_type_ or not (
            token.pos_ == "PROPN" or (named_thing and _before_a_thing_there(doc, token.i))
        ):
            continue
        unit = _kind_after(doc, token.i + 1)
        if unit is None and not _after_locative_word(doc, token.i):
            continue
        end_token = token.i
        while (
            end_token + 1 < len(doc)
            and doc[end_token + 1].pos_ == "PROPN"
            and not doc[end_token + 1].ent_type_
            and end_token - token.i < 3
        ):
            end_token += 1
        span = doc[token.i : end_token + 1]
        if any(s < span.end_char and span.start_char < e for s, e in taken):
            continue
        kind = _kind_after(doc, end_token + 1)
        yield _Name(span.start_char, span.end_char, span.text, kind=kind, weak=True)


# The words that follow a police force's town or county: "Stockton Police", "Memphis police
# officers", "the Harris County Sheriff's Office", "Tulsa PD".
POLICE_WORDS = re.compile(r"\s*(?:police|sheriff(?:['’]s)?|pd)\b", re.I)
# "Local police", "State Police", "Military Police": words that open a force's name but never
# name its town.
_POLICE_HEADS = {"police", "sheriff", "pd"}
_FORCE_ADJECTIVES = {"local", "state", "federal", "national", "military", "metro", "transit"}


def _is_police_town(place: Place, text: str) -> bool:
    return (
        place.mention in (NAMED, EMBEDDED)
        and place.span is not None
        and place.feature_code is not None
        and place.feature_code.startswith("PPL")
        and POLICE_WORDS.match(text, place.span.end) is not None
    )


def police_jurisdiction(mentions: list[PlaceMention], text: str) -> Place | None:
    """The town or county whose police force the report cites first ("Stockton Police say four
    people were shot"), as where an event it places nowhere else happened: a town's police
    act in their town. Its precision is at best 2, within the town, since the report does
    not name the place itself; a state's or a country's police say nothing of where. A town
    the tagger read as the town itself ("Chicago police") counts; a county so read does not,
    since its sheriff's office covers its towns."""
    for mention in mentions:
        place = mention.place
        if (
            (place.mention == EMBEDDED or (place.mention == NAMED and _is_police_town(place, text)))
            and place.span is not None
            and place.precision <= 3
            and POLICE_WORDS.match(text, place.span.end)
        ):
            return replace(place, mention=EMBEDDED, precision=max(place.precision, 2))
    return None


def dateline_place(
    article: Article, gazetteer: Gazetteer, knowledge: Knowledge, mentions: list[PlaceMention]
) -> Place | None:
    """The town a report was filed from ("MEMPHIS, Tenn. -", "STOCKTON -"), as where an event it
    places nowhere else happened; but only when every place the report names lies in that
    town's country: a Syria report filed from Beirut says nothing of where in Syria. It has no
    span (the dateline is not part of the text) and its precision is at best 2."""
    if not article.dateline:
        return None
    town, *region = (part.strip() for part in article.dateline[0].split(","))
    named = {m.place.country_code for m in mentions if m.place.mention == NAMED}
    countries: tuple[str, ...] = tuple(sorted(c for c in named if c))
    provinces: set[tuple[str, str]] = set()
    if region:
        within = _region(region[-1], gazetteer, knowledge)
        if within is None:
            return None
        countries = (within[0],)
        provinces = {within} if within[1] else set()
    try:
        entry = gazetteer.resolve(town, context_countries=countries, context_admin1=provinces)
    except (sqlite3.Error, ValueError):
        return None
    if entry is None or entry.kind not in ("city", "admin2"):
        return None
    if (countries and entry.country_code not in countries) or named - {entry.country_code}:
        return None
    if provinces and (entry.country_code, entry.admin1) not in provinces:
        return None
    place = place_from_entry(entry, None)
    return replace(place, mention=DATELINE, precision=max(place.precision, 2))


def _region(text: str, gazetteer: Gazetteer, knowledge: Knowledge) -> tuple[str, str | None] | None:
    """(country, province) a dateline's second part names: "Tenn.", "Iraq", "California"."""
    abbreviations = _admin1_abbreviations()
    abbreviated = abbreviations.get(text) or abbreviations.get(f"{text}.")
    if abbreviated is not None:
        return abbreviated
    country = knowledge.demonyms.get(text.casefold())
    if country is not None:
        return country.iso2, None
    try:
        entry = gazetteer.resolve(text, kind="admin1")
    except (sqlite3.Error, ValueError):
        return None
    return (entry.country_code, entry.admin1) if entry is not None else None


def _police_forces(doc: Doc, full_text: str, found: list[_Name]) -> Iterator[_Name]:
    """The town or county a police force is named after: up to three capitalised words right
    before "police" or "sheriff", longest run first, each tried as an embedded name."""
    taken = [(n.start, n.end) for n in found]
    for token in doc:
        if token.lower_ not in _POLICE_HEADS:
            continue
        run: list = []
        for before in reversed(doc[max(0, token.i - 3) : token.i]):
            if not before.text[:1].isupper() or before.lower_ in _FORCE_ADJECTIVES:
                break
            if before.is_sent_start and before.is_stop:
                break
            run.insert(0, before)
        for size in range(len(run), 0, -1):
            head = run[-size:]
            start, end = head[0].idx, head[-1].idx + len(head[-1].text)
            # A name that runs on over the police word is the force's whole name, which spaCy
            # may label a place ("The Harris County Sheriff's Office"): its town is still tried.
            if any(s < end and start < e and e <= token.idx for s, e in taken):
                break
            kind = "admin2" if head[-1].lower_ in _ADMIN2_WORDS else None
            yield _Name(start, end, full_text[start:end], kind=kind, weak=True, mention=EMBEDDED)


_LOCATIVE_WORDS = {
    "in",
    "near",
    "at",
    "outside",
    "between",
    "around",
    "from",
    "towards",
    "toward",
    "into",
    "with",
    "across",
    "and",
    "of",
    "to",
    "inside",
    "north",
    "south",
    "east",
    "west",
    "via",
}


_PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "province",
        "district",
        "county",
        "region",
        "outskirts",
        "suburb",
        "north",
        "south",
        "east",
        "west",
        "centre",
        "center",
        "capital",
        "state",
        "area",
        "municipality",
        "neighbourhood",
        "neighborhood",
        "governorate",
        "part",
        "heart",
        "edge",
        "port",
        "island",
    }
)
_GUARDED_LOCATIVES: dict[str, frozenset[str]] = {
    "and": frozenset(),
    "of": _PLACE_NOUNS,
    "with": frozenset({"border", "frontier", "boundary"}),
    "to": frozenset(
        {
            "flee",
            "move",
            "travel",
            "return",
            "go",
            "come",
            "head",
            "drive",
            "deploy",
            "send",
            "relocate",
            "road",
            "way",
            "route",
            "highway",
            "evacuate",
            "march",
            "advance",
        }
    ),
}


def _after_locative_word(doc: Doc, index: int) -> bool:
    if _before_a_thing_there(doc, index):
        return True  # "inside a Bellflower barbershop", "outside a Lancaster concert venue"
    if index == 0 or doc[index - 1].lower_ not in _LOCATIVE_WORDS:
        return False
    word = doc[index - 1].lower_
    before = doc[index - 2] if index >= 2 else None
    if word in _GUARDED_LOCATIVES:
        # "Warren and Jones", "the family of Robinson", "spoke to Hall": words that stand
        # before places only after a place ("Mosul and Tal Afar"), a place noun ("the town of
        # Hays", "the border with Syria") or a verb of going ("fled to Erbil").
        return before is not None and (
            before.ent_type_ in ("GPE", "LOC", "FAC")
            or before.lemma_.lower() in _GUARDED_LOCATIVES[word]
        )
    return True


def _before_a_thing_there(doc: Doc, index: int) -> bool:
    """A name between "in a" (any unguarded locative word and "a") and a common noun."""
    if index < 2 or doc[index - 1].lower_ not in ("a", "an"):
        return False
    locative = doc[index - 2].lower_
    if locative not in _LOCATIVE_WORDS or locative in _GUARDED_LOCATIVES:
        return False
    after = index + 1
    while after < len(doc) and doc[after].pos_ == "PROPN" and after - index < 3:
        after += 1
    return after < len(doc) and doc[after].pos_ == "NOUN" and doc[after].text.islower()


def _kind_after(doc: Doc, index: int) -> str | None:
    if index >= len(doc):
        return None
    word = doc[index].lower_
    if word in _ADMIN1_WORDS:
        return "admin1"
    if word in _ADMIN2_WORDS:
        return "admin2"
    return None


def _sub_place(text: str, start: int, end: int) -> tuple[str | None, int, int]:
    """A sub-place written around the name: "the industrial district of X", "X's Old City".

    Returns the sub-place words and the mention's span widened to cover them."""
    window_start = max(0, start - 60)
    before = _SUB_PLACE_BEFORE.search(text[window_start:start])
    if before:
        return before.group("sub"), window_start + before.start("sub"), end
    after = _SUB_PLACE_AFTER.match(text[end : end + 60])
    if after:
        return after.group("sub"), start, end + after.end()
    return None, start, end


# "west of", "20 km south of", "about 60 kilometres (37 miles) north-west of", "near",
# "outside": where an event happened, told from a place the reader knows.
_DIRECTION = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
# "South Philadelphia": a part of a town, named by its side.
_COMPASS_PART = re.compile(rf"(?P<part>(?:{_DIRECTION})(?:ern)?)\s+(?P<town>[A-Z].*)", re.I)
_RELATIVE_BEFORE = re.compile(
    rf"""(?P<relative>
        (?:(?:about|some|around|roughly|nearly|almost)\s+)?
        (?:(?P<distance>\d+(?:[.,]\d+)?)\s*(?:-\s*)?(?P<unit>km|kms|kilometres|kilometers|
            kilometre|kilometer|miles|mile|mi)\b\.?\s*(?:\([^()]{{1,30}}\)\s*)?)?
        (?P<direction>{_DIRECTION})(?:ern|erly)?\s+(?:of|from)
        |(?P<near>near|outside|close\s+to|around|on\s+the\s+edge\s+of)
    )\s+(?:the\s+)?$""",
    re.IGNORECASE | re.VERBOSE,
)
_BEARINGS = {
    "north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180,
    "southwest": 225, "west": 270, "northwest": 315,
}  # fmt: skip
_MILE_KM = 1.609344
# UCDP's precision 2 is "within about 25 km of a known point"; farther than this from the named
# place, the text pins down no more than a district does.
_NEAR_KM = 25.0


@dataclass(frozen=True, slots=True)
class _Relative:
    """An expression placing an event relative to a named place."""

    start: int  # where the expression starts: the place's span is widened to cover it
    words: str  # "west", "20 km south", "near": kept as the place's sub-place
    distance_km: float | None
    bearing: float | None

    def applied_to(self, place: Place, span: Span) -> Place:
        """The place moved by the distance and bearing given, if both are, with the precision
        of what the text pins down; the GeoNames id stays that of the place named."""
        lat, lon = place.lat, place.lon
        if self.distance_km and self.bearing is not None and lat is not None and lon is not None:
            lat, lon = destination(lat, lon, self.distance_km, self.bearing)
        if place.precision <= 2:
            far = self.distance_km is not None and self.distance_km > _NEAR_KM
            precision = 3 if far else 2
        else:
            precision = place.precision
        return replace(
            place, lat=lat, lon=lon, sub_place=self.words, span=span, precision=precision
        )


def _relative(text: str, start: int) -> _Relative | None:
    """A relative expression ending where a place's name starts, or None."""
    window_start = max(0, start - 80)
    match = _RELATIVE_BEFORE.search(text[window_start:start])
    if match is None:
        return None
    words = " ".join(match.group("relative").split())
    words = re.sub(r"\s+(?:of|from)$", "", words, flags=re.I)
    distance = None
    if match.group("distance"):
        distance = float(match.group("distance").replace(",", "."))
        if match.group("unit").lower().startswith("mi"):
            distance *= _MILE_KM
    bearing = None
    if match.group("direction"):
        bearing = _BEARINGS.get(re.sub(r"[- ]", "", match.group("direction").lower()))
    return _Relative(window_start + match.start("relative"), words, distance, bearing)


def _is_sub_place_word(name: str) -> bool:
    return re.fullmatch(_SUB_PLACE_WORDS, name.strip(), re.I) is not None


def _with_sub_place(place: Place, sub_place: str, span: Span) -> Place:
    """A part of a town is precision 2; a part of a larger unit keeps the unit's precision."""
    precision = 2 if place.precision <= 2 else place.precision
    return replace(place, sub_place=sub_place, span=span, precision=precision)
