"""Files, folders and stdin: every input yields an Article or a one-line FailedInput, in order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from pathlib import Path

import pytest

from warmonitor.config import IngestConfig
from warmonitor.ingest import inputs as inputs_module
from warmonitor.ingest.identity import article_id
from warmonitor.ingest.inputs import iter_articles
from warmonitor.model import Article, FailedInput

REPORT = (
    "Police arrest 40 at rally in capital\n"
    "\n"
    "By Ann Lee\n"
    "\n"
    "NAIROBI, Kenya (AP) — Police arrested at least 40 people on Thursday when they broke up a "
    "rally against new taxes in central Nairobi, a police spokesman said.\n"
    "\n"
    "Witnesses said officers fired tear gas at protesters who had gathered outside parliament.\n"
)
FIRST_PARAGRAPH = REPORT.split("\n\n")[2]

CONFIG = IngestConfig()


def read_one(
    path: Path | str, config: IngestConfig = CONFIG, **kwargs: object
) -> Article | FailedInput:
    (item,) = iter_articles([str(path)], config, **kwargs)  # type: ignore[arg-type]
    return item


def assert_failure(item: Article | FailedInput, name: str, says: str) -> None:
    assert isinstance(item, FailedInput), item
    assert item.source_id == name
    assert item.message.startswith(f"{name}: "), item.message
    assert says in item.message, item.message
    assert "\n" not in item.message
    assert item.skipped is False


def test_text_file_becomes_an_article(tmp_path: Path) -> None:
    path = tmp_path / "rally.txt"
    path.write_text(REPORT, encoding="utf-8")
    article = read_one(path, published=dt.date(2024, 6, 20))
    assert isinstance(article, Article)
    assert article.title == "Police arrest 40 at rally in capital"
    assert article.authors == ("Ann Lee",)
    assert article.dateline == ("Nairobi, Kenya",)
    assert article.agency == "AP"
    assert article.published == dt.date(2024, 6, 20)
    assert article.language == "en"
    assert article.source_id == str(path)
    assert article.url is None and article.outlet is None
    assert article.truncated is False
    assert article.text.startswith("Police arrested at least 40 people on Thursday")
    assert article.id == article_id(article.text)


def test_missing_file(tmp_path: Path) -> None:
    name = str(tmp_path / "nowhere.txt")
    assert_failure(read_one(name), name, "no such file; check the path")


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a file with mode 000"
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(REPORT, encoding="utf-8")
    path.chmod(0)
    try:
        assert_failure(read_one(path), str(path), "permission denied")
    finally:
        path.chmod(0o644)


def test_permission_error_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs as root too, where chmod 000 does not stop reading: the error is raised by hand.
    path = tmp_path / "locked.txt"
    path.write_text(REPORT, encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(inputs_module, "open", refuse, raising=False)
    assert_failure(read_one(path), str(path), "permission denied; check the file's permissions")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert_failure(read_one(path), str(path), "looks like a binary file, not a news report")


def test_mostly_undecodable_file_is_binary_not_bad_utf8(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 8)
    assert_failure(read_one(path), str(path), "looks like a binary file")


def test_invalid_utf8_says_where_and_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Fighting went on.\nThe caf\xe9 was shelled.\n")
    assert_failure(
        read_one(path),
        str(path),
        "is not valid UTF-8 (byte 0xe9 at offset 25, line 2); save it as UTF-8",
    )


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(REPORT.encode("utf-16"))
    assert_failure(read_one(path), str(path), "is UTF-16 text; save it as UTF-8")


def test_utf8_bom_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + REPORT.encode("utf-8"))
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.title == "Police arrest 40 at rally in capital"


@pytest.mark.parametrize("content", [b"", b"  \n\t\n  "])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert_failure(read_one(path), str(path), "is empty (or only whitespace)")


def test_only_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_text("Advertisement\n\nShare this:\n\nLeave a Reply\n", encoding="utf-8")
    assert_failure(read_one(path), str(path), "no report text left after removing web boilerplate")


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(REPORT * 20, encoding="utf-8")
    config = dataclasses.replace(CONFIG, max_bytes=1_000)
    assert_failure(
        read_one(path, config),
        str(path),
        f"is {len(REPORT.encode()) * 20 / 1000:.1f} kB, over the 1.0 kB cap (ingest.max_bytes); "
        "raise the cap or split the file",
    )


def test_oversized_message_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(7_200_000)  # sparse: no need to write 7 MB
    assert_failure(
        read_one(path),
        str(path),
        "is 7.2 MB, over the 5.0 MB cap (ingest.max_bytes); raise the cap or split the file",
    )


def test_failures_do_not_stop_the_other_inputs(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = str(tmp_path / "missing.txt")
    items = list(iter_articles([str(empty), missing, str(good)], CONFIG))
    assert [type(i) for i in items] == [FailedInput, FailedInput, Article]
    assert [i.source_id for i in items] == [str(empty), missing, str(good)]


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "two.html").write_text(
        f"<html><body><article><p>{FIRST_PARAGRAPH}</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "c.md").write_text(REPORT.replace("40", "41"), encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("These reports are invented.\n", encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text(REPORT, encoding="utf-8")
    items = list(iter_articles([str(tmp_path)], CONFIG))
    assert [i.source_id for i in items] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "two.html"),
        str(tmp_path / "c.md"),
    ]
    assert all(isinstance(i, Article) for i in items)


def test_folder_without_reports(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    assert_failure(read_one(tmp_path), str(tmp_path), "holds no")


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "story.php"
    page.write_text(
        "  <html><head><title>Rally broken up</title></head><body><article>"
        f"<p>{FIRST_PARAGRAPH}</p></article></body></html>",
        encoding="utf-8",
    )
    text = tmp_path / "story"
    text.write_text(REPORT, encoding="utf-8")
    html_article, text_article = iter_articles([str(page), str(text)], CONFIG)
    assert isinstance(html_article, Article) and isinstance(text_article, Article)
    assert html_article.title == "Rally broken up"
    assert html_article.dateline == text_article.dateline == ("Nairobi, Kenya",)
    assert text_article.title == "Police arrest 40 at rally in capital"
    assert text_article.text.startswith(html_article.text)


def test_stdin_text_and_html() -> None:
    article = next(iter_articles(["-"], CONFIG, stdin=io.BytesIO(REPORT.encode())))
    assert isinstance(article, Article)
    assert article.source_id == "<stdin>"
    assert article.dateline == ("Nairobi, Kenya",)
    html = (
        "<html><head><meta property='article:published_time' content='2024-06-20'></head>"
        f"<body><article><p>{FIRST_PARAGRAPH}</p></article></body></html>"
    )
    page = next(
        iter_articles(["-"], CONFIG, stdin=io.BytesIO(html.encode()), published=dt.date(2000, 1, 1))
    )
    assert isinstance(page, Article)
    assert page.published == dt.date(2024, 6, 20)  # the page's own date wins


def test_stdin_over_the_cap_is_read_no_further() -> None:
    stream = io.BytesIO(REPORT.encode() * 100)
    config = dataclasses.replace(CONFIG, max_bytes=500)
    (failure,) = iter_articles(["-"], config, stdin=stream)
    assert_failure(
        failure, "<stdin>", "is over the 500 bytes cap (ingest.max_bytes); raise the cap"
    )
    assert stream.tell() == 501


def test_stdin_invalid_utf8() -> None:
    (failure,) = iter_articles(
        ["-"], CONFIG, stdin=io.BytesIO(b"Fighting near the caf\xe9 went on.")
    )
    assert_failure(failure, "<stdin>", "is not valid UTF-8 (byte 0xe9 at offset 21, line 1)")


def test_same_story_reingested_gets_the_same_id(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text(REPORT, encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text(REPORT.replace("\n", "\r\n") + "\n\nAdvertisement\n", encoding="utf-8")
    first, second = iter_articles([str(one), str(two)], CONFIG)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == second.id
