"""Figures: reported numbers of people killed, wounded, displaced, trapped, fighting...

A quantity (nlp/quantities.py) becomes a figure when it counts people ("900,000 people",
"dozens of civilians", "about 200 militants") and its clause says what happened to them
("displaced", "killed", "are trapped"), or when it counts fighters. Numbers of days, kilometres
or dollars are never figures. A figure for a whole battle or war ("grinding warfare has displaced
900,000") is cumulative and is not one event's toll.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from warmonitor.coding.knowledge import Knowledge
from warmonitor.model import Figure, Source, Span
from warmonitor.nlp.quantities import Quantity, iter_quantities

_ARMED_WHO = {"militants", "soldiers", "police"}
_CONFLICT_NOUNS = {
    "war",
    "warfare",
    "fighting",
    "conflict",
    "battle",
    "violence",
    "siege",
    "offensive",
    "campaign",
    "insurgency",
    "crisis",
    "bombing",
    "bombardment",
}
_CUMULATIVE_CUES = (
    "so far",
    "since the start",
    "since the beginning",
    "in total",
    "to date",
    "since the war",
    "since the conflict",
    "over the years",
    "death toll",
)


@dataclass(frozen=True, slots=True)
class FigureMention:
    figure: Figure
    anchor: Token  # the word the figure hangs on, for tying it to an event's clause


def find_figures(sentence: SpacySpan, knowledge: Knowledge) -> list[FigureMention]:
    """Every figure in one sentence, without its claimant (attribution adds that)."""
    found: list[FigureMention] = []
    text = sentence.text
    for quantity in iter_quantities(text):
        start = sentence.start_char + quantity.start
        end = sentence.start_char + quantity.end
        span = sentence.doc.char_span(start, end, alignment_mode="expand")
        if span is None or _is_other_entity(span):
            continue
        mention = _read_figure(quantity, span, sentence, knowledge)
        if mention is not None:
            found.append(mention)
    return found


def with_claimant(mention: FigureMention, source: Source | None) -> FigureMention:
    from dataclasses import replace

    return FigureMention(replace(mention.figure, according_to=source), mention.anchor)


def _is_other_entity(span: SpacySpan) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL") for t in span)


def _read_figure(
    quantity: Quantity, span: SpacySpan, sentence: SpacySpan, knowledge: Knowledge
) -> FigureMention | None:
    counted = _counted_noun(span, sentence)
    if counted is not None and counted.lemma_.lower() in knowledge.figure_units:
        return None
    who = knowledge.figure_who.get(counted.lemma_.lower()) if counted is not None else None
    anchor = counted if counted is not None else span.root
    if counted is None and quantity.vague is None and not _has_kind_nearby(span, knowledge):
        return None
    if counted is not None and who is None:
        return None
    kind = _kind_of(anchor, span, knowledge)
    if kind is None and who in _ARMED_WHO:
        kind = "fighters"
    if kind is None:
        return None
    whole = sentence.doc[span.start : max(span.end, anchor.i + 1)]
    figure = Figure(
        kind=kind,
        low=quantity.low,
        best=quantity.best,
        high=quantity.high,
        approximate=quantity.approximate,
        who=who,
        span=Span(whole.start_char, whole.end_char, whole.text),
        scope="cumulative" if _is_cumulative(anchor, sentence) else "event",
    )
    return FigureMention(figure, anchor)


def _counted_noun(span: SpacySpan, sentence: SpacySpan) -> Token | None:
    """The noun the quantity counts: "dozens of civilians" -> civilians, "200 militants"."""
    root = span.root
    if root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= span.end:
        return root.head  # "15 al-Shabab fighters"
    doc = sentence.doc
    i = span.end
    steps = 0
    while i < sentence.end and steps < 5:
        token = doc[i]
        if token.lower_ in ("of", "the", "these", "those") or token.pos_ in ("ADJ", "NUM"):
            i += 1
            steps += 1
            continue
        if token.pos_ in ("NOUN", "PROPN"):
            # "900,000 people", "thousands of Iraqi civilians": skip compounds to the head.
            while i + 1 < sentence.end and doc[i + 1].pos_ == "NOUN" and doc[i].dep_ == "compound":
                i += 1
            return doc[i]
        return None
    return None


def _has_kind_nearby(span: SpacySpan, knowledge: Knowledge) -> bool:
    """ "12 were killed": a bare number followed closely by a verb of harm counts people."""
    doc = span.doc
    window = doc[span.end : min(len(doc), span.end + 3)]
    return any(t.lemma_.lower() in knowledge.figure_kinds for t in window)


def _kind_of(anchor: Token, span: SpacySpan, knowledge: Knowledge) -> str | None:
    """What happened to the people counted: from the anchor's own word, then its governors."""
    kinds = knowledge.figure_kinds
    if anchor.lemma_.lower() in kinds and anchor.lemma_.lower() == "refugee":
        return kinds["refugee"]
    for child in anchor.children:
        if child.dep_ in ("amod", "acl", "relcl") and child.lemma_.lower() in kinds:
            return kinds[child.lemma_.lower()]
    current = anchor
    for _ in range(6):
        if current.head.i == current.i:
            break
        current = current.head
        lemma = current.lemma_.lower()
        if lemma in kinds:
            return kinds[lemma]
        if current.pos_ in ("VERB", "AUX", "ADJ"):
            for child in current.children:
                if child.dep_ in ("acomp", "conj", "xcomp") and child.lemma_.lower() in kinds:
                    return kinds[child.lemma_.lower()]
            if current.pos_ == "VERB":
                break
    for token in span.doc[span.end : min(len(span.doc), span.end + 3)]:
        if token.lemma_.lower() in kinds:
            return kinds[token.lemma_.lower()]
    return None


def _is_cumulative(anchor: Token, sentence: SpacySpan) -> bool:
    lowered = sentence.text.lower()
    if any(cue in lowered for cue in _CUMULATIVE_CUES):
        return True
    verb = next((t for t in [anchor, *anchor.ancestors] if t.pos_ == "VERB"), None)
    return verb is not None and caused_by_the_conflict_itself(verb)


def caused_by_the_conflict_itself(verb: Token) -> bool:
    """ "grinding warfare has displaced 900,000": a toll of the war as a whole, not one event."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "csubj")), None)
    return subject is not None and any(t.lemma_.lower() in _CONFLICT_NOUNS for t in subject.subtree)
