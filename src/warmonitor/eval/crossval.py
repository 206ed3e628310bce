"""Scoring a learned model honestly: never on what it learned from.

The event classifiers are trained on the CASE 2021 dev file and the PLOVER records, so there each
record is coded by models trained without the records of its fold (5 folds by the records'
stable buckets, the same fold number left out of both files). Every other set is coded by the
models trained on both files whole.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from warmonitor.eval.gold import articles_for
from warmonitor.model import Extraction

ExtractRecords = Callable[[list[dict[str, Any]]], list[Extraction]]


def plain(extractor) -> ExtractRecords:
    """Code the records with the extractor as it is."""
    return lambda records: list(extractor.extract_many(articles_for(records)))


def cross_validated(extractor, training) -> ExtractRecords:
    """Code each record with classifiers trained without the records of its fold."""
    from warmonitor.training import FOLDS

    def extract(records: list[dict[str, Any]]) -> list[Extraction]:
        by_id: dict[str, Extraction] = {}
        for fold in range(FOLDS):
            held_out = [r for r in records if int(r.get("bucket", 0)) % FOLDS == fold]
            if not held_out:
                continue
            model = training.fit(leave_out=lambda annotated, fold=fold: annotated.fold == fold)
            coded = extractor.with_classifier(model).extract_many(articles_for(held_out))
            by_id.update(zip((str(r["id"]) for r in held_out), coded, strict=True))
        return [by_id[str(r["id"])] for r in records]

    return extract
