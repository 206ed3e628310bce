"""The bundled examples (examples/, invented reports) ingest cleanly: the README's first command
reads this folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from warmonitor.config import IngestConfig
from warmonitor.ingest.inputs import iter_articles
from warmonitor.model import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# Words of the boilerplate planted in the examples; none may survive cleaning.
PLANTED = (
    "Advertisement",
    "Share this",
    "Subscribe",
    "newsletter",
    "Reporting by",
    "Editing by",
    "All rights reserved",
    "Leave a Reply",
    "Post Comment",
    "Read the full article",
    "Read more",
    "Click to share",
    "cookies",
    "Most read",
)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    items = list(iter_articles([str(EXAMPLES)], IngestConfig()))
    assert all(isinstance(item, Article) for item in items), items
    return [item for item in items if isinstance(item, Article)]


def test_every_example_is_read_and_the_readme_is_not(articles: list[Article]) -> None:
    assert len(articles) == 8  # four texts, one page, three JSONL records
    assert not any("README" in (a.source_id or "") for a in articles)
    assert len({a.id for a in articles}) == len(articles)


def test_every_example_has_the_furniture_of_a_news_report(articles: list[Article]) -> None:
    for article in articles:
        assert article.title, article.source_id
        assert article.dateline, article.source_id
        assert article.language == "en"
    assert sum(1 for a in articles if a.authors) >= 6
    assert {a.agency for a in articles} >= {"Reuters", "AP", "AFP"}
    assert any(a.truncated for a in articles)


@pytest.mark.parametrize("planted", PLANTED)
def test_no_planted_boilerplate_survives(articles: list[Article], planted: str) -> None:
    for article in articles:
        assert planted not in article.text, article.source_id


def test_examples_readme_says_they_are_invented() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "invented" in readme
