"""Who holds which place: control records read from territorial events and standing claims.

No event dataset publishes territorial control as data, yet reports state it all the time, in
two ways:

- a **change**: a place changes hands ("the group had retaken most of the industrial district",
  "driving it from its last territory in Aleppo province", "the town fell to the rebels").
  Changes come from the territorial events the event coder found, plus "fell to X" and "came
  under X control", which name no doer and so are no event of their own;
- a **standing claim**: who holds a place now ("the group still controls territory west and
  south of the city", "Mosul, long held by IS", "rebel-held eastern Aleppo", "the town remains
  under army control", "its fighters still occupy an area as big as Belgium").

Each record keeps the words that name the territory, the named place it is or lies in, the
holder (and for a change, who lost it), the date, the claimant, and where stated the area and
the number of people under the holder's rule. Forecasts, negations and hypotheticals ("it could
take days to capture the redoubt", "no longer controls") are never records: the modality rules
of the event coder apply.

A standing claim with no date of its own is dated the day its report was published: "still
controls" is said as of that day. Its date has no span, so a reader sees it was not read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from warmonitor.coding.actors import ActorResolver, holding_party
from warmonitor.coding.attribution import find_claimant, typed_claimant
from warmonitor.coding.knowledge import Knowledge
from warmonitor.coding.modality import read_modality
from warmonitor.coding.places import NAMED, PlaceMention
from warmonitor.coding.syntax import REPORTING_VERBS, entities_in, noun_phrase, span_of
from warmonitor.model import (
    EVENT_MODALITIES,
    Article,
    ControlRecord,
    Event,
    EventDate,
    Figure,
    Place,
    Source,
)
from warmonitor.nlp.dates import resolve_date

# Verbs whose subject holds their object: "the group controls territory", "rebels hold the town".
_HOLDING_VERBS = frozenset({"control", "hold", "occupy", "rule", "govern", "administer", "run"})
# Nouns of holding after "under" or "in": "under rebel control", "in the hands of the army".
_HOLDING_NOUNS = frozenset({"control", "rule", "sway", "occupation", "hand", "grip"})
# Verbs that say a place passed under someone's control ("fell to", "came under"), not that it is.
_PASSING_VERBS = frozenset({"fall", "come", "pass"})
# What an object must be for "hold" to be about territory ("hold talks", "hold hostage" are not).
_TERRITORY_NOUNS = frozenset(
    {
        "territory",
        "area",
        "land",
        "city",
        "town",
        "village",
        "district",
        "neighborhood",
        "neighbourhood",
        "quarter",
        "region",
        "province",
        "governorate",
        "part",
        "swath",
        "swathe",
        "stretch",
        "enclave",
        "pocket",
        "border",
        "crossing",
        "airport",
        "airbase",
        "base",
        "road",
        "highway",
        "oilfield",
        "dam",
        "bridge",
        "hill",
        "mountain",
        "countryside",
        "outskirts",
        "suburb",
        "zone",
        "strip",
        "redoubt",
        "stronghold",
        "bastion",
        "capital",
        "port",
        "country",
    }
)
# Words for a part of some territory: "most of the city", "a third of Syria", "west of Raqqa".
_PORTIONS = frozenset(
    {
        "most",
        "much",
        "all",
        "part",
        "half",
        "third",
        "quarter",
        "majority",
        "rest",
        "remainder",
        "bulk",
        "percent",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "centre",
        "center",
    }
)
# Kinds of group that a report names in passing as holders: "rebel-held", "under militant control".
_GENERIC_HOLDERS = {
    "rebel": "Rebels",
    "opposition": "Opposition forces",
    "militant": "Militants",
    "insurgent": "Insurgents",
    "jihadist": "Jihadists",
    "guerrilla": "Guerrillas",
}
# "the city" with no name of its own is the last town the report named.
_TOWN_ANAPHORS = re.compile(r"\bthe (?:city|town|village)\b", re.IGNORECASE)
_TOWN_FEATURES = ("PPL",)
# "an area as big as Belgium", "territory the size of Britain": the comparison gives an area.
_SIZE_OF = re.compile(
    r"\b(?:(?:as|so) (?:big|large) as|the size of|roughly the size of|about the size of)\s+$",
    re.IGNORECASE,
)
_SQUARE_MEASURE = re.compile(
    r"(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>square kilomet(?:re|er)s?|sq\.? ?km|km2|km²|"
    r"square miles?|sq\.? ?mi)",
    re.IGNORECASE,
)
_KM2_PER_SQUARE_MILE = 2.589988


def read_control(
    doc: Doc,
    article: Article,
    knowledge: Knowledge,
    resolver: ActorResolver,
    places: list[PlaceMention],
    events: Iterable[Event],
    figures: Iterable[Figure],
    reporter: Source | None,
    country_area_km2: Callable[[str], float | None],
) -> list[ControlRecord]:
    """Every control record of one parsed report, changes first, one record per territory,
    holder and claimant.

    ``country_area_km2`` maps an ISO alpha-2 code to the country's area (the gazetteer's),
    for sizes given by comparison."""
    records = [r for e in events if (r := _from_event(e)) is not None]
    people = [f for f in figures if f.kind == "ruled"]
    reader = _ClaimReader(doc, article, knowledge, resolver, places, people, reporter)
    for token in doc:
        record = reader.read(token, country_area_km2)
        if record is not None:
            records.append(record)
    return _distinct(records)


def _from_event(event: Event) -> ControlRecord | None:
    """A territorial event as a change of hands; None when it names no territory."""
    territory = event.territory
    if territory is None or event.modality not in EVENT_MODALITIES or not territory.place:
        return None
    if territory.from_actor is None and territory.to_actor is None:
        return None
    return ControlRecord(
        kind="change",
        territory=territory.place,
        place=event.location,
        from_actor=territory.from_actor,
        to_actor=territory.to_actor,
        date=event.date,
        according_to=event.according_to,
        span=event.sentence,
        event_id=event.id,
    )


class _ClaimReader:
    """Reads the holding phrases of one document, token by token."""

    def __init__(
        self,
        doc: Doc,
        article: Article,
        knowledge: Knowledge,
        resolver: ActorResolver,
        places: list[PlaceMention],
        people: list[Figure],
        reporter: Source | None,
    ) -> None:
        self.doc = doc
        self.article = article
        self.knowledge = knowledge
        self.resolver = resolver
        self.named = [m for m in places if m.place.mention == NAMED and m.place.span is not None]
        self.people = people
        self.reporter = reporter

    def read(
        self, token: Token, country_area_km2: Callable[[str], float | None]
    ) -> ControlRecord | None:
        found = self._holding(token)
        if found is None:
            return None
        kind, holder_token, territory, verb = found
        holder = self._holder(holder_token)
        if holder is None:
            return None
        if not self._is_territory(territory.root):
            return None
        if verb is not None and (
            read_modality(verb, claimed=False) not in EVENT_MODALITIES or _no_longer(verb)
        ):
            return None  # "could take days to capture", "no longer controls"
        clause = verb if verb is not None else token  # what the claim hangs on
        claim = find_claimant(clause, self.knowledge)
        according_to = typed_claimant(claim[0], self.doc, self.resolver) if claim else self.reporter
        comparison, area = _area(territory, self.named, country_area_km2)
        place = self._place_in(territory, exclude=comparison)
        sentence = token.sent
        return ControlRecord(
            kind=kind,
            territory=_territory_words(territory),
            place=place,
            from_actor=None,
            to_actor=holder,
            date=self._date(clause, kind),
            according_to=according_to,
            span=span_of(sentence),
            area_km2=area,
            population=self._population(clause),
        )

    def _holder(self, token: Token) -> str | None:
        """The holder's name. A bare kind of group used as a modifier ("rebel-held", "under
        rebel control") is that kind, not the group the report named last."""
        lemma = token.lemma_.lower()
        if (
            token.dep_ != "nsubj"
            and lemma in _GENERIC_HOLDERS
            and not any(c.dep_ == "det" for c in token.children)
        ):
            return _GENERIC_HOLDERS[lemma]
        actor = self.resolver.resolve(token)
        if actor is None and token.pos_ == "ADJ" and token.ent_type_ == "NORP":
            return f"{token.text} forces"  # "under Kurdish control"
        if actor is None or actor.type == "Civilians":
            return None
        return holding_party(actor.name) if actor.country else actor.name

    def _holding(self, token: Token) -> tuple[str, Token, SpacySpan, Token | None] | None:
        """(kind, holder's word, territory phrase, clause verb) when ``token`` is a holding
        word in one of the shapes reports use; None otherwise."""
        lemma = token.lemma_.lower()
        if lemma in _HOLDING_VERBS and token.pos_ == "VERB":
            return _adjectival_holding(token) or _verbal_holding(token)
        if lemma in _HOLDING_NOUNS and token.dep_ == "pobj":
            return _under_holding(token)
        if lemma in _PASSING_VERBS and token.pos_ == "VERB":
            return _falling_to(token)
        return None

    def _is_territory(self, head: Token, depth: int = 0) -> bool:
        """Whether a phrase's head word names territory: a territorial noun ("the town"), a
        named place, or a part of one ("most of the city", "a third of Syria", "territory
        west of the city")."""
        if head.lemma_.lower() in _TERRITORY_NOUNS or self._names_place(head):
            return True
        if depth > 2 or head.lemma_.lower() not in _PORTIONS:
            return False
        parts = [c for c in head.children if c.dep_ in ("compound", "conj")]
        parts += [o for c in head.children if c.lower_ == "of" for o in c.children]
        parts += [
            o for c in head.conjuncts for p in c.children if p.lower_ == "of" for o in p.children
        ]
        return any(self._is_territory(p, depth + 1) for p in parts)

    def _names_place(self, token: Token) -> bool:
        return any(m.place.span.start <= token.idx < m.place.span.end for m in self.named)

    def _place_in(self, phrase: SpacySpan, exclude: SpacySpan | None) -> Place | None:
        inside = [
            m
            for m in self.named
            if _inside(m.place.span.start, phrase)
            and not (exclude is not None and _inside(m.place.span.start, exclude))
        ]
        if inside:
            return min(inside, key=lambda m: m.place.precision).place
        if _TOWN_ANAPHORS.search(phrase.text):
            before = [
                m
                for m in self.named
                if m.place.span.start < phrase.start_char
                and (m.place.feature_code or "").startswith(_TOWN_FEATURES)
            ]
            if before:
                return max(before, key=lambda m: m.place.span.start).place
        return None

    def _date(self, verb: Token, kind: str) -> EventDate | None:
        published = self.article.published
        for ent in entities_in(verb.sent):
            if ent.label_ not in ("DATE", "TIME") or not _governed_by(ent.root, verb):
                continue
            resolved = resolve_date(ent.text, published)
            if resolved is not None:
                return EventDate(resolved.start, resolved.end, resolved.precision, span_of(ent))
        if published is None:
            return None
        if kind == "standing":
            return EventDate(published, published, 1, None)  # as of the day it was said
        # A change with no date: the week before publication, and the precision says so.
        return EventDate(published - dt.timedelta(days=6), published, 3, None)

    def _population(self, verb: Token) -> Figure | None:
        """The people under the holder's rule, counted in the same clause."""
        low, high = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
        return next((f for f in self.people if low <= f.span.start < high), None)


