"""Article ids: the same story gets the same id however it was wrapped or encoded."""

from __future__ import annotations

import hashlib

from warmonitor.ingest.identity import article_id


def test_id_is_sha256_of_the_collapsed_text() -> None:
    assert article_id("  Fighting  went\non. ") == hashlib.sha256(b"Fighting went on.").hexdigest()


def test_composed_and_decomposed_accents_give_the_same_id() -> None:
    assert article_id("Traor\u00e9 said.") == article_id("Traore\u0301 said.")


def test_wrapping_does_not_change_the_id_but_words_do() -> None:
    assert article_id("A\n\nB  C") == article_id("A B C")
    assert article_id("A B C") != article_id("A B D")
    assert article_id("A B C") != article_id("a b c")
