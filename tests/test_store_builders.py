"""Hand-built extractions for the store and export tests, and checks that they are well formed.

The reports are short and invented for the project. Every span is found in its article's text,
so offsets are real; the tests below make sure of it, since a wrong fixture would make every
store test prove nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

from warmonitor.model import (
    Actor,
    Article,
    Entity,
    Event,
    EventDate,
    Extraction,
    Figure,
    Place,
    Source,
    Span,
    Territory,
)

IRAQ_TEXT = (
    "BAGHDAD, March 5 (Wirenews) - Islamic State militants attacked an army post in Tal Afar "
    "on Monday, killing at least 12 soldiers, the Iraqi military said. "
    "In Mosul, several civilians were killed by the militants last week, residents said. "
    "Dozens of families fled the fighting, the United Nations said."
)

SYRIA_TEXT = (
    "Russian aircraft struck a market in Idlib on Saturday, killing dozens of people, the "
    "Syrian Observatory for Human Rights said. Local rescuers put the toll at 30 people."
)

KURDISH_TEXT = "Officials in Dohuk said the group had changed its tactics. No date was given."


def find_span(text: str, words: str, occurrence: int = 0) -> Span:
    """The span of the ``occurrence``-th appearance of ``words`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return Span(start, start + len(words), words)


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def iraq_article(**changes: object) -> Article:
    article = Article(
        id=article_id(IRAQ_TEXT),
        text=IRAQ_TEXT,
        title="Islamic State attacks army post in Tal Afar",
        authors=("A. Writer", "B. Editor"),
        dateline=("Baghdad",),
        agency="Wirenews",
        published=dt.date(2024, 3, 5),
        url="https://news.example/iraq/tal-afar",
        outlet="Example News",
        language="en",
        truncated=False,
        source_id="iraq-1",
    )
    return replace(article, **changes)


ISLAMIC_STATE = "Islamic State"
IRAQ_ARMY = "Military Forces of Iraq"


def tal_afar(text: str = IRAQ_TEXT) -> Place:
    return Place(
        name="Tal Afar",
        span=find_span(text, "Tal Afar"),
        geonameid=97783,
        lat=36.3768,
        lon=42.4497,
        country_code="IQ",
        admin1="Nineveh",
        admin2="Tal Afar District",
        feature_code="PPLA2",
        precision=1,
    )


def mosul(text: str = IRAQ_TEXT) -> Place:
    return Place(
        name="Mosul",
        span=find_span(text, "Mosul"),
        geonameid=99072,
        lat=36.335,
        lon=43.1189,
        country_code="IQ",
        admin1="Nineveh",
        admin2="Mosul District",
        feature_code="PPLA",
        precision=2,
        sub_place="Old City",
    )


def battle_event(text: str = IRAQ_TEXT, art_id: str | None = None) -> Event:
    """Full event: every field set, including a territory change and a claimant."""
    art_id = art_id or article_id(text)
    military = Source("Iraqi military", "military", find_span(text, "the Iraqi military"))
    return Event(
        id="a1b2c3d4e5f6" + "0" * 52,
        article_id=art_id,
        sentence=find_span(
            text,
            "Islamic State militants attacked an army post in Tal Afar on Monday, killing at "
            "least 12 soldiers, the Iraqi military said.",
        ),
        trigger=find_span(text, "attacked"),
        event_type="Battles",
        sub_event_type="Armed clash",
        plover_type="ASSAULT",
        plover_mode="firearms",
        actor1=Actor(
            ISLAMIC_STATE,
            "Rebel group",
            "INS",
            None,
            find_span(text, "Islamic State militants"),
            wikidata="Q2429253",
        ),
        actor2=Actor(IRAQ_ARMY, "State forces", "MIL", "IRQ", find_span(text, "army")),
        location=tal_afar(text),
        date=EventDate(dt.date(2024, 3, 4), dt.date(2024, 3, 4), 1, find_span(text, "on Monday")),
        figures=(
            Figure(
                kind="killed",
                low=12,
                best=12,
                high=None,
                approximate=True,
                who="soldiers",
                span=find_span(text, "at least 12 soldiers"),
                according_to=military,
            ),
        ),
        according_to=military,
        modality="claimed",
        territory=Territory(from_actor=IRAQ_ARMY, to_actor=None, place="Tal Afar"),
        confidence=0.8766,
    )


def civilians_event(text: str = IRAQ_TEXT) -> Event:
    """Violence against civilians over a week, vague toll ("several")."""
    return Event(
        id="b2c3d4e5f6a1" + "1" * 52,
        article_id=article_id(text),
        sentence=find_span(
            text,
            "In Mosul, several civilians were killed by the militants last week, residents said.",
        ),
        trigger=find_span(text, "killed"),
        event_type="Violence against civilians",
        sub_event_type="Attack",
        plover_type="ASSAULT",
        plover_mode=None,
        actor1=Actor(ISLAMIC_STATE, "Rebel group", "INS", None, find_span(text, "the militants")),
        actor2=Actor("Civilians (Iraq)", "Civilians", "CVL", "IRQ", find_span(text, "civilians")),
        location=mosul(text),
        date=EventDate(dt.date(2024, 2, 26), dt.date(2024, 3, 3), 3, find_span(text, "last week")),
        figures=(
            Figure(
                kind="killed",
                low=3,
                best=3,
                high=9,
                approximate=True,
                who="civilians",
                span=find_span(text, "several civilians"),
                according_to=Source(
                    "residents", "witness", find_span(text, "residents"), anonymous=True
                ),
            ),
        ),
        according_to=Source("residents", "witness", find_span(text, "residents"), anonymous=True),
        modality="asserted",
        confidence=0.6,
    )


def iraq_extraction() -> Extraction:
    text = IRAQ_TEXT
    return Extraction(
        article=iraq_article(),
        entities=(Entity(*_offsets(text, "Tal Afar"), "GPE"),),
        places=(tal_afar(text), mosul(text)),
        events=(battle_event(text), civilians_event(text)),
        figures=(
            Figure(
                kind="displaced",
                low=24,
                best=24,
                high=99,
                approximate=True,
                who="families",
                span=find_span(text, "Dozens of families"),
                according_to=Source(
                    "United Nations", "NGO/IGO", find_span(text, "the United Nations")
                ),
            ),
        ),
    )


def _offsets(text: str, words: str) -> tuple[int, int, str]:
    span = find_span(text, words)
    return span.start, span.end, span.text


def syria_extraction() -> Extraction:
    text = SYRIA_TEXT
    art_id = article_id(text)
    observatory = Source(
        "Syrian Observatory for Human Rights",
        "monitor",
        find_span(text, "the Syrian Observatory for Human Rights"),
    )
    idlib = Place(
        name="Idlib",
        span=find_span(text, "Idlib"),
        geonameid=169389,
        lat=35.9306,
        lon=36.6339,
        country_code="SY",
        admin1="Idlib",
        admin2=None,
        feature_code="PPLA",
        precision=1,
    )
    strike = Event(
        id="c3d4e5f6a1b2" + "2" * 52,
        article_id=art_id,
        sentence=find_span(
            text,
            "Russian aircraft struck a market in Idlib on Saturday, killing dozens of people, the "
            "Syrian Observatory for Human Rights said.",
        ),
        trigger=find_span(text, "struck"),
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        plover_type="ASSAULT",
        plover_mode="aerial",
        actor1=Actor(
            "Military Forces of Russia",
            "External/Other forces",
            "MIL",
            "RUS",
            find_span(text, "Russian aircraft"),
        ),
        actor2=None,
        location=idlib,
        date=EventDate(dt.date(2024, 2, 10), dt.date(2024, 2, 10), 1, None),
        figures=(
            Figure(
                "killed",
                24,
                24,
                99,
                True,
                "people",
                find_span(text, "dozens of people"),
                observatory,
            ),
            Figure(
                "killed",
                30,
                30,
                30,
                False,
                "people",
                find_span(text, "30 people"),
                Source("Local rescuers", "witness", find_span(text, "Local rescuers")),
            ),
        ),
        according_to=observatory,
        confidence=0.9,
    )
    article = Article(
        id=art_id,
        text=text,
        title=None,
        published=dt.date(2024, 2, 11),
        outlet="Levant Daily",
        source_id="syria-1",
    )
    return Extraction(article=article, places=(idlib,), events=(strike,))


def bare_extraction() -> Extraction:
    """An article with one event that has nulls wherever the model allows them."""
    text = KURDISH_TEXT
    art_id = article_id(text)
    event = Event(
        id="d4e5f6a1b2c3" + "3" * 52,
        article_id=art_id,
        sentence=find_span(text, "Officials in Dohuk said the group had changed its tactics."),
        trigger=find_span(text, "changed"),
        event_type="Strategic developments",
        sub_event_type="Change to group/activity",
        plover_type=None,
        plover_mode=None,
        actor1=None,
        actor2=None,
        location=None,
        date=None,
    )
    return Extraction(article=Article(id=art_id, text=text), events=(event,))


def all_extractions() -> list[Extraction]:
    return [iraq_extraction(), syria_extraction(), bare_extraction()]


def _spans_of(extraction: Extraction) -> list[Span]:
    spans: list[Span] = []
    for event in extraction.events:
        spans += [event.sentence, event.trigger]
        for actor in (event.actor1, event.actor2):
            if actor and actor.span:
                spans.append(actor.span)
        if event.location and event.location.span:
            spans.append(event.location.span)
        if event.date and event.date.span:
            spans.append(event.date.span)
        for figure in event.figures:
            spans.append(figure.span)
            if figure.according_to and figure.according_to.span:
                spans.append(figure.according_to.span)
    for place in extraction.places:
        if place.span:
            spans.append(place.span)
    for figure in extraction.figures:
        spans.append(figure.span)
    return spans


def test_builders_spans_match_their_article_text():
    for extraction in all_extractions():
        text = extraction.article.text
        for span in _spans_of(extraction):
            assert text[span.start : span.end] == span.text


def test_builders_events_belong_to_their_article():
    for extraction in all_extractions():
        assert extraction.article.id == article_id(extraction.article.text)
        for event in extraction.events:
            assert event.article_id == extraction.article.id


def test_builders_event_ids_are_distinct():
    ids = [event.id for extraction in all_extractions() for event in extraction.events]
    assert len(ids) == len(set(ids))
