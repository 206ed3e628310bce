"""News crawls: WARC and WARC.gz files (Common Crawl's CC-NEWS among them), streamed.

A crawl file holds thousands of records: requests, metadata, images, redirects, and the HTML
pages we want. Records are read one at a time with warcio, so a file of any size needs the
memory of one page. Only successful HTML responses are kept, each read up to the size cap after
its transfer and content encodings are undone. A broken record does not end the file: it is
reported with its byte offset, and reading resumes at the next record that starts cleanly.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from warmonitor.errors import InputError
from warmonitor.ingest.html import iso_day
from warmonitor.ingest.limits import over_cap_message
from warmonitor.model import FailedInput

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
# How far ahead a resynchronisation looks at a time for the start of the next record.
_SCAN_CHUNK = 1 << 20


def is_warc_path(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True, slots=True)
class CrawledPage:
    """One HTML response of a crawl."""

    source_id: str  # "crawl.warc.gz#<record id>"
    url: str | None  # WARC-Target-URI
    crawled: dt.date | None  # WARC-Date: when it was fetched, a fallback publication date
    body: bytes


def iter_crawled_pages(path: str, max_bytes: int) -> Iterator[CrawledPage | FailedInput]:
    """The HTML responses of a WARC file, and a FailedInput for each record that cannot be read."""
    with _open_crawl(path) as handle:
        compressed = handle.read(len(_GZIP_MAGIC)) == _GZIP_MAGIC
        start = 0
        while start is not None:
            start = yield from _pages_from(handle, path, start, compressed, max_bytes)


def _open_crawl(path: str) -> BinaryIO:
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller's with-block closes it
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc}); check the path") from exc


def _pages_from(
    handle: BinaryIO, path: str, start: int, compressed: bool, max_bytes: int
) -> Iterator[CrawledPage | FailedInput]:
    """Pages from byte ``start`` on; returns where to resume after a broken record (or None)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    handle.seek(start)
    records = ArchiveIterator(handle)
    try:
        for record in records:
            # ``offset`` is where the record being read starts, counted from ``start``.
            page = _page(record, path, start + records.offset, max_bytes)
            if page is not None:
                yield page
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError) as exc:
        record_start = start + records.offset
        yield FailedInput(
            f"{path}@{record_start}",
            f"{path}: the record at byte {record_start} is broken ({_reason(exc)}); "
            "it was skipped and reading goes on at the next record",
        )
        return _next_record(handle, record_start + 1, compressed)
    return None


def _page(record, path: str, offset: int, max_bytes: int) -> CrawledPage | FailedInput | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
    if status != "200" or content_type.strip().lower() not in HTML_MEDIA_TYPES:
        return None
    record_id = record.rec_headers.get_header("WARC-Record-ID") or f"@{offset}"
    source_id = f"{path}#{record_id.strip('<>')}"
    # content_stream() undoes chunking and gzip as it reads: reading one byte past the cap is
    # all it takes to know a page is too big, however compressed it was.
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return FailedInput(
            source_id, f"{source_id}: {over_cap_message('is', None, max_bytes, 'skip the page')}"
        )
    return CrawledPage(
        source_id=source_id,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        crawled=iso_day(record.rec_headers.get_header("WARC-Date")),
        body=body,
    )


def _next_record(handle: BinaryIO, position: int, compressed: bool) -> int | None:
    """Where the next record starts cleanly at or after ``position`` (None at the end)."""
    marker = _GZIP_MAGIC if compressed else _WARC_MAGIC
    handle.seek(position)
    carried = b""
    base = position
    while chunk := handle.read(_SCAN_CHUNK):
        window = carried + chunk
        found = window.find(marker)
        while found != -1:
            at = base - len(carried) + found
            if compressed or at == 0 or _at_line_start(handle, at):
                return at
            found = window.find(marker, found + 1)
        carried = window[-(len(marker) - 1) :]
        base += len(chunk)
    return None


def _at_line_start(handle: BinaryIO, at: int) -> bool:
    here = handle.tell()
    handle.seek(at - 1)
    before = handle.read(1)
    handle.seek(here)
    return before == b"\n"


def _reason(exc: Exception) -> str:
    # warcio quotes the bytes it choked on; binary garbage has no place in a one-line message.
    text = str(exc).split(", first line:")[0]
    text = "".join(c if c.isascii() and c.isprintable() else " " for c in text)
    return " ".join(text.split())[:120] or type(exc).__name__
