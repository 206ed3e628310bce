"""One parsed report in, everything read out of it: the coding stage's single entry point."""

from __future__ import annotations

from spacy.tokens import Doc

from warmonitor.coding.attribution import reporter_source
from warmonitor.coding.classifier import EventClassifiers
from warmonitor.coding.control import read_control
from warmonitor.coding.events import LastResorts, code_events, document_resolver
from warmonitor.coding.gazetteer import Gazetteer
from warmonitor.coding.knowledge import Knowledge
from warmonitor.coding.opinions import SentenceOpinions
from warmonitor.coding.people import with_people
from warmonitor.coding.places import dateline_place, find_places, police_jurisdiction
from warmonitor.coding.weapons import find_weapons
from warmonitor.model import Article, Entity, Extraction


def code_document(
    doc: Doc,
    article: Article,
    knowledge: Knowledge,
    gazetteer: Gazetteer,
    classifier: EventClassifiers | None = None,
    *,
    home_countries: tuple[str, ...] = (),
) -> Extraction:
    places = find_places(doc, article, gazetteer, knowledge, home_countries)
    opinions = SentenceOpinions(classifier, list(doc.sents)) if classifier else None
    resolver = document_resolver(doc, article, knowledge, places)
    last_resorts = LastResorts(
        jurisdiction=police_jurisdiction(places, doc.text),
        dateline=dateline_place(article, gazetteer, knowledge, places),
    )
    events, non_events, figures = code_events(
        doc, article, knowledge, places, resolver, opinions, last_resorts
    )
    events = with_people(events, doc, article)
    every_figure = [*figures, *(f for e in events for f in e.figures)]
    control = read_control(
        doc,
        article,
        knowledge,
        resolver,
        places,
        events,
        every_figure,
        reporter_source(article),
        gazetteer.country_area_km2,
    )
    named = [Entity(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
    entities = _with_weapons(named, find_weapons(doc, knowledge.weapons))
    return Extraction(
        article=article,
        entities=entities,
        places=tuple(m.place for m in places),
        events=tuple(events),
        figures=tuple(figures),
        non_events=tuple(non_events),
        control=tuple(control),
    )


def _with_weapons(named: list[Entity], weapons: list[Entity]) -> tuple[Entity, ...]:
    """spaCy's entities and the weapons, sorted by start, no span labelled twice.

    A weapon replaces the entities it covers (spaCy takes "M-16" for a PRODUCT, "AK-47s" for an
    ORG); a weapon that only overlaps a longer entity gives way to it.
    """
    kept = [w for w in weapons if not any(_overlaps(w, e) and not _inside(e, w) for e in named)]
    others = [e for e in named if not any(_inside(e, w) for w in kept)]
    return tuple(sorted(others + kept, key=lambda e: (e.start, e.end)))


def _inside(inner: Entity, outer: Entity) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _overlaps(a: Entity, b: Entity) -> bool:
    return a.start < b.end and b.start < a.end
