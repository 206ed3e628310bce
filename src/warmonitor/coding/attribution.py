"""Who says so: the claimant of an event or a figure.

A value is claimed by the subject of the reporting verb that governs it ("X said the group had
retaken..."), by the object of "according to" in its sentence, or, when the sentence speaks in
the reporter's own voice, by the agency or outlet that published the report.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from warmonitor.coding.actors import ANAPHORS, ActorResolver
from warmonitor.coding.knowledge import Knowledge
from warmonitor.coding.syntax import (
    REPORTING_VERBS,
    ancestors_within_sentence,
    noun_phrase,
    span_of,
)
from warmonitor.model import Article, Source

_STATE_ACTOR_TYPES = {"State forces"}
_LEADING_WORDS = re.compile(r"^(?:the|a|an|one|some|several)\s+", re.IGNORECASE)


def find_claimant(token: Token, knowledge: Knowledge) -> tuple[Source, Token] | None:
    """The source that the sentence attributes ``token``'s clause to, with the reporting verb
    (or "according") that introduces it; None when the sentence speaks in the reporter's voice."""
    for head in ancestors_within_sentence(token):
        if _puts_a_toll(head) or head.lemma_ in REPORTING_VERBS and head.pos_ in ("VERB", "AUX"):
            subject = _subject_of(head)
            if subject is not None and not _is_inside(token, subject):
                return source_from_phrase(noun_phrase(subject), knowledge), head
    sentence = token.sent
    for candidate in sentence:
        if candidate.lower_ == "according":
            to = next((c for c in candidate.children if c.lower_ == "to"), None)
            obj = next((c for c in (to.children if to else ()) if c.dep_ == "pobj"), None)
            if obj is not None:
                return source_from_phrase(_full_phrase(obj), knowledge), candidate
    for candidate in sentence:
        if candidate.lemma_ in REPORTING_VERBS and candidate.pos_ == "VERB":
            subject = _subject_of(candidate)
            if subject is not None and not _is_inside(token, subject) and candidate.i > token.i:
                # A parenthetical "..., a military source said, ..." after the clause it covers.
                return source_from_phrase(noun_phrase(subject), knowledge), candidate
    return None


def _puts_a_toll(verb: Token) -> bool:
    """ "The task force put the death toll at 19": whoever puts the toll at a number claims it."""
    return verb.lemma_ == "put" and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "toll" for c in verb.children
    )


_BACK_REFERENCES = {"he", "she", "they", "it", "we"}


def continue_claimant(source: Source, previous: Source | None) -> Source:
    """ "He said", "the group said", "the official said" name the claimant cited before."""
    if previous is None or source.span is None:
        return source
    words = source.span.text.lower().split()
    earlier = (previous.span.text if previous.span else previous.name).lower().split()
    pronoun = len(words) == 1 and words[0] in _BACK_REFERENCES
    definite = len(words) == 2 and words[0] in ("the", "this") and words[1] in earlier
    if pronoun or definite:
        return Source(previous.name, previous.type, source.span, previous.anonymous)
    return source


def reporter_source(article: Article) -> Source | None:
    """The report's own voice: its agency (Reuters, AP...) or else the outlet."""
    name = article.agency or article.outlet
    return Source(name=name, type="media") if name else None


def source_from_phrase(phrase: SpacySpan, knowledge: Knowledge) -> Source:
    """Name and type a claimant phrase ("a Syrian military source" -> military, anonymous)."""
    span = span_of(phrase)
    text = phrase.text
    name = _LEADING_WORDS.sub("", text).strip(" ,")
    source_type, canonical = _source_type(text, knowledge)
    if source_type is None:
        # "Major General Maan al-Saadi, of the Counter Terrorism Service": the attachment says
        # what the claimant is.
        source_type, canonical = _source_type(_with_apposition(phrase), knowledge)
    named = any(t.pos_ == "PROPN" for t in phrase if t.ent_type_ not in ("NORP", "GPE"))
    return Source(
        name=canonical or name,
        type=source_type,
        span=span,
        anonymous=not named and canonical is None,
    )


def typed_claimant(source: Source, doc: Doc, resolver: ActorResolver) -> Source:
    """A claimant the source list leaves untyped, named as the actor it stands for when the
    phrase is only a back-reference to one ("the group said": the group the report is about)
    or names an actor the dictionary knows."""
    if source.type is not None or source.span is None:
        return source
    phrase = doc.char_span(source.span.start, source.span.end)
    if phrase is None:
        return source
    named = any(phrase.start_char <= m.start < phrase.end_char for m in resolver.mentions)
    anaphoric = all(t.pos_ in ("DET", "PRON") or t.lemma_.lower() in ANAPHORS for t in phrase)
    if not (named or anaphoric):
        return source
    actor = resolver.resolve(phrase.root)
    if actor is None or actor.type in (None, "Civilians"):
        return source
    kind = _actor_source_type(actor.type, actor.sector)
    return Source(actor.name, kind, source.span, False)


def _actor_source_type(actor_type: str | None, sector: str | None) -> str:
    if sector == "IGO":
        return "NGO/IGO"
    return "military" if actor_type in _STATE_ACTOR_TYPES else "armed group"


def _source_type(text: str, knowledge: Knowledge) -> tuple[str | None, str | None]:
    for pattern in knowledge.sources:
        if pattern.type != "anonymous" and _contains(text, pattern.pattern):
            return pattern.type, pattern.name
    for actor in knowledge.actors:
        for alias in actor.aliases:
            if _contains(text, alias):
                return _actor_source_type(actor.type, actor.sector), None
    for pattern in knowledge.sources:
        if _contains(text, pattern.pattern):
            return pattern.type, pattern.name
    return None, None


def _contains(text: str, words: str) -> bool:
    return _word_pattern(words).search(text) is not None


@functools.lru_cache(maxsize=4096)
def _word_pattern(words: str) -> re.Pattern[str]:
    """Whole words, plural allowed; all-capital abbreviations ("UN") match only as written."""
    flags = 0 if words.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w.]){re.escape(words)}(?:s|es)?(?![\w])", flags)


def _with_apposition(phrase: SpacySpan) -> str:
    """The phrase plus its apposition and "of ..." attachment, which often say what it is."""
    root = phrase.root
    end = max(
        [phrase.end - 1] + [c.right_edge.i for c in root.rights if c.dep_ in ("appos", "prep")]
    )
    return phrase.doc[phrase.start : end + 1].text


_QUANTIFIER_SUBJECTS = {"most", "some", "many", "all", "none", "both", "each", "several", "few"}


def _subject_of(verb: Token) -> Token | None:
    """The reporting verb's subject; "most of them ..., police said" is a misparse to step over."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return next((c for c in subjects if c.lower_ not in _QUANTIFIER_SUBJECTS), None)


def _full_phrase(token: Token) -> SpacySpan:
    phrase = noun_phrase(token)
    right = max(
        phrase.end - 1, max((c.right_edge.i for c in token.rights if c.dep_ == "relcl"), default=0)
    )
    return token.doc[phrase.start : right + 1]


def _is_inside(token: Token, phrase_root: Token) -> bool:
    return phrase_root.left_edge.i <= token.i <= phrase_root.right_edge.i
