"""Parquet shards: what a worker read out of its sources, for the store to load later.

A worker on a cluster has no database. It writes one shard per task: a Parquet file with one
row per input, in input order, holding the article and everything the store needs to save it
(places, figures, events, control records, the MinHash fingerprint), or the message of an input
that could not be read. ``warmonitor load`` saves shards in task order, row by row, exactly as
an ingest in one process would have saved the same inputs, so the database does not depend on
how the work was spread. A shard is written under a temporary name and renamed when whole: a
worker killed mid-write leaves no shard that looks complete.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warmonitor.dedup import Fingerprint
from warmonitor.export.contract import figure_to_dict, place_mention_to_dict
from warmonitor.model import Extraction, FailedInput
from warmonitor.store.codec import (
    article_from_row,
    article_to_row,
    control_from_dict,
    control_to_record,
    event_from_dict,
    event_to_record,
    figure_from_dict,
    place_from_dict,
)

SHARD_SUFFIX = ".parquet"
# Bumped when the row layout changes: a shard from another layout is refused, not misread.
SHARD_FORMAT = 1


@dataclass(frozen=True)
class ShardRow:
    """One input of a task: read (an extraction and its fingerprint) or failed."""

    source: str  # the task's source (file, folder, URL) the input came from
    extraction: Extraction | None = None
    fingerprint: Fingerprint | None = None
    failure: FailedInput | None = None


def shard_name(task_number: int) -> str:
    """Shards sort in task order by name: task-000042.parquet."""
    return f"task-{task_number:06d}{SHARD_SUFFIX}"


def write_shard(path: Path, rows: list[ShardRow]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "format": pa.array([SHARD_FORMAT] * len(rows), pa.int32()),
            "source": pa.array([row.source for row in rows], pa.string()),
            "record": pa.array([json.dumps(_row_to_record(row)) for row in rows], pa.string()),
        }
    )
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, path)


def read_shards(folder: Path) -> Iterator[ShardRow]:
    """Every row of the folder's shards, shards in name (task) order, rows in input order."""
    import pyarrow.parquet as pq

    for path in sorted(folder.glob(f"*{SHARD_SUFFIX}")):
        table = pq.read_table(path)
        formats = set(table.column("format").to_pylist())
        if formats - {SHARD_FORMAT}:
            raise ValueError(f"{path}: shard format {sorted(formats)}, expected {SHARD_FORMAT}")
        sources = table.column("source").to_pylist()
        for source, record in zip(sources, table.column("record").to_pylist(), strict=True):
            yield _row_from_record(source, json.loads(record))


def _row_to_record(row: ShardRow) -> dict[str, Any]:
    if row.failure is not None:
        failure = row.failure
        return {
            "failure": {
                "source_id": failure.source_id,
                "message": failure.message,
                "skipped": failure.skipped,
            }
        }
    extraction = row.extraction
    assert extraction is not None and row.fingerprint is not None
    article = article_to_row(extraction.article, "")
    del article["ingested_at"]
    return {
        "article": article,
        "places": [place_mention_to_dict(place) for place in extraction.places],
        "figures": [figure_to_dict(figure) for figure in extraction.figures],
        "events": [event_to_record(event) for event in extraction.events],
        "control": [control_to_record(record) for record in extraction.control],
        "fingerprint": {
            "signature": row.fingerprint.signature.hex(),
            "bands": list(row.fingerprint.bands),
            "shingles": row.fingerprint.shingles,
        },
    }


def _row_from_record(source: str, record: dict[str, Any]) -> ShardRow:
    if "failure" in record:
        failure = record["failure"]
        return ShardRow(
            source,
            failure=FailedInput(failure["source_id"], failure["message"], failure["skipped"]),
        )
    article = article_from_row(record["article"])
    text = article.text

    def sentence(d: dict[str, Any]) -> str:
        return text[d["sentence"]["start"] : d["sentence"]["end"]]

    extraction = Extraction(
        article=article,
        places=tuple(place_from_dict(place) for place in record["places"]),
        figures=tuple(figure_from_dict(figure) for figure in record["figures"]),
        events=tuple(
            event_from_dict(event, sentence_text=sentence(event)) for event in record["events"]
        ),
        control=tuple(
            control_from_dict(control, sentence_text=sentence(control))
            for control in record["control"]
        ),
    )
    mark = record["fingerprint"]
    fingerprint = Fingerprint(
        bytes.fromhex(mark["signature"]), tuple(mark["bands"]), mark["shingles"]
    )
    return ShardRow(source, extraction=extraction, fingerprint=fingerprint)
