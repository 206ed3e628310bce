"""Training the event classifier (`warmonitor train`) on public human-annotated snippets.

The classifier learns from CASE 2021 Task 2 (../shared/gold): news snippets, each labelled with
one ACLED sub-event type or as telling an event outside ACLED ("none" here). A training unit is
what the coder shows the classifier at run time: the sentence of the rules' main event with the
rules' reading, or the whole snippet with the reading "none" when the rules found nothing.

The same units serve cross-validation in `warmonitor eval`: on CASE 2021 each snippet is scored by
a model trained without its fold, never by one that has seen it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from warmonitor.coding.classifier import (
    NO_EVENT,
    EventTypeClassifier,
    TrainingUnit,
    fit_classifier,
    readings_of,
)
from warmonitor.eval.case2021 import CASE_FILE, gold_sub_event_type
from warmonitor.eval.gold import articles_for, main_event, read_gold
from warmonitor.model import Extraction

# Folds follow each record's stable bucket (0-99), so they never change between runs.
FOLDS = 5


@dataclass(frozen=True, slots=True)
class AnnotatedRecord:
    record_id: str
    fold: int
    unit: TrainingUnit


@dataclass(frozen=True)
class TrainingSet:
    records: list[AnnotatedRecord]
    source: Path

    def fit(self, leave_out: Callable[[AnnotatedRecord], bool] = lambda _: False):
        kept = [r.unit for r in self.records if not leave_out(r)]
        return fit_classifier(kept, f"{len(kept)} CASE 2021 snippets from {self.source}")


def read_training_set(extractor, gold_dir: Path) -> TrainingSet:
    """The annotated snippets as training units, read through the rules alone."""
    records = read_gold(gold_dir / CASE_FILE)
    extractions = extractor.with_classifier(None).extract_many(articles_for(records))
    annotated = [
        AnnotatedRecord(
            str(record["id"]),
            int(record.get("bucket", 0)) % FOLDS,
            _unit(extraction, gold_sub_event_type(record)),
        )
        for record, extraction in zip(records, extractions, strict=True)
    ]
    return TrainingSet(annotated, gold_dir / CASE_FILE)


def train_classifier(extractor, gold_dir: Path) -> EventTypeClassifier:
    return read_training_set(extractor, gold_dir).fit()


def _unit(extraction: Extraction, label: str) -> TrainingUnit:
    event = main_event(extraction)
    if event is None:
        return TrainingUnit(extraction.article.text, (NO_EVENT,), label)
    text = extraction.article.text[event.sentence.start : event.sentence.end]
    return TrainingUnit(text, readings_of(event.sub_event_type, event.plover_type), label)
