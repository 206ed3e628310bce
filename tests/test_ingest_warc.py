"""News crawls: WARC files written here with warcio, read back as articles."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.newsserver import html_page
from warmonitor.config import IngestConfig
from warmonitor.ingest.inputs import iter_articles
from warmonitor.ingest.warc import iter_crawled_pages
from warmonitor.model import Article, FailedInput

STORIES = [
    ("Market bombed", "Shelling hit a crowded market in the north of the city on Tuesday."),
    ("Bridge retaken", "Government troops retook the river bridge after two days of fighting."),
    ("Aid convoy stopped", "Armed men stopped an aid convoy at a checkpoint west of the capital."),
]


def story_html(title: str, sentence: str) -> bytes:
    return html_page(title, [sentence, "Residents said the area had been calm for weeks before."])


def write_crawl(path: Path, *, gzipped: bool, extra: list | None = None) -> None:
    """A crawl as a news crawler writes it: requests, responses, and things that are not news."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for number, (title, sentence) in enumerate(STORIES):
            url = f"https://news.example/{number}"
            writer.write_record(
                writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n"))
            )
            writer.write_record(response(writer, url, story_html(title, sentence)))
        for record in extra or []:
            writer.write_record(record(writer))


def response(
    writer, url, body, *, status="200 OK", content_type="text/html; charset=utf-8", headers=()
):
    http = StatusAndHeaders(status, [("Content-Type", content_type), *headers], protocol="HTTP/1.1")
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "2024-03-05T10:00:00Z"},
    )


@pytest.mark.parametrize("gzipped", [True, False])
def test_crawl_gives_its_html_pages_in_order(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    not_news = [
        lambda w: response(
            w, "https://news.example/logo.png", b"\x89PNG....", content_type="image/png"
        ),
        lambda w: response(
            w, "https://news.example/gone", b"<html>gone</html>", status="404 Not Found"
        ),
    ]
    write_crawl(path, gzipped=gzipped, extra=not_news)
    articles = list(iter_articles([str(path)], IngestConfig()))
    assert all(isinstance(a, Article) for a in articles), articles
    assert [a.url for a in articles] == [f"https://news.example/{n}" for n in range(3)]
    assert articles[0].title == "Market bombed"
    assert "crowded market" in articles[0].text
    assert articles[0].source_id.startswith(f"{path}#urn:uuid:")
    # The crawl date stands in for a publication date the page does not declare.
    assert articles[0].published.isoformat() == "2024-03-05"


def test_gzip_encoded_page_is_read(tmp_path: Path) -> None:
    body = gzip.compress(
        story_html("Port shelled", "Artillery shelled the port overnight, officials said.")
    )
    path = tmp_path / "encoded.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(
            response(
                writer, "https://news.example/port", body, headers=[("Content-Encoding", "gzip")]
            )
        )
    (article,) = iter_articles([str(path)], IngestConfig())
    assert isinstance(article, Article) and "shelled the port" in article.text


def test_page_over_the_cap_is_skipped_with_a_message(tmp_path: Path) -> None:
    huge = html_page("Long", ["word " * 5000])
    path = tmp_path / "big.warc.gz"
    write_crawl(path, gzipped=True, extra=[lambda w: response(w, "https://news.example/big", huge)])
    items = list(iter_crawled_pages(str(path), max_bytes=10_000))
    failures = [i for i in items if isinstance(i, FailedInput)]
    assert len(items) == 4 and len(failures) == 1
    assert "cap (ingest.max_bytes)" in failures[0].message


@pytest.mark.parametrize("gzipped", [True, False])
def test_broken_record_is_skipped_and_reading_goes_on(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("broken.warc.gz" if gzipped else "broken.warc")
    write_crawl(path, gzipped=gzipped)
    data = bytearray(path.read_bytes())
    marker = b"\x1f\x8b\x08" if gzipped else b"WARC/1."
    # The third record (the first story's response) loses its header to garbage.
    starts = [i for i in range(len(data)) if data.startswith(marker, i)]
    third = starts[1]
    data[third : third + 12] = b"\x00garbage\xff\xfe!!"
    path.write_bytes(bytes(data))
    items = list(iter_crawled_pages(str(path), max_bytes=1_000_000))
    pages = [i for i in items if not isinstance(i, FailedInput)]
    failures = [i for i in items if isinstance(i, FailedInput)]
    assert [p.url for p in pages] == ["https://news.example/1", "https://news.example/2"]
    assert len(failures) == 1
    message = failures[0].message
    assert message.startswith(f"{path}: the record at byte {third} is broken")
    assert "\n" not in message and message.isprintable()


def test_folder_reads_crawls_beside_reports(tmp_path: Path) -> None:
    write_crawl(tmp_path / "day.warc.gz", gzipped=True)
    (tmp_path / "note.txt").write_text(
        "Two soldiers were killed when their patrol hit a mine near the border on Sunday.",
        encoding="utf-8",
    )
    items = list(iter_articles([str(tmp_path)], IngestConfig()))
    assert len(items) == 4 and all(isinstance(i, Article) for i in items)


def test_missing_crawl_is_one_line(tmp_path: Path) -> None:
    (item,) = iter_articles([str(tmp_path / "none.warc.gz")], IngestConfig())
    assert isinstance(item, FailedInput)
    missing = tmp_path / "none.warc.gz"
    assert item.message == f"{missing}: cannot be read (No such file or directory); check the path"
