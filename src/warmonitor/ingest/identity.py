"""A report's identity: the same story ingested twice gets the same id."""

from __future__ import annotations

import hashlib
import unicodedata


def article_id(text: str) -> str:
    """The sha256 hex digest of ``text`` after NFC normalisation and whitespace collapsing.

    NFC makes composed and decomposed accents equal; collapsing whitespace makes a re-wrapped
    copy equal to the original. Case and punctuation are kept: they are part of the text that
    later stages index into, and near-duplicates are the dedup stage's job, not this one's.
    """
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