def _adjectival_holding(token: Token) -> tuple[str, Token, SpacySpan, Token | None] | None:
    """ "rebel-held eastern Aleppo", "government-controlled districts", "IS-run Raqqa"."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 1].whitespace_:
        return None
    if doc[token.i - 2].whitespace_:
        return None
    head = token.head
    if token.dep_ != "amod" or head.pos_ not in ("NOUN", "PROPN"):
        return None
    territory = doc[token.i + 1 : head.right_edge.i + 1]
    return "standing", doc[token.i - 2], _trimmed(territory), None


def _verbal_holding(verb: Token) -> tuple[str, Token, SpacySpan, Token | None] | None:
    """ "the group still controls territory west of the city" (active), "the town is held by
    rebels", "Mosul, long held by IS" (passive)."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        holder = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if holder is None:
            return None
        held = _passive_subject(verb)
        if held is None:
            return None
        return "standing", holder, held, verb
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    subject = _active_subject(verb)
    if obj is None or subject is None:
        return None
    return "standing", subject, _object_phrase(obj), verb


def _under_holding(noun: Token) -> tuple[str, Token, SpacySpan, Token | None] | None:
    """ "the town remains under rebel control", "areas under the control of the army",
    "the city came under IS control", "in the hands of the Taliban"."""
    preposition = noun.head
    if preposition.lower_ not in ("under", "in"):
        return None
    if noun.lemma_.lower() == "hand" and preposition.lower_ != "in":
        return None
    holder = _holder_of(noun)
    if holder is None:
        return None
    attached = preposition.head
    if attached.pos_ in ("NOUN", "PROPN"):
        territory = attached.doc[attached.left_edge.i : preposition.i]
        return "standing", holder, _trimmed(territory), None
    if attached.pos_ in ("VERB", "AUX"):
        subject = _active_subject(attached)
        if subject is None:
            return None
        kind = "change" if attached.lemma_.lower() in _PASSING_VERBS else "standing"
        return kind, holder, noun_phrase(subject), attached
    return None


