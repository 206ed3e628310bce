"""One ingest step, shared by `ingest` and `watch`: an article (or a failed input) into the
store, counted in a tally. Nothing here prints: problems go to the ``report`` callback the
command line gives, one line each.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from warmonitor.config import LinkingConfig
from warmonitor.dedup import Fingerprint, fingerprint
from warmonitor.errors import WarmonitorError
from warmonitor.model import Article, Extraction, FailedInput
from warmonitor.pipeline import Extractor
from warmonitor.shards import ShardRow, read_shards
from warmonitor.store import Store
from warmonitor.store.manifests import SourceRun

# report(kind, message): kind is "error" or "skipped".
Report = Callable[[str, str], None]


@dataclass
class Tally:
    """What a run did, for its summary line."""

    documents: int = 0
    added: int = 0
    copies: int = 0  # of the added: copies of a stored story, not read again
    events: int = 0
    merged: int = 0  # events told again by an independent report, merged into stored ones
    failures: int = 0
    skipped: int = 0

    def summary(self, seconds: float) -> str:
        return (
            f"{self.documents} documents ({self.added} new, {self.documents - self.added} "
            f"already stored), {self.copies} copies of stored stories, {self.events} events "
            f"added, {self.merged} merged into stored events, {self.failures} errors, "
            f"{self.skipped} skipped in {seconds:.1f} s"
        )


# What a run stores: an article to read, one a worker already read (a shard row), or an input
# that could not be read.
Item = Article | FailedInput | ShardRow


def ingest_item(
    item: Item,
    extractor: Extractor | None,
    store: Store,
    tally: Tally,
    report: Report,
    linking: LinkingConfig,
) -> Article | None:
    """Store one item; the article when it is (or already was) in the store, else None.

    An article that copies a stored story (dedup.py) is stored as one more report of the
    story's events without being read again. ``extractor`` may be None when every item comes
    already read (loading shards).
    """
    extraction: Extraction | None = None
    signature: Fingerprint | None = None
    if isinstance(item, ShardRow):
        if item.failure is not None:
            item = item.failure
        else:
            assert item.extraction is not None
            extraction, signature = item.extraction, item.fingerprint
            item = extraction.article
    if isinstance(item, FailedInput):
        tally.skipped += item.skipped
        tally.failures += not item.skipped
        report("skipped" if item.skipped else "error", item.message)
        return None
    tally.documents += 1
    if store.has_article(item.id):
        return item
    try:
        signature = signature or fingerprint(item.text)
        story = store.find_story(signature)
        if story is not None:
            result = store.save_copy(item, story, signature)
            tally.copies += result.article_added
        else:
            if extraction is None:
                assert extractor is not None, "an article to read needs an extractor"
                extraction = extractor.extract(item)
            result = store.save(extraction, signature, linking)
    except WarmonitorError as exc:
        tally.failures += 1
        report("error", f"{document_name(item)}: {exc}")
        return None
    except Exception as exc:  # one bad document must not end the run
        tally.failures += 1
        report("error", internal_error(item, exc))
        return None
    tally.added += result.article_added
    tally.events += result.events_added
    tally.merged += result.events_merged
    return item


def new_run_id() -> str:
    """Unique per run and sortable by time: "20240305T120000Z-4242"."""
    return f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}-{os.getpid()}"


def ingest_sources(
    sources: Iterable[tuple[str, Iterable[Item]]],
    extractor: Extractor | None,
    store: Store,
    tally: Tally,
    report: Report,
    run_id: str,
    linking: LinkingConfig,
    on_item: Callable[[], None] = lambda: None,
) -> list[SourceRun]:
    """Ingest each source's items in turn, keeping its manifest: begun, then done or incomplete.

    A run that is killed leaves its current source "reading"; what it stored is whole (each
    article is one transaction), and the next run reads that source again, adding only what is
    missing. Returns the manifests of the sources that were not read whole.
    """
    incomplete: list[SourceRun] = []
    errors: list[str] = []  # the current source's

    def noted(kind: str, message: str) -> None:
        if kind == "error":
            errors.append(message)
        report(kind, message)

    for source, items in sources:
        store.begin_source(run_id, source)
        before = dataclasses.replace(tally)
        errors.clear()
        for item in _extracted_ahead(items, extractor, store):
            on_item()
            ingest_item(item, extractor, store, tally, noted, linking)
        failures = tally.failures - before.failures
        run = SourceRun(
            run_id=run_id,
            source=source,
            status="incomplete" if failures else "done",
            documents=tally.documents - before.documents,
            added=tally.added - before.added,
            failures=failures,
            skipped=tally.skipped - before.skipped,
            last_error=errors[-1] if errors else None,
        )
        store.finish_source(run)
        if failures:
            incomplete.append(run)
    return incomplete


def document_name(article: Article) -> str:
    return article.source_id or article.id[:12]


def internal_error(article: Article, exc: Exception) -> str:
    return (
        f"{document_name(article)}: warmonitor failed on this document "
        f"({type(exc).__name__}: {exc}); it was skipped, please report it with the document"
    )


# Articles read ahead and extracted together: spaCy parses a batch of texts far faster than the
# same texts one after another.
_READ_AHEAD = 32


def _extracted_ahead(
    items: Iterable[Item], extractor: Extractor | None, store: Store
) -> Iterator[Item]:
    """The same items, in order, the articles among them extracted a chunk at a time.

    An article already stored, or a copy of a stored story, is not extracted; ``ingest_item``
    checks both again as it stores, so a copy of an article earlier in the same chunk is still
    stored as a copy (its extraction is then not used).
    """
    if extractor is None:
        yield from items
        return
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= _READ_AHEAD:
            yield from _extract_chunk(chunk, extractor, store)
            chunk = []
    yield from _extract_chunk(chunk, extractor, store)


def _extract_chunk(chunk: list[Item], extractor: Extractor, store: Store) -> list[Item]:
    todo: dict[int, Fingerprint] = {}
    for index, item in enumerate(chunk):
        if isinstance(item, Article) and not store.has_article(item.id):
            signature = fingerprint(item.text)
            if store.find_story(signature) is None:
                todo[index] = signature
    try:
        extractions = list(extractor.extract_many(chunk[i] for i in todo))  # type: ignore[misc]
    except Exception:  # ingest_item extracts them one by one and reports the one that fails
        return chunk
    ready = list(chunk)
    for (index, signature), extraction in zip(todo.items(), extractions, strict=True):
        ready[index] = ShardRow("", extraction=extraction, fingerprint=signature)
    return ready


def shard_sources(folder: Path) -> Iterator[tuple[str, Iterator[ShardRow]]]:
    """The rows of a folder of shards, grouped by the source they came from, in order."""
    return itertools.groupby(read_shards(folder), key=lambda row: row.source)
