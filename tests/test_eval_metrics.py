"""The evaluation arithmetic, checked on small hand-made cases."""

import pytest

from warmonitor.eval.metrics import accuracy, confusion, macro_f1, per_label, prf, weighted_f1


def test_eval_prf_from_counts():
    score = prf(true_positives=3, false_positives=1, false_negatives=2)
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.6)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert prf(0, 0, 0).f1 == 0.0


def test_eval_weighted_and_macro_f1():
    gold = ["a", "a", "a", "b"]
    predicted = ["a", "a", None, "a"]
    scores = per_label(gold, predicted)
    # a: tp 2, fp 1, fn 1 -> F1 2/3; b: tp 0, fn 1 -> F1 0
    assert scores["a"].f1 == pytest.approx(2 / 3)
    assert scores["b"].f1 == 0.0
    assert weighted_f1(scores) == pytest.approx((2 / 3 * 3 + 0 * 1) / 4)
    assert macro_f1(scores) == pytest.approx(1 / 3)
    assert accuracy(gold, predicted) == pytest.approx(0.5)
    assert confusion(gold, predicted)[("a", "(none)")] == 1
