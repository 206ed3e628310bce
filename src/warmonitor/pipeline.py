"""The job end to end: articles in, extractions out.

``Extractor`` holds what is expensive to load (the spaCy pipeline, the gazetteer, the coder's
knowledge) and is built once per process; ``process_batch`` is a pure function of a
configuration and a list of articles, so that a process pool or a cluster can run it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from warmonitor.coding.classifier import EventClassifiers, load_classifier
from warmonitor.coding.document import code_document
from warmonitor.coding.gazetteer import Gazetteer, open_gazetteer
from warmonitor.coding.knowledge import Knowledge, load_knowledge
from warmonitor.config import Config
from warmonitor.model import Article, Extraction
from warmonitor.nlp.loader import load_nlp


@dataclass
class Extractor:
    """Loaded resources for extraction: build with ``Extractor.load(config)``."""

    config: Config
    knowledge: Knowledge
    gazetteer: Gazetteer
    classifier: EventClassifiers | None = None  # None: the rules alone

    @classmethod
    def load(cls, config: Config, *, on_progress: Callable[[str], None] | None = None) -> Extractor:
        load_nlp(config.nlp.model)
        gazetteer = open_gazetteer(config.gazetteer, on_progress=on_progress)
        # Without a trained classifier (`warmonitor train`) the rules code alone.
        classifier = load_classifier(config.classifier.path) if config.classifier.enabled else None
        return cls(config, load_knowledge(), gazetteer, classifier)

    def with_classifier(self, classifier: EventClassifiers | None) -> Extractor:
        """The same resources with another classifier (or none): for training and evaluation."""
        return replace(self, classifier=classifier)

    def extract(self, article: Article) -> Extraction:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extractions in input order; spaCy parses the texts in batches."""
        nlp = load_nlp(self.config.nlp.model)
        pairs = ((article.text, article) for article in articles)
        for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=self.config.nlp.batch_size):
            yield code_document(
                doc,
                article,
                self.knowledge,
                self.gazetteer,
                self.classifier,
                home_countries=self.config.places.home_countries,
            )


def process_batch(config: Config, articles: Sequence[Article]) -> list[Extraction]:
    """Pure: the same configuration and articles always give the same extractions."""
    extractor = _extractor_for(config)
    return list(extractor.extract_many(articles))


_EXTRACTORS: dict[Config, Extractor] = {}


def _extractor_for(config: Config) -> Extractor:
    # One extractor per worker process and configuration: loading spaCy and the gazetteer is the
    # expensive part and must not be repeated per batch.
    if config not in _EXTRACTORS:
        _EXTRACTORS[config] = Extractor.load(config)
    return _EXTRACTORS[config]
