"""Training the event classifiers (`warmonitor train`) on public human-annotated sentences.

Two gold files of ../shared/gold teach them:
- CASE 2021 Task 2: news snippets, each labelled with one ACLED sub-event type or as telling an
  event outside ACLED ("none" here). They teach the sub-event type, and, through ACLED's PLOVER
  crosswalk, the PLOVER type of violent and protest events.
- The PLOVER gold standard records: sentences labelled with a PLOVER type, mostly the political
  acts (demands, threats, visits, rejections) that ACLED files as "Other". They teach the PLOVER
  type.
- Ordinary crime news (the first articles of the Gun Violence Archive's dev file): their sentences
  in which the rules find no event teach the PLOVER model what tells no political act at all.
  The PLOVER records alone are all political acts, and a model that never saw anything else
  reads a promise into "the suspect agreed to talk to detectives".

A training unit is what the coder shows a classifier at run time: the sentence of the rules' main
event with the rules' reading, or the whole text with the reading "none" when the rules found
nothing. The same units serve cross-validation in `warmonitor eval`: each record is scored by
models trained without the records of its fold, never by one that has seen it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warmonitor.coding.classifier import (
    NO_EVENT,
    EventClassifiers,
    TextFeatures,
    TrainingUnit,
    fit_classifier,
    readings_of,
)
from warmonitor.coding.taxonomy import load_taxonomy
from warmonitor.eval.case2021 import CASE_FILE, gold_sub_event_type
from warmonitor.eval.gold import articles_for, main_event, read_gold
from warmonitor.eval.plover import PLOVER_FILE, gold_plover_type
from warmonitor.model import Extraction

# Folds follow each record's stable bucket (0-99), so they never change between runs.
FOLDS = 5
# CASE 2021's diplomatic snippets tell a PLOVER act without saying which one: they teach neither
# "none" nor any type to the PLOVER model.
_UNTYPED_FOR_PLOVER = {"DIPLO"}
ORDINARY_NEWS_FILE = "gva.dev.jsonl"
_ORDINARY_ARTICLES = 300
_ORDINARY_SENTENCES = 1500
# A sentence as the crude splitter sees it: enough for sentences that are only ever negatives.
_SENTENCE = re.compile(r"[^\n.!?]{30,400}[.!?]")


@dataclass(frozen=True, slots=True)
class AnnotatedRecord:
    record_id: str
    fold: int
    unit: TrainingUnit


@dataclass(frozen=True)
class TrainingSet:
    sub_event: list[AnnotatedRecord]  # CASE 2021, labelled with ACLED sub-event types
    plover: list[AnnotatedRecord]  # PLOVER records and CASE 2021, labelled with PLOVER types
    source: Path

    def fit(
        self, leave_out: Callable[[AnnotatedRecord], bool] = lambda _: False
    ) -> EventClassifiers:
        """Both models, trained without the records ``leave_out`` picks."""
        sub_event = [r.unit for r in self.sub_event if not leave_out(r)]
        plover = [r.unit for r in self.plover if not leave_out(r)]
        # One vocabulary for both, so that the coder transforms each sentence once.
        features = TextFeatures(sorted({u.text for u in (*sub_event, *plover)}))
        sub_event_source = f"{len(sub_event)} CASE 2021 snippets from {self.source}"
        plover_source = f"{len(plover)} PLOVER-typed sentences from {self.source}"
        return EventClassifiers(
            fit_classifier(sub_event, sub_event_source, features),
            fit_classifier(plover, plover_source, features),
        )


def read_training_set(extractor, gold_dir: Path) -> TrainingSet:
    """The annotated records as training units, read through the rules alone."""
    rules = extractor.with_classifier(None)
    case = read_gold(gold_dir / CASE_FILE)
    plover = read_gold(gold_dir / PLOVER_FILE)
    case_read = list(rules.extract_many(articles_for(case)))
    plover_read = list(rules.extract_many(articles_for(plover)))
    taxonomy = load_taxonomy()
    sub_event_units = [
        _annotated(record, extraction, gold_sub_event_type(record))
        for record, extraction in zip(case, case_read, strict=True)
    ]
    plover_units = [
        _annotated(record, extraction, gold_plover_type(record))
        for record, extraction in zip(plover, plover_read, strict=True)
    ]
    plover_units.extend(_ordinary_sentences(rules, gold_dir))
    for record, extraction in zip(case, case_read, strict=True):
        if record["events"][0]["code"] in _UNTYPED_FOR_PLOVER:
            continue
        sub_event_type = gold_sub_event_type(record)
        label = NO_EVENT if sub_event_type == NO_EVENT else taxonomy[sub_event_type].plover_type
        plover_units.append(_annotated(record, extraction, label or NO_EVENT))
    return TrainingSet(sub_event_units, plover_units, gold_dir)


def train_classifier(extractor, gold_dir: Path) -> EventClassifiers:
    return read_training_set(extractor, gold_dir).fit()


def _ordinary_sentences(rules, gold_dir: Path) -> list[AnnotatedRecord]:
    """Sentences of crime reports that tell no event the rules know, as "none" for PLOVER."""
    path = gold_dir / ORDINARY_NEWS_FILE
    if not path.exists():
        return []
    records = read_gold(path, _ORDINARY_ARTICLES)
    units: list[AnnotatedRecord] = []
    # Read lazily: the first hundred or so reports give enough sentences.
    for record, extraction in zip(records, rules.extract_many(articles_for(records)), strict=True):
        told = [(m.sentence.start, m.sentence.end) for m in extraction.events]
        told += [(m.sentence.start, m.sentence.end) for m in extraction.non_events]
        fold = int(record.get("bucket", 0)) % FOLDS
        for number, match in enumerate(_SENTENCE.finditer(extraction.article.text)):
            if any(start <= match.start() < end for start, end in told):
                continue
            unit = TrainingUnit(match.group().strip(), (NO_EVENT,), NO_EVENT)
            units.append(AnnotatedRecord(f"{record['id']}#{number}", fold, unit))
            if len(units) == _ORDINARY_SENTENCES:
                return units
    return units


def _annotated(record: dict[str, Any], extraction: Extraction, label: str) -> AnnotatedRecord:
    return AnnotatedRecord(
        str(record["id"]), int(record.get("bucket", 0)) % FOLDS, _unit(extraction, label)
    )


def _unit(extraction: Extraction, label: str) -> TrainingUnit:
    event = main_event(extraction)
    if event is None:
        return TrainingUnit(extraction.article.text, (NO_EVENT,), label)
    text = extraction.article.text[event.sentence.start : event.sentence.end]
    return TrainingUnit(text, readings_of(event.sub_event_type, event.plover_type), label)
