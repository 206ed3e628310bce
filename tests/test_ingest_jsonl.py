"""JSONL batches: a bad line fails alone and the others are read."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from warmonitor.config import IngestConfig
from warmonitor.ingest.inputs import iter_articles
from warmonitor.ingest.jsonl import JsonlRecord, iter_jsonl_records
from warmonitor.model import Article, FailedInput

REPORT = (
    "Gunmen attacked a police post near the border on Sunday, killing two officers and "
    "wounding four others, a security source said."
)


def records(lines: list[bytes], max_bytes: int = 5_000_000) -> list[JsonlRecord | FailedInput]:
    stream = io.BytesIO(b"\n".join(lines) + b"\n")
    return list(iter_jsonl_records(stream, name="batch.jsonl", max_bytes=max_bytes))


def test_good_records_keep_their_fields() -> None:
    line = json.dumps(
        {
            "id": "a1",
            "text": REPORT,
            "title": "Police post attacked",
            "url": "https://example.org/a1",
            "published": "2024-05-02",
        }
    ).encode()
    assert records([line]) == [
        JsonlRecord(
            source_id="a1",
            text=REPORT,
            html=None,
            title="Police post attacked",
            url="https://example.org/a1",
            published=dt.date(2024, 5, 2),
        )
    ]


def test_default_id_is_path_and_line_number_and_numbers_are_ids() -> None:
    found = records(
        [b"", json.dumps({"text": REPORT}).encode(), json.dumps({"id": 7, "text": REPORT}).encode()]
    )
    assert [r.source_id for r in found] == ["batch.jsonl:2", "7"]


def test_published_may_be_a_full_timestamp() -> None:
    line = json.dumps({"text": REPORT, "published": "2024-05-02T10:00:00Z"}).encode()
    (record,) = records([line])
    assert isinstance(record, JsonlRecord)
    assert record.published == dt.date(2024, 5, 2)


@pytest.mark.parametrize(
    ("line", "name", "says"),
    [
        (b'{"id": "x", "text": ', "batch.jsonl:1", "is not valid JSON"),
        (b'["a", "b"]', "batch.jsonl:1", "is a JSON array, not a record"),
        (b'{"id": "x9", "title": "no body"}', "x9", 'has no "text" or "html"'),
        (b'{"id": "x9", "text": "   "}', "x9", 'has an empty "text"'),
        (b'{"id": "x9", "text": 12}', "x9", '"text" must be a string'),
        (b'{"id": "x9", "text": "a b c", "published": "last week"}', "x9", "is not a date"),
        (
            b'{"id": "x9", "text": "a b c", "published": "2024-13-40"}',
            "x9",
            "write it as YYYY-MM-DD",
        ),
        (b'{"id": ["x"], "text": "a b c"}', "batch.jsonl:1", '"id" must be'),
        (b'{"id": "x9", "text": "caf\xe9"}', "batch.jsonl:1", "is not valid UTF-8"),
    ],
)
def test_bad_line_is_named_and_says_what_is_wrong(line: bytes, name: str, says: str) -> None:
    (failure,) = records([line])
    assert isinstance(failure, FailedInput)
    assert failure.source_id == name
    assert failure.message.startswith(f"{name}: ")
    assert says in failure.message
    assert "\n" not in failure.message


def test_oversized_line_fails_alone() -> None:
    big = json.dumps({"id": "big", "text": "word " * 100}).encode()
    small = json.dumps({"id": "small", "text": "short text"}).encode()
    found = records([big, small], max_bytes=200)
    assert isinstance(found[0], FailedInput)
    assert found[0].source_id == "batch.jsonl:1"
    assert "over the 200 bytes cap (ingest.max_bytes)" in found[0].message
    assert isinstance(found[1], JsonlRecord)
    assert found[1].source_id == "small"


def test_line_exactly_at_the_cap_with_crlf_is_read() -> None:
    line = json.dumps({"id": "k", "text": "x" * 50}).encode()
    stream = io.BytesIO(line + b"\r\n" + line + b"\r\n")
    found = list(iter_jsonl_records(stream, name="b.jsonl", max_bytes=len(line)))
    assert [type(r) for r in found] == [JsonlRecord, JsonlRecord]


def test_file_with_a_bad_line_among_good_ones(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(
        b"\xef\xbb\xbf"  # a byte-order mark is allowed
        + json.dumps({"id": "first", "text": REPORT, "published": "2024-05-02"}).encode()
        + b"\n{not json}\n"
        + json.dumps({"text": REPORT.replace("Sunday", "Monday")}).encode()
        + b"\n"
    )
    first, bad, third = iter_articles([str(batch)], IngestConfig(), published=dt.date(2024, 6, 1))
    assert isinstance(first, Article)
    assert first.source_id == "first"
    assert first.published == dt.date(2024, 5, 2)  # the record's own date wins
    assert isinstance(bad, FailedInput)
    assert bad.source_id == f"{batch}:2"
    assert bad.message.startswith(f"{batch}:2: is not valid JSON")
    assert isinstance(third, Article)
    assert third.source_id == f"{batch}:3"
    assert third.published == dt.date(2024, 6, 1)  # the fallback


def test_html_record_uses_the_page_and_the_record_wins(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Page title</title>"
        '<meta property="article:published_time" content="2024-01-09">'
        '<meta property="og:site_name" content="Valley News"></head><body><article>'
        f"<p>{REPORT}</p><p>The attackers fled on foot, the source said.</p>"
        "</article></body></html>"
    )
    batch = tmp_path / "pages.jsonl"
    lines = [
        {"id": "p1", "html": html, "url": "https://valley.example/p1"},
        {"id": "p2", "html": html, "title": "Record title", "published": "2024-02-02"},
    ]
    batch.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    p1, p2 = iter_articles([str(batch)], IngestConfig())
    assert isinstance(p1, Article) and isinstance(p2, Article)
    assert (p1.title, p1.published, p1.url, p1.outlet) == (
        "Page title",
        dt.date(2024, 1, 9),
        "https://valley.example/p1",
        "Valley News",
    )
    assert (p2.title, p2.published) == ("Record title", dt.date(2024, 2, 2))
    assert p1.id == p2.id  # same text, same id


def test_empty_jsonl_file_fails(tmp_path: Path) -> None:
    batch = tmp_path / "empty.jsonl"
    batch.write_text("\n\n", encoding="utf-8")
    (failure,) = iter_articles([str(batch)], IngestConfig())
    assert isinstance(failure, FailedInput)
    assert failure.message.startswith(f"{batch}: is empty")
