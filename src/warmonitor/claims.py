"""Claims that disagree: the range across claimants of one figure of one event.

Kept apart from the coder (no spaCy here) because the store needs it too: the reports merged
into one event each bring their own claims.
"""

from __future__ import annotations

from warmonitor.model import Figure, FigureRange

# Whom a count of "people" or a bare toll may be about: anyone.
_ANYONE = frozenset({None, "people"})


def disagreements(figures: tuple[Figure, ...]) -> tuple[FigureRange, ...]:
    """The ranges across claims where different claimants give one figure (same kind, same
    people) different numbers. Figures from one claimant are never a disagreement: "two
    soldiers and three civilians were killed" are parts of one toll, not rival claims."""
    claims = [
        f
        for f in figures
        if f.best is not None and f.according_to is not None and f.scope == "event"
    ]
    groups: dict[tuple[str, str | None], list[Figure]] = {}
    for figure in claims:
        if figure.who not in _ANYONE:
            groups.setdefault((figure.kind, figure.who), []).append(figure)
    for figure in claims:
        if figure.who in _ANYONE:
            # "put the toll at 9" counts whoever "14 fighters" counted, when only one kind of
            # people is counted; else it is a claim of its own.
            specific = [key for key in groups if key[0] == figure.kind and key[1] not in _ANYONE]
            key = specific[0] if len(specific) == 1 else (figure.kind, None)
            groups.setdefault(key, []).append(figure)
    ranges = []
    for (kind, who), claimed in groups.items():
        claimants = tuple(dict.fromkeys(f.according_to.name for f in claimed if f.according_to))
        values = {f.best for f in claimed}
        if len(claimants) > 1 and len(values) > 1:
            ranges.append(FigureRange(kind, who, min(values), max(values), claimants))
    return tuple(ranges)
