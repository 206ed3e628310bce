"""Do the reports warmonitor counts as one event report one incident? Pairwise, against gold.

The articles are taken in order, as ingest takes them, and grouped the way the store groups
them: an article that copies an earlier one (dedup.py) joins that article's group; otherwise its
main event joins the first group whose first main event it is the same event as (linking.py),
or starts a group of its own. An article with no event (a login wall, a cookie notice: pages
that many sites serve alike) reports nothing and stays alone. Every pair of articles in one
group is a predicted "same event"; every pair that the gold links to one incident is a true
one. Precision, recall and F1 are over those pairs, the measure the event coreference
literature reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from warmonitor.config import LinkingConfig
from warmonitor.dedup import Fingerprint, fingerprint, is_copy
from warmonitor.linking import same_event
from warmonitor.model import Event


@dataclass(frozen=True)
class PairScores:
    precision: float
    recall: float
    f1: float
    gold_pairs: int
    predicted_pairs: int


def group_reports(
    texts: Sequence[str], main_events: Sequence[Event | None], config: LinkingConfig
) -> list[int]:
    """A group number per article, as the store would merge them in this order."""
    groups: list[int] = []
    firsts: list[Event] = []  # each group's first main event
    prints: list[Fingerprint] = []
    by_band: dict[str, list[int]] = {}
    for index, (text, event) in enumerate(zip(texts, main_events, strict=True)):
        if event is None:
            groups.append(-1 - index)  # alone, and never a copy's story
            prints.append(Fingerprint(b"", (), 0))
            continue
        mark = fingerprint(text)
        prints.append(mark)
        candidates = sorted({i for key in mark.bands for i in by_band.get(key, ())})
        copied = next((i for i in candidates if is_copy(mark, prints[i])), None)
        if copied is not None:
            group = groups[copied]
        else:
            group = next(
                (number for number, first in enumerate(firsts) if same_event(first, event, config)),
                None,
            )
            if group is None:
                group = len(firsts)
                firsts.append(event)
        groups.append(group)
        for key in mark.bands:
            by_band.setdefault(key, []).append(index)
    return groups


def pairwise(predicted: Sequence[int], gold: Sequence[str]) -> PairScores:
    """Pairwise precision, recall and F1 of "same group" against "same gold incident"."""
    predicted_pairs = _pairs(Counter(predicted))
    gold_pairs = _pairs(Counter(gold))
    both = _pairs(Counter(zip(predicted, gold, strict=True)))
    precision = both / predicted_pairs if predicted_pairs else 0.0
    recall = both / gold_pairs if gold_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScores(precision, recall, f1, gold_pairs, predicted_pairs)


def _pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())
