"""The model input (../shared/examples) reads as its acceptance file's "Document" section says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from warmonitor.config import IngestConfig
from warmonitor.ingest.inputs import iter_articles
from warmonitor.model import Article

MODEL_INPUT = (
    Path(__file__).resolve().parents[2] / "shared" / "examples" / "reuters-mosul-raqqa.txt"
)

pytestmark = pytest.mark.skipif(
    not MODEL_INPUT.is_file(),
    reason=f"the model input is not here ({MODEL_INPUT}); it lives outside the repository",
)


@pytest.fixture(scope="module")
def article() -> Article:
    (item,) = iter_articles([str(MODEL_INPUT)], IngestConfig(), published=dt.date(2017, 6, 30))
    assert isinstance(item, Article), item
    return item


def test_document_metadata(article: Article) -> None:
    assert article.title == "Islamic State under pressure in Iraqi and Syrian strongholds"
    assert article.authors == ("Stephen Kalin", "Goran Tomasevic")
    assert article.dateline == ("Mosul, Iraq", "Raqqa, Syria")
    assert article.agency == "Reuters"
    assert article.truncated is True
    assert article.language == "en"
    assert article.published == dt.date(2017, 6, 30)
    assert article.source_id == str(MODEL_INPUT)


def test_text_starts_after_the_dateline_and_keeps_curly_quotes(article: Article) -> None:
    assert article.text.startswith("U.S.-backed Iraqi forces pressed Islamic State fighters")
    assert "Mosul’s Old City" in article.text
    assert "\n\n\n" not in article.text
    assert article.text == article.text.strip()


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Read the full article from the Source",
        "Leave a Reply",
        "Your email address will not be published",
        "Required fields are marked",
        "Stephen Kalin",
        "(Reuters)",
        "MOSUL",
    ],
)
def test_boilerplate_is_gone(article: Article, boilerplate: str) -> None:
    assert boilerplate not in article.text


def test_cut_off_fragment_is_kept_at_the_end(article: Article) -> None:
    assert article.text.endswith("Those who escaped on…")
