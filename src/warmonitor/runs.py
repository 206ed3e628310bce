"""One ingest step, shared by `ingest` and `watch`: an article (or a failed input) into the
store, counted in a tally. Nothing here prints: problems go to the ``report`` callback the
command line gives, one line each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from warmonitor.dedup import fingerprint
from warmonitor.errors import WarmonitorError
from warmonitor.model import Article, FailedInput
from warmonitor.pipeline import Extractor
from warmonitor.store import Store

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


def ingest_item(
    item: Article | FailedInput, extractor: Extractor, store: Store, tally: Tally, report: Report
) -> Article | None:
    """Store one item; the article when it is (or already was) in the store, else None.

    An article that copies a stored story (dedup.py) is stored as one more report of the
    story's events without being read again.
    """
    if isinstance(item, FailedInput):
        tally.skipped += item.skipped
        tally.failures += not item.skipped
        report("skipped" if item.skipped else "error", item.message)
        return None
    tally.documents += 1
    if store.has_article(item.id):
        return item
    try:
        signature = fingerprint(item.text)
        story = store.find_story(signature)
        if story is not None:
            result = store.save_copy(item, story, signature)
            tally.copies += result.article_added
        else:
            linking = extractor.config.linking
            result = store.save(extractor.extract(item), signature, linking)
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


def document_name(article: Article) -> str:
    return article.source_id or article.id[:12]


def internal_error(article: Article, exc: Exception) -> str:
    return (
        f"{document_name(article)}: warmonitor failed on this document "
        f"({type(exc).__name__}: {exc}); it was skipped, please report it with the document"
    )
