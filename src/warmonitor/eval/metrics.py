"""Precision, recall and F1, per label and averaged, computed from counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float
    support: int


def prf(true_positives: int, false_positives: int, false_negatives: int) -> PRF:
    predicted = true_positives + false_positives
    actual = true_positives + false_negatives
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1, actual)


def per_label(gold: Sequence[str], predicted: Sequence[str | None]) -> dict[str, PRF]:
    """Single-label classification scores for every gold label (a None prediction is wrong)."""
    true_positives: Counter[str] = Counter()
    false_positives: Counter[str] = Counter()
    false_negatives: Counter[str] = Counter()
    for truth, guess in zip(gold, predicted, strict=True):
        if guess == truth:
            true_positives[truth] += 1
        else:
            false_negatives[truth] += 1
            if guess is not None:
                false_positives[guess] += 1
    return {
        label: prf(true_positives[label], false_positives[label], false_negatives[label])
        for label in sorted(set(gold))
    }


def weighted_f1(scores: dict[str, PRF]) -> float:
    """F1 averaged over gold labels, each weighted by its number of gold items."""
    total = sum(s.support for s in scores.values())
    return sum(s.f1 * s.support for s in scores.values()) / total if total else 0.0


def macro_f1(scores: dict[str, PRF]) -> float:
    return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0


def accuracy(gold: Sequence[str], predicted: Sequence[str | None]) -> float:
    pairs = list(zip(gold, predicted, strict=True))
    return sum(truth == guess for truth, guess in pairs) / len(pairs) if pairs else 0.0


def confusion(gold: Sequence[str], predicted: Sequence[str | None]) -> Counter[tuple[str, str]]:
    """(gold, predicted) pair counts; "(none)" stands for no prediction."""
    return Counter((truth, guess or "(none)") for truth, guess in zip(gold, predicted, strict=True))
