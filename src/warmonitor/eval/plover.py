"""PLOVER gold standard records: event type and the source and target actors.

The gold file predates parts of PLOVER's current type list; its older names are mapped to the
16 types warmonitor speaks (DESIGN.md) here, in the evaluation code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warmonitor.eval.crossval import ExtractRecords
from warmonitor.eval.gold import Score, main_event, read_gold
from warmonitor.eval.metrics import accuracy, prf
from warmonitor.model import Actor

DATASET = "plover_gsr"
PLOVER_FILE = "plover_gsr.jsonl"

# Older PLOVER names in the gold file -> the current 16 types.
_OLD_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}


def gold_plover_type(record: dict[str, Any]) -> str:
    """The record's PLOVER type under its current name."""
    code = record["events"][0]["code"]
    return _OLD_TYPES.get(code, code)


def score_plover(extract: ExtractRecords, gold_dir: Path, limit: int | None = None) -> list[Score]:
    records = read_gold(gold_dir / PLOVER_FILE, limit)
    extractions = extract(records)
    gold_types: list[str] = []
    predicted_types: list[str | None] = []
    by_text = [0, 0, 0]  # true positives, false positives, false negatives
    by_country = [0, 0, 0]
    for record, extraction in zip(records, extractions, strict=True):
        truth = record["events"][0]
        event = main_event(extraction)
        gold_types.append(gold_plover_type(record))
        predicted_types.append(event.plover_type if event else None)
        for role, actor in (
            ("source_actor", event.actor1 if event else None),
            ("target_actor", event.actor2 if event else None),
        ):
            _count(by_text, truth[role], actor, _same_text)
            _count(by_country, [a for a in truth[role] if a.get("code")], actor, _same_country)
    items = len(records)
    text_scores, country_scores = prf(*by_text), prf(*by_country)
    return [
        Score(DATASET, "event type accuracy", items, accuracy(gold_types, predicted_types)),
        Score(
            DATASET,
            "actor F1 by text",
            text_scores.support,
            text_scores.f1,
            f"P {text_scores.precision:.3f} R {text_scores.recall:.3f}",
        ),
        Score(
            DATASET,
            "actor F1 by country code",
            country_scores.support,
            country_scores.f1,
            f"P {country_scores.precision:.3f} R {country_scores.recall:.3f}",
        ),
    ]


def _count(counts: list[int], gold: list[dict], actor: Actor | None, same) -> None:
    matched = actor is not None and any(same(g, actor) for g in gold)
    counts[0] += matched
    counts[1] += actor is not None and not matched
    counts[2] += len(gold) - matched


def _same_text(gold: dict, actor: Actor) -> bool:
    """The gold phrase and ours overlap: one contains the other, ignoring case."""
    ours = (actor.span.text if actor.span else actor.name).casefold()
    theirs = gold["text"].casefold()
    return bool(theirs) and (theirs in ours or ours in theirs)


def _same_country(gold: dict, actor: Actor) -> bool:
    return actor.country is not None and actor.country == gold["code"]
