"""Running every gold set and gathering one table of scores."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from warmonitor.errors import WarmonitorError
from warmonitor.eval.case2021 import score_case2021
from warmonitor.eval.crossval import cross_validated, plain
from warmonitor.eval.geoparsing import score_geoparsing
from warmonitor.eval.gold import Score
from warmonitor.eval.gva import score_gva
from warmonitor.eval.indiapolice import score_indiapolice
from warmonitor.eval.muc4 import score_muc4
from warmonitor.eval.plover import score_plover

GOLD_SETS = ("case2021", "plover", "indiapolice", "muc4", "geoparsing", "gva")


@dataclass
class EvalReport:
    scores: list[Score] = field(default_factory=list)
    confusions: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    method: str = "rules and classifier"


def run_evaluation(
    extractor,
    gold_dir: Path,
    sets: Sequence[str] = GOLD_SETS,
    *,
    limit: int | None = None,
    rules_only: bool = False,
    on_progress: Callable[[str], None] | None = None,
) -> EvalReport:
    """Score every named set. Unless ``rules_only``, the classifiers are trained here from the
    gold folder itself (cross-validated on CASE 2021 and the PLOVER records, which they learn
    from; whole on the other sets); classifiers the extractor already carries are not used, so
    scores never depend on a cache."""
    from warmonitor.training import read_training_set

    unknown = [name for name in sets if name not in GOLD_SETS]
    if unknown:
        raise WarmonitorError(f"unknown gold set(s) {unknown}; choose from {list(GOLD_SETS)}")
    report = EvalReport(method="rules alone" if rules_only else "rules and classifier")
    if rules_only:
        trained = extractor.with_classifier(None)
        on_case = on_plover = plain(trained)
    else:
        if on_progress:
            on_progress("training the event classifier on CASE 2021")
        training = read_training_set(extractor, gold_dir)
        trained = extractor.with_classifier(training.fit())
        on_case = on_plover = cross_validated(extractor, training)
    for name in sets:
        if on_progress:
            on_progress(f"scoring {name}")
        started = time.monotonic()
        if name == "case2021":
            scores, matrix = score_case2021(on_case, gold_dir, limit)
            report.confusions[name] = matrix
        elif name == "plover":
            scores = score_plover(on_plover, gold_dir, limit)
        elif name == "indiapolice":
            scores = score_indiapolice(trained, gold_dir, limit)
        elif name == "muc4":
            scores = score_muc4(trained, gold_dir, limit)
        elif name == "geoparsing":
            scores = score_geoparsing(trained, gold_dir, limit)
        else:
            scores = score_gva(trained, gold_dir, limit)
        report.scores.extend(scores)
        report.seconds[name] = time.monotonic() - started
    return report
