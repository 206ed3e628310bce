"""IndiaPoliceEvents: did the police kill, arrest, use force, or do anything, sentence by sentence.

Every sentence of 634 Times of India articles (Gujarat, March 2002) is labelled with the answers
to the dataset's questions (Halterman et al. 2021, slanglab/IndiaPoliceEvents): "Did police kill
someone?" (KILL), "arrest someone?" (ARREST), "use force or violence?" (FORCE, which includes
killing), "do anything?" (ANY_ACTION: killing, arresting, force, or any other police action).
Labels are exhaustive, so recall is measurable. FAIL ("did police fail to intervene?") is not
scored: warmonitor codes what actors did, not what they failed to do.

warmonitor runs once per article; each coded event (asserted or claimed) gets the labels its
actors and type imply, and lands on the gold sentence its trigger lies in. An article is
positive for a label when any of its events is. The mapping lives here, not in the product.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from warmonitor.coding.taxonomy import VIOLENT_TYPES
from warmonitor.eval.gold import Score, articles_for, read_gold
from warmonitor.eval.metrics import prf
from warmonitor.model import Event

DATASET = "indiapoliceevents"
LABELS = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
LEVELS = ("sentence", "article")

# warmonitor names every police force "Police Forces of <country>" (coding/actors.py and
# data/actors.tsv), as ACLED does.
_POLICE_PREFIX = "Police Forces of"
_POLICE_WORDS = ("police", "policem", "cop", "constab")
# Police using violence: what ACLED codes as violence, and force used on a crowd.
_CROWD_FORCE = {"Excessive force against protesters", "Protest with intervention"}
_KILL_WORDS = ("kill", "massacre", "execut", "lynch", "shot dead", "shoot dead")
# Arrests by these are not police arrests; an arrest by anyone else (the state, a person the
# parse took for the arrester, or nobody named) is what police do.
_NON_STATE_ARMED = {"Rebel group", "Political militia", "Identity militia"}


def score_indiapolice(extractor, gold_dir: Path, limit: int | None = None) -> list[Score]:
    """Precision, recall and F1 of police KILL, ARREST, FORCE and ANY_ACTION, per sentence and
    per article (the first ``limit`` articles when given)."""
    docs = read_gold(gold_dir / "indiapoliceevents_docs.dev.jsonl", limit)
    wanted = {doc["doc_id"] for doc in docs}
    sentences = _sentences_by_doc(read_gold(gold_dir / "indiapoliceevents_sents.dev.jsonl"), wanted)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    extractions = extractor.extract_many(articles_for(docs))
    for doc, extraction in zip(docs, extractions, strict=True):
        gold_sentences = sentences[doc["doc_id"]]
        spans = sentence_spans(doc["text"], [s["text"] for s in gold_sentences])
        predicted = labels_by_sentence(extraction.events, spans)
        for sentence, guess in zip(gold_sentences, predicted, strict=True):
            _count(counts, "sentence", set(sentence["labels"]), guess)
        in_article = set().union(*(police_labels(e) for e in extraction.events))
        _count(counts, "article", set(doc["labels"]), in_article)
    items = {"sentence": sum(len(sentences[d]) for d in wanted), "article": len(docs)}
    return [
        _score(level, label, counts[(level, label)], items[level])
        for level in LEVELS
        for label in LABELS
    ]


def police_labels(event: Event) -> frozenset[str]:
    """The dataset's labels an event of ours answers "yes" to.

    The police must act: police attacked by a mob did nothing. Arrests and crowd control
    (batons, tear gas, warning shots) are police work, so they count unless the text names a
    non-state armed actor as the doer: "50 people were arrested" names no one, and the
    arrested often stand as the subject of a misparsed relative clause."""
    police = acts_as_police(event)
    anyone_but_armed = event.actor1 is None or event.actor1.type not in _NON_STATE_ARMED
    labels: set[str] = set()
    if event.sub_event_type == "Arrests" and anyone_but_armed:
        labels.add("ARREST")
    if event.sub_event_type in _CROWD_FORCE and anyone_but_armed:
        labels.add("FORCE")
    if police and event.event_type in VIOLENT_TYPES:
        labels.add("FORCE")
        if _is_killing(event):
            labels.add("KILL")
    if labels or police:
        labels.add("ANY_ACTION")
    return frozenset(labels)


def acts_as_police(event: Event) -> bool:
    """The police did it: actor1 is a police force, or, with no actor1, the trigger names the
    police ("killed in police firing")."""
    if event.actor1 is not None:
        return event.actor1.name.startswith(_POLICE_PREFIX)
    trigger = event.trigger.text.casefold()
    return any(word in trigger for word in _POLICE_WORDS)


def _is_killing(event: Event) -> bool:
    """A death the event caused: its trigger is a killing word, or it carries a death toll."""
    trigger = event.trigger.text.casefold()
    return any(word in trigger for word in _KILL_WORDS) or any(
        figure.kind == "killed" and (figure.best or 0) > 0 for figure in event.figures
    )


def labels_by_sentence(events: Iterable[Event], spans: list[tuple[int, int]]) -> list[set[str]]:
    """For each gold sentence span, the labels of the events whose trigger lies in it.

    The trigger, not the event's whole sentence, places an event: spaCy's sentences of these
    lower-cased texts often run several gold sentences together (a dateline, "This story is
    from ...", and the lead), and only the one holding the trigger reports the event."""
    labels: list[set[str]] = [set() for _ in spans]
    for event in events:
        found = police_labels(event)
        if not found:
            continue
        for index, (start, end) in enumerate(spans):
            if start < event.trigger.end and event.trigger.start < end:
                labels[index] |= found
    return labels


_WORD_CHARACTER = re.compile(r"[A-Za-z0-9]")


def sentence_spans(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    """Where each gold sentence sits in the article text, as (start, end) character offsets.

    The gold sentences are cut from the same article but carry its curly quotes as mojibake
    ("â€™" for "’", sometimes split across two sentences) and other spacing, so they are found
    by their letters and digits alone, in order. A sentence with none, or not found, gets an
    empty span: it can still be a missed gold sentence, but no event lands on it."""
    letters, offsets = _letters(text)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in sentences:
        wanted = _letters(sentence)[0]
        found = letters.find(wanted, cursor) if wanted else -1
        if found < 0:
            at = offsets[cursor] if cursor < len(offsets) else len(text)
            spans.append((at, at))
            continue
        last = found + len(wanted) - 1
        spans.append((offsets[found], offsets[last] + 1))
        cursor = last + 1
    return _widen(spans, len(text))


def _letters(text: str) -> tuple[str, list[int]]:
    """The ASCII letters and digits of a text, lower-cased, and the offset of each."""
    offsets = [m.start() for m in _WORD_CHARACTER.finditer(text)]
    return "".join(text[i].lower() for i in offsets), offsets


def _widen(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Each found sentence runs on to where the next begins, so that the punctuation and quotes
    between them belong to one sentence rather than none."""
    starts = sorted(start for start, end in spans if end > start)
    widened = []
    for start, end in spans:
        if end > start:
            following = bisect_left(starts, end)
            end = starts[following] if following < len(starts) else length
        widened.append((start, end))
    return widened


def _sentences_by_doc(
    records: list[dict[str, Any]], wanted: set[Any]
) -> dict[Any, list[dict[str, Any]]]:
    by_doc: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if record["doc_id"] in wanted:
            by_doc[record["doc_id"]].append(record)
    for sentences in by_doc.values():
        sentences.sort(key=lambda s: s["sent_id"])
    return by_doc


def _count(
    counts: dict[tuple[str, str], list[int]], level: str, gold: set[str], guess: set[str]
) -> None:
    for label in LABELS:
        tally = counts[(level, label)]
        tally[0] += label in gold and label in guess
        tally[1] += label not in gold and label in guess
        tally[2] += label in gold and label not in guess


def _score(level: str, label: str, tally: list[int], items: int) -> Score:
    result = prf(*tally)
    return Score(
        DATASET,
        f"police {label} F1 per {level}",
        items,
        result.f1,
        f"P {result.precision:.3f} R {result.recall:.3f} ({result.support} gold)",
    )
