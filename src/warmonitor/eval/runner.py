"""Running every gold set and gathering one table of scores."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from warmonitor.errors import WarmonitorError
from warmonitor.eval.case2021 import score_case2021
from warmonitor.eval.gold import Score
from warmonitor.eval.plover import score_plover

GOLD_SETS = ("case2021", "plover")


@dataclass
class EvalReport:
    scores: list[Score] = field(default_factory=list)
    confusions: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def run_evaluation(
    extractor,
    gold_dir: Path,
    sets: Sequence[str] = GOLD_SETS,
    *,
    limit: int | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> EvalReport:
    import time

    unknown = [name for name in sets if name not in GOLD_SETS]
    if unknown:
        raise WarmonitorError(f"unknown gold set(s) {unknown}; choose from {list(GOLD_SETS)}")
    report = EvalReport()
    for name in sets:
        if on_progress:
            on_progress(f"scoring {name}")
        started = time.monotonic()
        if name == "case2021":
            scores, matrix = score_case2021(extractor, gold_dir, limit)
            report.confusions[name] = matrix
        else:
            scores = score_plover(extractor, gold_dir, limit)
        report.scores.extend(scores)
        report.seconds[name] = time.monotonic() - started
    return report
