"""Where the rules and the learned classifiers meet.

The rules find the event word and its arguments; the classifiers (``coding.classifier``) read the
whole sentence, knowing what the rules made of it. The sub-event model's type wins over the
rules' unless it judges the sentence to tell no event at all; and it may tell an event the rules
did not see, anchored on the sentence's main verb, only when it is confident: an event the
lexicon has no word for ("thousands marched to the governor's office") is worth coding, a hunch
about a sentence is not. Where it sees no event, the PLOVER model may still see a political act
("Kenya nudged Uganda to reopen the crossing"), and it names the kind of a political event the
lexicon left untyped; a type the lexicon gave stands.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from warmonitor.coding.classifier import NO_EVENT, EventClassifiers, Opinion, readings_of
from warmonitor.coding.knowledge import TriggerEntry
from warmonitor.coding.syntax import REPORTING_VERBS
from warmonitor.coding.taxonomy import PLOVER_TYPES, load_taxonomy
from warmonitor.coding.triggers import Trigger

# Chosen by cross-validation on CASE 2021 (`warmonitor eval`, 2026-11-25): the classifier's
# sub-type beat the rules' at any margin (weighted F1 0.570 against 0.522 when it had to be
# positive), and an event the rules did not see is worth telling from a positive margin (0.546
# when never told).
TELL_AT = 0.0
# PLOVER types the PLOVER model may give a political event: the acts ACLED files as "Other" or as
# an agreement. Fighting and protest are the sub-event model's to tell, with their own types.
POLITICAL_TYPES = frozenset(PLOVER_TYPES) - {"ASSAULT", "PROTEST"}
# Chosen by cross-validation (`warmonitor eval`, 2026-11-25): from 0 to -0.6 PLOVER type accuracy
# rose from 0.444 to 0.450 and CASE weighted F1 from 0.583 to 0.599, while 300 crime reports the
# model never saw got no act told at all; lower thresholds gained nothing more.
PLOVER_TELL_AT = -0.6
TERRITORIAL = {
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
}


class SentenceOpinions:
    """The classifier's view of one document's sentences, computed in one pass."""

    def __init__(self, classifiers: EventClassifiers, sentences: list[SpacySpan]) -> None:
        self._classifiers = classifiers
        texts = [s.text for s in sentences]
        sub_event, plover = classifiers.sub_event, classifiers.plover
        self._scores = sub_event.sentence_scores([])
        self._plover_scores = None
        if texts:
            # Both models read the same features when they were trained together.
            features = sub_event.features.transform(texts)
            self._scores = sub_event.scores_of(features)
            if plover is not None:
                shared = plover.features is sub_event.features
                own = features if shared else plover.features.transform(texts)
                self._plover_scores = plover.scores_of(own)
        self._index = {s.start: i for i, s in enumerate(sentences)}

    def second_opinion(
        self, sentence: SpacySpan, sub_event_type: str, plover_type: str | None
    ) -> str:
        """The sub-event type of an event the rules coded in this sentence, as both see it."""
        opinion = self._opinion(sentence, readings_of(sub_event_type, plover_type))
        return sub_event_type if opinion.label == NO_EVENT else opinion.label

    def political_act(
        self, sentence: SpacySpan, sub_event_type: str, plover_type: str | None
    ) -> str | None:
        """The PLOVER type of a political event the rules coded, as the PLOVER model reads it."""
        opinion = self._plover_opinion(sentence, readings_of(sub_event_type, plover_type))
        return opinion.label if opinion and opinion.label in POLITICAL_TYPES else None

    def untold_event(self, sentence: SpacySpan) -> Trigger | None:
        """A trigger for an event the rules found no word for, when a classifier is sure."""
        opinion = self._opinion(sentence, (NO_EVENT,))
        if opinion.label == NO_EVENT or opinion.margin < TELL_AT:
            return self._untold_political_act(sentence)
        token = _event_word(sentence)
        if token is None:
            return None
        sub_type = load_taxonomy()[opinion.label]
        entry = TriggerEntry(
            words=token.lemma_.lower(),
            pos="VERB" if token.pos_ in ("VERB", "AUX") else "NOUN",
            event_type=sub_type.event_type,
            sub_event_type=sub_type.sub_event_type,
            plover_type=sub_type.plover_type,
            plover_mode=sub_type.plover_mode,
            # Territorial types still need the rules' gainer and loser.
            rule="territory" if sub_type.sub_event_type in TERRITORIAL else "classifier",
        )
        return Trigger(token, sentence.doc[token.i : token.i + 1], entry)

    def _untold_political_act(self, sentence: SpacySpan) -> Trigger | None:
        """ "Greece bluntly asked its partners to...": a political act with no listed word."""
        opinion = self._plover_opinion(sentence, (NO_EVENT,))
        if opinion is None or opinion.label not in POLITICAL_TYPES:
            return None
        if opinion.margin < PLOVER_TELL_AT:
            return None
        token = _event_word(sentence)
        if token is None:
            return None
        entry = TriggerEntry(
            words=token.lemma_.lower(),
            pos="VERB" if token.pos_ in ("VERB", "AUX") else "NOUN",
            event_type="Strategic developments",
            sub_event_type="Agreement" if opinion.label == "AGREE" else "Other",
            plover_type=opinion.label,
            plover_mode=None,
            rule="classifier",
        )
        return Trigger(token, sentence.doc[token.i : token.i + 1], entry)

    def _opinion(self, sentence: SpacySpan, readings: tuple[str, ...]) -> Opinion:
        index = self._index[sentence.start]
        return self._classifiers.sub_event.opinion(self._scores, index, readings)

    def _plover_opinion(self, sentence: SpacySpan, readings: tuple[str, ...]) -> Opinion | None:
        plover = self._classifiers.plover
        if plover is None or self._plover_scores is None:
            return None
        return plover.opinion(self._plover_scores, self._index[sentence.start], readings)


def _event_word(sentence: SpacySpan) -> Token | None:
    """The sentence's main verb; under "X said (that) ...", the verb of what X said."""
    root = sentence.root
    if root.lemma_ in REPORTING_VERBS:
        told = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ == "VERB"), None)
        if told is not None:
            return told
    if root.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
        return root
    return None