def _falling_to(verb: Token) -> tuple[str, Token, SpacySpan, Token | None] | None:
    """ "the town fell to the rebels": a change to the rebels, from whoever held it."""
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    holder = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    subject = _active_subject(verb)
    if holder is None or subject is None:
        return None
    return "change", holder, noun_phrase(subject), verb


def _holder_of(noun: Token) -> Token | None:
    """Whose control: "rebel control", "the army's control", "the control of the Taliban"."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.pos_ in (
            "NOUN",
            "PROPN",
            "ADJ",
            "PRON",
        ):
            return child
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of else None


def _active_subject(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
        return verb.head
    return subject


def _passive_subject(verb: Token) -> SpacySpan | None:
    """What a passive holding verb is about: its subject, the noun it describes ("the town
    held by rebels"), or the name just before it ("Mosul, long held by IS")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None:
        return noun_phrase(subject)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return noun_phrase(verb.head)
    doc = verb.doc
    i = verb.left_edge.i - 1
    if i >= 1 and doc[i].text == "," and doc[i - 1].pos_ == "PROPN":
        return noun_phrase(doc[i - 1])
    return None


def _object_phrase(obj: Token) -> SpacySpan:
    """The whole object: "territory west and south of the city", not just "west"."""
    return obj.doc[obj.left_edge.i : obj.right_edge.i + 1]


def _trimmed(phrase: SpacySpan) -> SpacySpan:
    doc = phrase.doc
    start, end = phrase.start, phrase.end
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return doc[start:end]


def _territory_words(phrase: SpacySpan) -> str:
    words = phrase.text.strip()
    for article in ("the ", "The "):
        if words.startswith(article):
            words = words[len(article) :]
    return words


def _area(
    phrase: SpacySpan,
    named: list[PlaceMention],
    country_area_km2: Callable[[str], float | None],
) -> tuple[SpacySpan | None, float | None]:
    """(the comparison's words, the area in km²) of a territory whose size the report gives."""
    text = phrase.text
    measure = _SQUARE_MEASURE.search(text)
    if measure is not None:
        number = float(measure.group("number").replace(",", ""))
        mile = "mi" in measure.group("unit").lower()
        return None, round(number * _KM2_PER_SQUARE_MILE if mile else number, 1)
    for mention in named:
        place = mention.place
        offset = place.span.start - phrase.start_char
        if not 0 <= offset < len(text) or not _SIZE_OF.search(text[:offset]):
            continue
        if place.feature_code and place.feature_code.startswith("PCL") and place.country_code:
            area = country_area_km2(place.country_code)
            comparison = phrase.doc.char_span(
                place.span.start, place.span.end, alignment_mode="expand"
            )
            return comparison, area
    return None, None


def _no_longer(verb: Token) -> bool:
    """ "no longer controls": a holding that ended, which says nothing of who holds it now."""
    return any(
        c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in verb.children
    )


def _governed_by(token: Token, verb: Token) -> bool:
    """The date hangs on the holding clause itself, not on a reporting verb or another clause."""
    for head in token.ancestors:
        if head.i == verb.i:
            return True
        if head.lemma_ in REPORTING_VERBS or head.pos_ == "VERB":
            return False  # another clause's date: "...remains rebel-held, while X fell last week"
    return False


def _inside(offset: int, phrase: SpacySpan) -> bool:
    return phrase.start_char <= offset < phrase.end_char


def _distinct(records: list[ControlRecord]) -> list[ControlRecord]:
    """One record per kind, territory, place, holders and claimant: a report that says
    "rebel-held Idlib" three times makes one claim."""
    seen: set[tuple] = set()
    kept: list[ControlRecord] = []
    for record in records:
        key = (
            record.kind,
            record.territory.lower(),
            record.place.geonameid if record.place else None,
            record.from_actor,
            record.to_actor,
            record.according_to.name if record.according_to else None,
        )
        if key not in seen and not any(_restates(record, other) for other in records):
            seen.add(key)
            kept.append(record)
    return kept


def _restates(record: ControlRecord, other: ControlRecord) -> bool:
    """ "Army says it still holds Raqqa district" over "The Syrian army still holds the
    industrial district of Raqqa, an army spokesman said": a headline tells the body's claim in
    fewer words, none of them placed; the same voice making the same claim is one claim."""
    if record.place is not None or other.place is None or record is other:
        return False
    same = (record.kind, record.from_actor, record.to_actor) == (
        other.kind,
        other.from_actor,
        other.to_actor,
    )
    return (
        same
        and _words(record.territory) <= _words(other.territory)
        and _one_voice(record.according_to, other.according_to)
    )


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _one_voice(a: Source | None, b: Source | None) -> bool:
    """ "Army" and "an army spokesman": a claimant and one speaking for it."""
    return a is None or b is None or bool(_words(a.name) & _words(b.name))
