"""One parsed report in, everything read out of it: the coding stage's single entry point."""

from __future__ import annotations

from spacy.tokens import Doc

from warmonitor.coding.events import code_events
from warmonitor.coding.gazetteer import Gazetteer
from warmonitor.coding.knowledge import Knowledge
from warmonitor.coding.places import find_places
from warmonitor.model import Article, Entity, Extraction


def code_document(
    doc: Doc, article: Article, knowledge: Knowledge, gazetteer: Gazetteer
) -> Extraction:
    places = find_places(doc, article, gazetteer, knowledge)
    events, non_events, figures = code_events(doc, article, knowledge, places)
    entities = tuple(Entity(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents)
    return Extraction(
        article=article,
        entities=entities,
        places=tuple(m.place for m in places),
        events=tuple(events),
        figures=tuple(figures),
        non_events=tuple(non_events),
    )
