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

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from warmonitor.coding.gazetteer import Gazetteer, GazetteerEntry
from warmonitor.coding.knowledge import Knowledge
from warmonitor.model import Article, Place, Span

_ADMIN1_WORDS = {"province", "governorate", "region", "state", "oblast", "prefecture"}
_ADMIN2_WORDS = {"district", "county", "raion", "municipality"}
_SUB_PLACE_WORDS = (
    r"old city|old town|city centre|city center|downtown|outskirts|suburbs?|"
    r"(?:\w+ )?(?:district|quarter|neighbou?rhoods?|zone|area)"
)
_SUB_PLACE_BEFORE = re.compile(rf"(?:the\s+)?(?P<sub>{_SUB_PLACE_WORDS})\s+of\s+$", re.I)
_SUB_PLACE_AFTER = re.compile(rf"^\s*['’]s\s+(?P<sub>(?:\w+\s+)?(?:{_SUB_PLACE_WORDS}))\b", re.I)
_PRECISION = {"city": 1, "admin2": 3, "admin1": 4, "feature": 5, "country": 6, "continent": 7}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    place: Place
    token_index: int  # the head token, for tying the place to the clause that mentions it


def find_places(
    doc: Doc, article: Article, gazetteer: Gazetteer, knowledge: Knowledge
) -> list[PlaceMention]:
    """Every place mention of the document that the gazetteer resolves, in text order.

    Names are resolved in passes. The first knows only the countries the report states
    (dateline, country names, demonyms); its answers give the document's focus, the countries
    and provinces its places lie in, and the next pass resolves every name again inside that
    focus, until the focus no longer changes: "Decatur" next to "Gainesville" and "Hall County"
    is Decatur, Georgia."""
    names = _candidates(doc, knowledge)
    stated = _Focus(tuple(context_countries(doc, article, knowledge)), frozenset())
    focus = stated
    mentions = _resolve_names(doc, names, gazetteer, focus)
    for _ in range(_FOCUS_PASSES):
        sharper = _focus(stated, mentions)
        if sharper == focus:
            break
        focus = sharper
        mentions = _resolve_names(doc, names, gazetteer, focus)
    return mentions


@dataclass(frozen=True, slots=True)
class _Focus:
    countries: tuple[str, ...]  # ISO alpha-2, the most telling first
    admin1: frozenset[tuple[str, str]]  # (ISO alpha-2, admin1 name)


# A country or province becomes part of the focus when this many distinct names lie in it.
_FOCUS_NAMES = 2
# Each pass may sharpen the focus ("Georgia" the state once the report is seen to be in the US,
# then Decatur in Georgia); three passes settle almost every report.
_FOCUS_PASSES = 3


def _focus(stated: _Focus, mentions: list[PlaceMention]) -> _Focus:
    """The stated countries, plus the countries and provinces that named provinces and states
    point to or that several distinct place names lie in."""
    by_country: dict[str, set[str]] = {}
    by_admin1: dict[tuple[str, str], set[str]] = {}
    admin1: set[tuple[str, str]] = set()
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
        by_admin1.setdefault((place.country_code, place.admin1), set()).add(key)
    countries = list(stated.countries)
    countries += [
        code
        for code, keys in by_country.items()
        if len(keys) >= _FOCUS_NAMES and code not in countries
    ]
    admin1 |= {unit for unit, keys in by_admin1.items() if len(keys) >= _FOCUS_NAMES}
    return _Focus(tuple(countries), frozenset(admin1))


def _resolve_names(
    doc: Doc,
    names: list[tuple[int, int, str, str | None, bool]],
    gazetteer: Gazetteer,
    focus: _Focus,
) -> list[PlaceMention]:
    text = doc.text  # a spaCy Doc rebuilds its text on every access
    mentions: list[PlaceMention] = []
    covered: list[tuple[int, int]] = []
    for start, end, name, kind, weak in names:
        if any(s <= start < e for s, e in covered):
            continue
        sub_place, span_start, span_end = _sub_place(text, start, end)
        if _is_sub_place_word(name) and mentions:
            # "the Old City" alone: a part of the last city named before it.
            city = next(
                (
                    m
                    for m in reversed(mentions)
                    if m.place.feature_code and m.place.feature_code.startswith("PPL")
                ),
                None,
            )
            if city is not None:
                place = _with_sub_place(city.place, name, Span(start, end, text[start:end]))
                mentions.append(PlaceMention(place, doc.char_span(start, end, "expand")[0].i))
            covered.append((start, end))
            continue
        entry = gazetteer.resolve(
            name, kind=kind, context_countries=focus.countries, context_admin1=focus.admin1
        )
        if entry is None or (
            weak and entry.kind != "country" and entry.country_code not in focus.countries
        ):
            continue
        span = Span(span_start, span_end, text[span_start:span_end])
        place = place_from_entry(entry, span)
        if sub_place:
            place = _with_sub_place(place, sub_place, span)
        covered.append((span_start, span_end))
        head = doc.char_span(start, end, alignment_mode="expand")
        mentions.append(PlaceMention(place, head.root.i if head is not None else 0))
    return sorted(mentions, key=lambda m: m.place.span.start if m.place.span else 0)


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


def context_countries(doc: Doc, article: Article, knowledge: Knowledge) -> list[str]:
    """ISO2 codes of the countries the report is about: dateline first, then text mentions."""
    codes: list[str] = []
    texts = [part.rsplit(",", 1)[-1] for part in article.dateline]
    texts += [ent.text for ent in doc.ents if ent.label_ in ("GPE", "NORP")]
    for text in texts:
        country = knowledge.demonyms.get(text.strip().casefold())
        if country is not None and country.iso2 not in codes:
            codes.append(country.iso2)
    return codes


def _candidates(doc: Doc, knowledge: Knowledge) -> list[tuple[int, int, str, str | None, bool]]:
    """(start, end, name, kind hint, weak) of every span that may name a place.

    A weak candidate is a name spaCy labelled otherwise (the small model often calls "Gao" or
    "Ansongo" a person) that stands where places stand, after "in", "near", "between"...; it
    counts only when the gazetteer finds it in a country the report is about."""
    found: list[tuple[int, int, str, str | None, bool]] = []
    for ent in doc.ents:
        kind = _kind_after(doc, ent.end)
        weak = False
        if ent.text.casefold() in knowledge.demonyms and ent.label_ == "NORP":
            continue
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            if kind is None and ent.label_ in ("PERSON", "ORG", "PRODUCT", "NORP", "WORK_OF_ART"):
                if not _after_locative_word(doc, ent.start):
                    continue
                weak = True
            elif kind is None:
                continue
        text = re.sub(r"^the\s+", "", ent.text, flags=re.I)
        start = ent.end_char - len(text)
        end = doc[ent.end].idx + len(doc[ent.end].text) if kind is not None else ent.end_char
        found.append((start, end, text, kind, weak))
    return found


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


def _after_locative_word(doc: Doc, index: int) -> bool:
    return index > 0 and doc[index - 1].lower_ in _LOCATIVE_WORDS


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


def _is_sub_place_word(name: str) -> bool:
    return re.fullmatch(_SUB_PLACE_WORDS, name.strip(), re.I) is not None


def _with_sub_place(place: Place, sub_place: str, span: Span) -> Place:
    """A part of a town is precision 2; a part of a larger unit keeps the unit's precision."""
    precision = 2 if place.precision <= 2 else place.precision
    return replace(place, sub_place=sub_place, span=span, precision=precision)
