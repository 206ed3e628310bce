"""JSON Lines batches: one report per line, ``{"id", "text" | "html", "title"?, "url"?,
"published"?}``.

A bad line fails alone (named by its record id, else ``path:LINENO``) and the lines after it are
still read. The size cap applies to each line, not to the file: a batch may be far larger than
any one report.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from warmonitor.errors import InputError
from warmonitor.ingest.limits import over_cap_message
from warmonitor.model import FailedInput

_UTF8_BOM = b"\xef\xbb\xbf"
# Read in pieces of this size when skipping the rest of an oversized line.
_SKIP_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class JsonlRecord:
    """One line of a batch, checked: exactly one of ``text`` and ``html`` is set."""

    source_id: str  # the record's "id", else "path:LINENO"
    text: str | None
    html: str | None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None


def iter_jsonl_records(
    stream: BinaryIO, *, name: str, max_bytes: int
) -> Iterator[JsonlRecord | FailedInput]:
    """Records of a JSONL stream in order, with a failure in place of each bad line.

    Blank lines are skipped. ``name`` (the path as given) names the lines that have no id.
    """
    for lineno, line, size in _iter_capped_lines(stream, max_bytes):
        where = f"{name}:{lineno}"
        if line is None:
            message = over_cap_message("record is", size, max_bytes, "shorten the record")
            yield FailedInput(where, f"{where}: {message}")
            continue
        if lineno == 1 and line.startswith(_UTF8_BOM):
            line = line[len(_UTF8_BOM) :]
        if not line.strip():
            continue
        try:
            yield parse_jsonl_line(line, default_id=where)
        except InputError as exc:
            yield FailedInput(exc.source_id, str(exc))


def parse_jsonl_line(line: bytes, *, default_id: str) -> JsonlRecord:
    """Check one line; raises :class:`InputError` named by the record id, else ``default_id``."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            default_id,
            f"is not valid UTF-8 (byte 0x{line[exc.start]:02x} at offset {exc.start} of the "
            "line); save the file as UTF-8",
        ) from exc
    try:
        value = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise InputError(
            default_id, f"is not valid JSON ({exc.msg}, column {exc.colno}); fix or remove it"
        ) from exc
    if not isinstance(value, dict):
        raise InputError(
            default_id,
            f'is a JSON {_json_type(value)}, not a record; write {{"id": ..., "text": ...}}',
        )
    source_id = _record_id(value.get("id"), default_id)
    text = _optional_string(value, "text", source_id)
    html = _optional_string(value, "html", source_id)
    if text is None and html is None:
        raise InputError(source_id, 'has no "text" or "html"; put the report in one of them')
    # When both are given the caller's text wins: it is what they chose to be read.
    body = text if text is not None else html
    if body is None or not body.strip():
        raise InputError(source_id, f'has an empty "{"text" if text is not None else "html"}"')
    return JsonlRecord(
        source_id=source_id,
        text=text,
        html=None if text is not None else html,
        title=_optional_string(value, "title", source_id),
        url=_optional_string(value, "url", source_id),
        published=_record_date(value.get("published"), source_id),
    )


def _iter_capped_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when over the cap, size) without holding an oversized line."""
    lineno = 0
    while True:
        # Room for a line at the cap plus its "\r\n".
        chunk = stream.readline(max_bytes + 2)
        if not chunk:
            return
        lineno += 1
        content = chunk.rstrip(b"\r\n")
        if len(content) <= max_bytes:
            yield lineno, content, len(content)
            continue
        size = len(content)
        while not chunk.endswith(b"\n"):
            chunk = stream.readline(_SKIP_CHUNK)
            if not chunk:
                break
            size += len(chunk.rstrip(b"\r\n"))
        yield lineno, None, size


def _record_id(value: Any, default_id: str) -> str:
    if value is None:
        return default_id
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise InputError(default_id, '"id" must be a non-empty string or a number')


def _optional_string(record: dict[str, Any], key: str, source_id: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InputError(source_id, f'"{key}" must be a string, not a JSON {_json_type(value)}')


def _record_date(value: Any, source_id: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            try:
                return dt.datetime.fromisoformat(value).date()
            except ValueError:
                pass
    raise InputError(
        source_id, f'"published" {json.dumps(value)} is not a date; write it as YYYY-MM-DD'
    )


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}.get(type(value), "null")
