"""Word lists written as readable blocks of text."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: keeps long word lists readable."""
    return frozenset(text.split())
