"""ACLED's single ``fatalities`` number for an event, from its reported figures.

Our own figures keep ranges (DESIGN.md section 2). ACLED wants one number, and its codebook says
how to get it from vague reports: 10 for "several", "many" or a bare plural ("civilians were
killed"), 12 for "dozens", 100 for "hundreds". The store's ``events.fatalities`` column and the
ACLED CSV export both use this one function, so the two never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from warmonitor.model import Figure

# Checked in order: "hundreds of thousands" must win over "hundreds" and "thousands".
# The "thousands" entries are not in ACLED's codebook; they follow its pattern (the smallest
# number the plural can mean, as "hundreds" -> 100) so that a vague toll is never inflated.
_VAGUE_COUNTS: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(pattern), value)
    for pattern, value in (
        (r"\bhundreds of thousands\b", 100_000),
        (r"\btens of thousands\b", 10_000),
        (r"\bthousands\b", 1_000),
        (r"\bhundreds\b", 100),
        (r"\bdozens\b", 12),
        (r"\b(several|many|numerous)\b", 10),
    )
)

# ACLED's value for a bare plural ("soldiers were killed") and for any count it cannot read.
_BARE_PLURAL = 10


def acled_fatalities(figures: Iterable[Figure]) -> int:
    """ACLED's fatalities for an event: 0 when no "killed" figure is about the event itself.

    Each claimant's count is the largest of its killed figures, because a report's total usually
    includes its parts ("12 people, including 5 children"); between claimants the smallest count
    is kept, ACLED's most conservative figure, since different claims must never be added up.
    """
    by_claimant: dict[str, int] = {}
    for figure in figures:
        if figure.kind != "killed" or figure.scope != "event":
            continue
        claimant = figure.according_to.name if figure.according_to else ""
        count = acled_count(figure)
        by_claimant[claimant] = max(count, by_claimant.get(claimant, 0))
    return min(by_claimant.values(), default=0)


def acled_count(figure: Figure) -> int:
    """One figure as ACLED would count it: its vague word's convention, else its lower bound."""
    text = figure.span.text.casefold() if figure.span is not None else ""
    if not any(ch.isdigit() for ch in text):
        for pattern, value in _VAGUE_COUNTS:
            if pattern.search(text):
                return value
    for value in (figure.low, figure.best, figure.high):
        if value is not None:
            return value
    return _BARE_PLURAL
