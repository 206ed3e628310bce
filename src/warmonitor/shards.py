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


class ShardWriter:
    """Writes a shard a row group at a time, so a task of any size needs little memory:

        with ShardWriter(path) as shard:
            shard.add(row)

    The file appears under its name only when the block ends without an error.
    """

    def __init__(self, path: Path, rows_per_group: int = 256) -> None:
        self.path = path
        self.rows = 0
        self._temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        self._pending: list[ShardRow] = []
        self._rows_per_group = rows_per_group
        self._writer = None

    def __enter__(self) -> ShardWriter:
        import pyarrow.parquet as pq

        self._writer = pq.ParquetWriter(self._temporary, _schema(), compression="zstd")
        return self

    def add(self, row: ShardRow) -> None:
        self._pending.append(row)
        self.rows += 1
        if len(self._pending) >= self._rows_per_group:
            self._flush()

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        assert self._writer is not None
        try:
            if exc_type is None:
                self._flush()
            self._writer.close()
            if exc_type is None:
                os.replace(self._temporary, self.path)
        finally:
            if exc_type is not None or not self.path.exists():
                self._temporary.unlink(missing_ok=True)

    def _flush(self) -> None:
        import pyarrow as pa

        assert self._writer is not None
        rows, self._pending = self._pending, []
        if not rows:
            return
        table = pa.table(
            {
                "format": pa.array([SHARD_FORMAT] * len(rows), pa.int32()),
                "source": pa.array([row.source for row in rows], pa.string()),
                "record": pa.array([json.dumps(_row_to_record(row)) for row in rows], pa.string()),
            },
            schema=_schema(),
        )
        self._writer.write_table(table)


def _schema():
    import pyarrow as pa

    return pa.schema([("format", pa.int32()), ("source", pa.string()), ("record", pa.string())])


def write_shard(path: Path, rows: list[ShardRow]) -> None:
    with ShardWriter(path) as shard:
        for row in rows:
            shard.add(row)


def read_shards(folder: Path) -> Iterator[ShardRow]:
    """Every row of the folder's shards, shards in name (task) order, rows in input order."""
    for path in sorted(folder.glob(f"*{SHARD_SUFFIX}")):
        yield from read_shard(path)


def read_shard(path: Path) -> Iterator[ShardRow]:
    import pyarrow.parquet as pq

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
