"""The data model every layer shares: what a news report is, and what we read out of it.

All classes are frozen dataclasses built from the standard library only, so that ingest, nlp,
coding, store and the outputs can pass them around without importing one another. Offsets are
Python string indices into ``Article.text`` (the cleaned text), so that every value a reader sees
can be traced back to the words it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The modalities an event mention can have. Only "asserted" and "claimed" mentions become events;
# the others are kept apart so that a forecast is never counted as something that happened.
MODALITIES = ("asserted", "claimed", "negated", "hypothetical", "future", "historical")
EVENT_MODALITIES = ("asserted", "claimed")

SOURCE_TYPES = (
    "monitor",
    "government",
    "military",
    "armed group",
    "NGO/IGO",
    "media",
    "witness",
    "anonymous",
)

FIGURE_KINDS = (
    "killed",
    "wounded",
    "displaced",
    "refugees",
    "trapped",
    "fighters",
    "detained",
    "kidnapped",
    "missing",
    "ruled",  # people living under an armed group's rule: "holding sway over 300,000 people"
)

# How a report tells who holds a place (ControlRecord.kind).
CONTROL_KINDS = ("change", "standing")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the cleaned article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One news report after ingest: clean main text plus what the page says about itself."""

    id: str  # sha256 of the normalised text
    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    dateline: tuple[str, ...] = ()  # places the reporter filed from, e.g. ("Mosul, Iraq",)
    agency: str | None = None  # Reuters, AP, AFP...
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None  # the site that published this copy
    language: str | None = None
    truncated: bool = False  # the text is a cut-off excerpt
    source_id: str | None = None  # the caller's id: a file path or a JSONL record id


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention as spaCy (or one of our matchers) labelled it."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Source:
    """Who says so: the claimant of an event or a figure."""

    name: str
    type: str | None  # one of SOURCE_TYPES
    span: Span | None = None
    anonymous: bool = False  # "a Syrian military source", "witnesses": no name given


@dataclass(frozen=True, slots=True)
class Actor:
    """An organised actor (or a category of people), named canonically."""

    name: str  # canonical: "Islamic State", "Military Forces of Iraq"
    type: str | None  # ACLED actor type: "State forces", "Rebel group", ...
    sector: str | None  # GOV, MIL, REB, INS, CVL, ...
    country: str | None  # ISO 3166 alpha-3
    span: Span | None = None
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place mention, with UCDP-style precision of what it pins down."""

    name: str
    span: Span | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None  # ISO 3166 alpha-2, as GeoNames gives it
    admin1: str | None
    admin2: str | None
    feature_code: str | None  # GeoNames feature code: PPL, PPLA, ADM1, PCLI, STM, ...
    precision: int  # 1 exact place ... 6 country, 7 larger than a country (UCDP where_prec)
    sub_place: str | None = None  # "Old City", "industrial district"
    # How the report mentions it: "named" ("in Mosul"), "adjectival" (a demonym: "Syrian
    # troops"), "embedded" (opening an organisation's name: "the Kentucky State Police") or
    # "dateline" (the town it was filed from, outside the text: no span). An event's location
    # is a named place; when the report names none for it, the town or county of the police
    # force that reports it ("Memphis police said", embedded), else the dateline's town, each
    # at best precision 2.
    mention: str = "named"


@dataclass(frozen=True, slots=True)
class Figure:
    """A reported number of people, as a range, with who says so.

    ``low <= best <= high`` holds whenever the bounds are known; ``high`` is None when the text
    gives no upper bound ("at least 12").
    """

    kind: str  # one of FIGURE_KINDS
    low: int | None
    best: int | None
    high: int | None
    approximate: bool
    who: str | None  # civilians, militants, people, children...
    span: Span | None  # None only for a figure an analyst entered in a review
    according_to: Source | None = None
    scope: str = "event"  # "event", or "cumulative" for a whole battle or war


@dataclass(frozen=True, slots=True)
class FigureRange:
    """Where claimants disagree on one figure of an event ("12 killed, police said"; "the task
    force put the toll at 19"), the range their claims span; each claim stays in the figures."""

    kind: str
    who: str | None
    low: int  # the smallest number claimed
    high: int  # the largest number claimed
    claimants: tuple[str, ...]  # who claims what, in the order the report cites them


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, as a span of days with UCDP date precision (1 day ... 5 year)."""

    start: dt.date | None
    end: dt.date | None
    precision: int
    span: Span | None = None

    def days_apart(self, other: EventDate) -> int | None:
        """Days between the two ranges, 0 when they overlap; None when either is open."""
        if None in (self.start, self.end, other.start, other.end):
            return None
        assert self.start and self.end and other.start and other.end
        if self.end < other.start:
            return (other.start - self.end).days
        if other.end < self.start:
            return (self.start - other.end).days
        return 0


@dataclass(frozen=True, slots=True)
class Territory:
    """A change of who holds a place."""

    from_actor: str | None
    to_actor: str | None
    place: str | None


@dataclass(frozen=True, slots=True)
class ControlRecord:
    """Who holds a place, as one report tells it.

    A "change" is a place changing hands (taken, retaken, driven out, withdrew, handed over,
    fell to): ``from_actor`` lost it, ``to_actor`` gained it, either may be unknown. A
    "standing" claim says who holds a place ("the group still controls territory west of the
    city", "rebel-held Idlib", "under army control"): ``to_actor`` is the holder and
    ``from_actor`` is None.
    """

    kind: str  # one of CONTROL_KINDS
    territory: str  # what is held, in the report's words: "territory west and south of the city"
    place: Place | None  # the named place the territory is (or lies in), when there is one
    from_actor: str | None
    to_actor: str | None
    date: EventDate | None
    according_to: Source | None
    span: Span  # the sentence the record was read from
    event_id: str | None = None  # the territorial event a change comes from
    area_km2: float | None = None  # "an area as big as Belgium": Belgium's area
    population: Figure | None = None  # "holding sway over hundreds of thousands of people"


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event mention in one article."""

    id: str
    article_id: str
    sentence: Span
    trigger: Span
    event_type: str  # ACLED event type
    sub_event_type: str  # ACLED sub-event type
    plover_type: str | None
    plover_mode: str | None
    actor1: Actor | None
    actor2: Actor | None
    location: Place | None
    date: EventDate | None
    figures: tuple[Figure, ...] = ()
    according_to: Source | None = None
    modality: str = "asserted"
    territory: Territory | None = None
    confidence: float = 0.5
    figure_ranges: tuple[FigureRange, ...] = ()  # where claimants disagree on a figure
    # The people the report names as part of it (victims, suspects), not those who speak of it:
    # stored to link independent reports of one event (linking.py), and not exported.
    people: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read out of one article: the unit that the store saves and extract prints."""

    article: Article
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()  # asserted or claimed only
    figures: tuple[Figure, ...] = ()  # figures tied to no single event
    non_events: tuple[Event, ...] = field(default=())  # forecasts, negations, hypotheticals
    control: tuple[ControlRecord, ...] = ()  # who holds which place, by whose account


@dataclass(frozen=True, slots=True)
class FailedInput:
    """An input that could not be read: the one-line message names it and says what to do."""

    source_id: str
    message: str
    skipped: bool = False  # a deliberate skip (not English), not a failure
