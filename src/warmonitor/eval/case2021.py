"""CASE 2021 Task 2: the fine-grained event type of news snippets.

Each snippet has one gold event: one of ACLED's 25 sub-event types, or one of 5 types outside
ACLED (natural and man-made disasters, organised crime, diplomacy, attributions). warmonitor's
main event is scored against the ACLED ones (weighted and macro F1, as the shared task did); for
the others, the share of snippets on which warmonitor reports no event is given apart.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from warmonitor.eval.crossval import ExtractRecords
from warmonitor.eval.gold import Score, main_event, read_gold
from warmonitor.eval.metrics import confusion, macro_f1, per_label, weighted_f1

DATASET = "case2021_task2"
CASE_FILE = "case2021_task2.dev.jsonl"
NO_EVENT = "none"


def gold_sub_event_type(record: dict[str, Any]) -> str:
    """The snippet's ACLED sub-event type, or "none" for the types outside ACLED."""
    truth = record["events"][0]
    return truth["acled_sub_event_type"] if truth["seen_in_acled_taxonomy"] else NO_EVENT


def score_case2021(
    extract: ExtractRecords, gold_dir: Path, limit: int | None = None
) -> tuple[list[Score], Counter[tuple[str, str]]]:
    records = read_gold(gold_dir / CASE_FILE, limit)
    extractions = extract(records)
    gold: list[str] = []
    predicted: list[str | None] = []
    outside_quiet = outside = 0
    for record, extraction in zip(records, extractions, strict=True):
        event = main_event(extraction)
        truth = record["events"][0]
        if truth["seen_in_acled_taxonomy"]:
            gold.append(truth["acled_sub_event_type"])
            predicted.append(event.sub_event_type if event else None)
        else:
            outside += 1
            outside_quiet += event is None
    scores = per_label(gold, predicted)
    table = [
        Score(DATASET, "sub-event type weighted F1", len(gold), weighted_f1(scores)),
        Score(DATASET, "sub-event type macro F1", len(gold), macro_f1(scores)),
        Score(DATASET, "event type accuracy", len(gold), _event_type_accuracy(gold, predicted)),
    ]
    if outside:
        table.append(
            Score(DATASET, "outside ACLED: no event reported", outside, outside_quiet / outside)
        )
    return table, confusion(gold, predicted)


def _event_type_accuracy(gold: list[str], predicted: list[str | None]) -> float:
    from warmonitor.coding.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    hits = sum(
        guess is not None and taxonomy[guess].event_type == taxonomy[truth].event_type
        for truth, guess in zip(gold, predicted, strict=True)
    )
    return hits / len(gold) if gold else 0.0
