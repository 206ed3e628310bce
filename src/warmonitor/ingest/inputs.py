"""Inputs to articles: files, folders, JSONL batches, URLs, feeds, crawls and stdin, in order.

Every input that cannot be read becomes a :class:`FailedInput` whose one-line message starts
with the input's name and says what to do; the other inputs go on. Bytes are decoded strictly as
UTF-8 (a byte-order mark is allowed): guessing another encoding would silently change the text
that every later offset points into.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, Literal

from warmonitor.config import IngestConfig
from warmonitor.errors import InputError
from warmonitor.ingest.feeds import FEED_SUFFIXES, looks_like_feed, parse_feed
from warmonitor.ingest.fetch import FetchedPage, Fetcher
from warmonitor.ingest.html import read_html
from warmonitor.ingest.identity import article_id
from warmonitor.ingest.jsonl import JsonlRecord, iter_jsonl_records
from warmonitor.ingest.language import check_language, skipped_language_message
from warmonitor.ingest.limits import over_cap_message
from warmonitor.ingest.text import CleanedReport, clean_report
from warmonitor.ingest.warc import CrawledPage, is_warc_path, iter_crawled_pages
from warmonitor.model import Article, FailedInput

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
STDIN_NAME = "<stdin>"
URL_SCHEMES = ("http://", "https://")
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})

Kind = Literal["text", "html"]

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# How much of a file is looked at to tell text from binary.
_SNIFF_BYTES = 8192
# Share of control characters or undecodable bytes above which a file is taken for binary
# rather than for text with a few bad bytes (a file saved as cp1252 has a handful, not 10%).
_BINARY_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")


def iter_articles(
    inputs: Sequence[str],
    config: IngestConfig,
    *,
    published: dt.date | None = None,
    stdin: BinaryIO | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Article | FailedInput]:
    """Read each input in order and yield one Article or FailedInput per document.

    An input is a path to a ``.txt``/``.text``/``.md``, ``.html``/``.htm`` or ``.jsonl`` file
    (another suffix is sniffed: HTML if it starts with "<", else text), a WARC crawl
    (``.warc``, ``.warc.gz``: its HTML pages), an RSS/Atom file (``.rss``, ``.atom``, ``.xml``:
    the pages its items link to), a folder (its report files and crawls, recursively, sorted;
    hidden files and READMEs are left out), "-" for ``stdin`` (``sys.stdin.buffer`` when not
    given), or an http(s) URL of a news page or a feed, fetched by ``fetcher``. ``published`` is
    the fallback publication date for documents that do not give their own.
    """
    for name in inputs:
        if name == "-":
            yield _read_stdin(stdin if stdin is not None else sys.stdin.buffer, config, published)
        elif name.lower().startswith(URL_SCHEMES):
            yield from _iter_url(name, config, published, fetcher)
        else:
            yield from _iter_path(name, config, published, fetcher)


def _iter_path(
    name: str, config: IngestConfig, published: dt.date | None, fetcher: Fetcher | None
) -> Iterator[Article | FailedInput]:
    path = Path(name)
    try:
        if path.is_dir():
            yield from _iter_folder(name, config, published, fetcher)
            return
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _iter_jsonl_file(name, config, published)
            return
        if is_warc_path(name):
            yield from _iter_crawl(name, config, published)
            return
        if path.suffix.lower() in FEED_SUFFIXES:
            body = _read_capped(name, config.max_bytes)
            yield from _iter_feed(body, name, name, config, published, fetcher)
            return
        yield _read_file(name, config, published)
    except InputError as exc:
        yield FailedInput(exc.source_id, str(exc))


def _iter_url(
    url: str, config: IngestConfig, published: dt.date | None, fetcher: Fetcher | None
) -> Iterator[Article | FailedInput]:
    """A news page, or a feed whose items are then fetched one by one."""
    if fetcher is None:
        yield FailedInput(url, f"{url}: URLs are read by 'warmonitor ingest'; give a file here")
        return
    try:
        page = fetcher.fetch(url)
    except InputError as exc:
        yield FailedInput(exc.source_id, str(exc))
        return
    if looks_like_feed(page.content_type, page.body):
        try:
            yield from _iter_feed(page.body, page.final_url, url, config, published, fetcher)
        except InputError as exc:
            yield FailedInput(exc.source_id, str(exc))
        return
    yield article_from_page(page, url, config, published)


def _iter_feed(
    body: bytes,
    feed_url: str,
    name: str,
    config: IngestConfig,
    published: dt.date | None,
    fetcher: Fetcher | None,
) -> Iterator[Article | FailedInput]:
    items = parse_feed(body, feed_url)
    if not items:
        raise InputError(name, "is a feed with no items that link to a report")
    for item in items:
        yield fetch_article(item.link, config, item.published or published, fetcher)


def fetch_article(
    url: str, config: IngestConfig, published: dt.date | None, fetcher: Fetcher | None
) -> Article | FailedInput:
    """The article at ``url``; a feed there is not followed (a feed's items are articles)."""
    if fetcher is None:
        return FailedInput(url, f"{url}: URLs are read by 'warmonitor ingest'; give a file here")
    try:
        page = fetcher.fetch(url)
    except InputError as exc:
        return FailedInput(exc.source_id, str(exc))
    if looks_like_feed(page.content_type, page.body):
        return FailedInput(url, f"{url}: is a feed, not an article; give it on its own")
    return article_from_page(page, url, config, published)


def article_from_page(
    page: FetchedPage, source_id: str, config: IngestConfig, published: dt.date | None
) -> Article | FailedInput:
    """The article of a fetched page (HTML, or plain text)."""
    body = page.body
    is_html = page.content_type in HTML_MEDIA_TYPES or (
        page.content_type in ("", "application/octet-stream") and body.lstrip()[:1] == b"<"
    )
    try:
        if is_html:
            html = read_html(body, url=page.final_url, source_id=source_id)
            return _build_article(
                html.report, source_id, config, html.published or published, html.url, html.outlet
            )
        if page.content_type == "text/plain":
            report = clean_report(_decode(body, source_id))
            return _build_article(report, source_id, config, published, page.final_url, None)
    except InputError as exc:
        return FailedInput(exc.source_id, str(exc))
    shown = page.content_type or "of no declared type"
    return FailedInput(
        source_id, f"{source_id}: is {shown}, not a news page or feed; give an article's URL"
    )


def _iter_crawl(
    name: str, config: IngestConfig, published: dt.date | None
) -> Iterator[Article | FailedInput]:
    """The HTML pages of a WARC crawl; a page's crawl date is its fallback publication date."""
    for item in iter_crawled_pages(name, config.max_bytes):
        if isinstance(item, FailedInput):
            yield item
        else:
            yield _article_from_crawled(item, config, published)


def _article_from_crawled(
    page: CrawledPage, config: IngestConfig, published: dt.date | None
) -> Article | FailedInput:
    try:
        html = read_html(page.body, url=page.url, source_id=page.source_id)
    except InputError as exc:
        return FailedInput(exc.source_id, str(exc))
    day = html.published or page.crawled or published
    return _build_article(html.report, page.source_id, config, day, html.url, html.outlet)


def _iter_folder(
    name: str, config: IngestConfig, published: dt.date | None, fetcher: Fetcher | None
) -> Iterator[Article | FailedInput]:
    errors: list[OSError] = []
    found: list[Path] = []
    for folder, subfolders, files in os.walk(name, onerror=errors.append):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        found.extend(Path(folder, f) for f in files if is_report_file(f))
    for error in errors:
        where = error.filename or name
        yield FailedInput(str(where), f"{where}: {_os_reason(error)}")
    if not found and not errors:
        suffixes = ", ".join(sorted(READABLE_SUFFIXES))
        yield FailedInput(name, f"{name}: holds no {suffixes} files; check the folder")
    for path in sorted(found):
        yield from _iter_path(str(path), config, published, fetcher)


def is_report_file(filename: str) -> bool:
    """A file a folder's walk reads; a README in a folder of reports describes them."""
    stem, suffix = os.path.splitext(filename)
    return (
        not filename.startswith(".")
        and (suffix.lower() in READABLE_SUFFIXES or is_warc_path(filename))
        and stem.casefold() != "readme"
    )


def _read_file(name: str, config: IngestConfig, published: dt.date | None) -> Article | FailedInput:
    suffix = Path(name).suffix.lower()
    kind: Kind | None = (
        "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else None
    )
    data = _read_capped(name, config.max_bytes)
    return _article_from_bytes(data, name, kind, config, published)


def _read_capped(name: str, max_bytes: int) -> bytes:
    """The file's bytes; the size is checked before reading, and reading stops past the cap."""
    try:
        size = os.stat(name).st_size
        if size > max_bytes:
            raise InputError(name, over_cap_message("is", size, max_bytes, "split the file"))
        with open(name, "rb") as handle:
            # A special file (a pipe, a device) reports no size: never read more than the cap.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(name, _os_reason(exc)) from exc
    if len(data) > max_bytes:
        raise InputError(name, over_cap_message("is", None, max_bytes, "split the file"))
    return data


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file; check the path"
    if isinstance(exc, PermissionError):
        return "permission denied; check the file's permissions or run as a user who can read it"
    if isinstance(exc, IsADirectoryError):
        return "is a folder that cannot be listed; check the path"
    return f"cannot be read ({exc.strerror or exc}); check the path"


def _read_stdin(
    stdin: BinaryIO, config: IngestConfig, published: dt.date | None
) -> Article | FailedInput:
    try:
        data = stdin.read(config.max_bytes + 1)
        if isinstance(data, str):  # a text stream was passed; read it as the UTF-8 it came from
            data = data.encode("utf-8")
        if len(data) > config.max_bytes:
            raise InputError(
                STDIN_NAME, over_cap_message("is", None, config.max_bytes, "split the input")
            )
    except OSError as exc:
        return FailedInput(STDIN_NAME, f"{STDIN_NAME}: cannot be read ({exc}); check the pipe")
    except InputError as exc:
        return FailedInput(exc.source_id, str(exc))
    return _article_from_bytes(data, STDIN_NAME, None, config, published)


def _iter_jsonl_file(
    name: str, config: IngestConfig, published: dt.date | None
) -> Iterator[Article | FailedInput]:
    try:
        with open(name, "rb") as handle:
            head = handle.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(handle, "peek") else b""
            _check_text_bytes(head, name)
            any_record = False
            for item in iter_jsonl_records(handle, name=name, max_bytes=config.max_bytes):
                any_record = True
                if isinstance(item, FailedInput):
                    yield item
                else:
                    yield _article_from_record(item, config, published)
    except OSError as exc:
        raise InputError(name, _os_reason(exc)) from exc
    if not any_record:
        raise InputError(name, "is empty (or only blank lines); check that it holds records")


def _article_from_record(
    record: JsonlRecord, config: IngestConfig, published: dt.date | None
) -> Article | FailedInput:
    try:
        if record.text is not None:
            report = clean_report(record.text, title=record.title)
            return _build_article(
                report, record.source_id, config, record.published or published, record.url, None
            )
        assert record.html is not None
        page = read_html(record.html, url=record.url, source_id=record.source_id)
    except InputError as exc:
        return FailedInput(exc.source_id, str(exc))
    report = page.report
    # The record's own title wins over the one the page declares.
    if record.title and record.title.strip():
        report = dataclasses.replace(report, title=" ".join(record.title.split()))
    return _build_article(
        report,
        record.source_id,
        config,
        record.published or page.published or published,
        page.url,
        page.outlet,
    )


def _article_from_bytes(
    data: bytes,
    source_id: str,
    kind: Kind | None,
    config: IngestConfig,
    published: dt.date | None,
) -> Article | FailedInput:
    try:
        text = _decode(data, source_id)
        if not text.strip():
            raise InputError(
                source_id, "is empty (or only whitespace); check that it holds a news report"
            )
        if kind is None:
            kind = "html" if text.lstrip().startswith("<") else "text"
        if kind == "text":
            return _build_article(clean_report(text), source_id, config, published, None, None)
        page = read_html(text, source_id=source_id)
    except InputError as exc:
        return FailedInput(exc.source_id, str(exc))
    return _build_article(
        page.report, source_id, config, page.published or published, page.url, page.outlet
    )


def _decode(data: bytes, source_id: str) -> str:
    """Strict UTF-8, a leading byte-order mark allowed; binary and UTF-16 are told apart."""
    _check_text_bytes(data[:_SNIFF_BYTES], source_id)
    offset = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    try:
        return data[offset:].decode("utf-8")
    except UnicodeDecodeError as exc:
        position = offset + exc.start
        line = data.count(b"\n", 0, position) + 1
        raise InputError(
            source_id,
            f"is not valid UTF-8 (byte 0x{data[position]:02x} at offset {position}, line {line}); "
            "save it as UTF-8",
        ) from exc


def _check_text_bytes(head: bytes, source_id: str) -> None:
    """Raise unless the first bytes of a document look like text."""
    if head.startswith(_UTF16_BOMS):
        raise InputError(source_id, "is UTF-16 text; save it as UTF-8")
    binary = InputError(
        source_id,
        "looks like a binary file, not a news report; give a .txt, .html or .jsonl file",
    )
    if b"\x00" in head:
        raise binary
    if not head:
        return
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    # The last 3 bytes may be a character cut in two by the sample's end.
    undecodable = head[:-3].decode("utf-8", errors="replace").count("\ufffd")
    if (controls + undecodable) / len(head) > _BINARY_SHARE:
        raise binary


def _build_article(
    report: CleanedReport,
    source_id: str,
    config: IngestConfig,
    published: dt.date | None,
    url: str | None,
    outlet: str | None,
) -> Article | FailedInput:
    if not report.text:
        return FailedInput(
            source_id,
            f"{source_id}: no report text left after removing web boilerplate; "
            "check that it holds a news report",
        )
    language = check_language(report.text, config)
    if not language.accepted:
        message = skipped_language_message(source_id, language.code, config.languages)
        return FailedInput(source_id, message, skipped=True)
    return Article(
        id=article_id(report.text),
        text=report.text,
        title=report.title,
        authors=report.authors,
        dateline=report.dateline,
        agency=report.agency,
        published=published,
        url=url,
        outlet=outlet,
        language=language.code,
        truncated=report.truncated,
        source_id=source_id,
    )
