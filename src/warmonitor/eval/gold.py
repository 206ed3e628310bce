"""Reading the gold sets of ../shared/gold and running the extractor over their texts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warmonitor.errors import WarmonitorError
from warmonitor.ingest.identity import article_id
from warmonitor.model import Article, Event, Extraction


@dataclass(frozen=True, slots=True)
class Score:
    """One line of the evaluation table."""

    dataset: str
    metric: str
    items: int
    score: float
    note: str | None = None


def read_gold(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The records of one gold JSONL file (the first ``limit`` when given)."""
    if not path.exists():
        raise WarmonitorError(f"{path}: gold file not found; pass --gold DIR (../shared/gold)")
    records: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                records.append(json.loads(line))
            if limit is not None and len(records) >= limit:
                break
    return records


def articles_for(records: list[dict[str, Any]], *, text_key: str = "text") -> Iterator[Article]:
    for record in records:
        text = record[text_key]
        yield Article(id=article_id(text), text=text, language="en", source_id=str(record["id"]))


def main_event(extraction: Extraction) -> Event | None:
    """The document's main event: the most confident one (DESIGN.md section 4)."""
    return max(extraction.events, key=lambda e: e.confidence, default=None)
