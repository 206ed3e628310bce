"""Stored events as Parquet: the ACLED-compatible columns of the CSV export, typed.

The same rows as ``acled_csv`` (so one analysis script reads either), with integer, float and
text columns typed rather than all text, for pandas, DuckDB, R's arrow and Spark.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO

from warmonitor.export.acled_csv import COLUMNS, acled_row
from warmonitor.store.records import StoredEvent

_INTEGERS = frozenset(
    {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
     "fatalities", "timestamp"}
)  # fmt: skip
_FLOATS = frozenset({"latitude", "longitude", "confidence"})


def write_events_parquet(events: Iterable[StoredEvent], out: BinaryIO) -> int:
    """Write the events as one Parquet file to ``out``; the number of rows written."""
    import pyarrow as pa  # heavy: loaded only when a Parquet file is written
    import pyarrow.parquet as pq

    rows = [acled_row(stored) for stored in events]
    fields, arrays = [], []
    for name in COLUMNS:
        kind = pa.int64() if name in _INTEGERS else pa.float64() if name in _FLOATS else pa.string()
        fields.append(pa.field(name, kind))
        arrays.append(pa.array([_typed(name, row[name]) for row in rows], kind))
    pq.write_table(pa.Table.from_arrays(arrays, schema=pa.schema(fields)), out, compression="zstd")
    return len(rows)


def _typed(name: str, value: Any) -> Any:
    if value is None or name in _INTEGERS or name in _FLOATS:
        return value
    return str(value)
