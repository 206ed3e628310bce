"""The ACLED event taxonomy and its PLOVER crosswalk (data/taxonomy.tsv).

Every event the coder emits carries an ACLED type and sub-event type spelled exactly as ACLED
spells them, and a PLOVER type and mode; this module is where both are checked and where the
PLOVER reading of an ACLED sub-event type is looked up.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from warmonitor.coding.knowledge import read_rows

# ACLED's "political violence" event types: the ones that have victims, tolls and a front line.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class SubEventType:
    event_type: str
    sub_event_type: str
    plover_type: str | None
    plover_mode: str | None


@functools.lru_cache(maxsize=1)
def load_taxonomy() -> dict[str, SubEventType]:
    """ACLED sub-event type -> its event type and PLOVER reading."""
    table = {}
    for row in read_rows("taxonomy.tsv"):
        plover_type = row[2] if row[2] != "-" else None
        plover_mode = row[3] if row[3] != "-" else None
        table[row[1]] = SubEventType(row[0], row[1], plover_type, plover_mode)
    return table


def plover_for(
    sub_event_type: str, trigger_type: str | None, trigger_mode: str | None
) -> tuple[str | None, str | None]:
    """The PLOVER type and mode of a coded event.

    The trigger's own reading wins when it agrees with the sub-event type's PLOVER type (it may
    name a finer mode); otherwise the crosswalk decides, so that "attack" re-coded as an air strike
    reads ASSAULT/aerial, not ASSAULT/firearms."""
    entry = load_taxonomy()[sub_event_type]
    if trigger_type is not None and trigger_type == entry.plover_type:
        return trigger_type, trigger_mode or entry.plover_mode
    if entry.plover_type is None:
        return trigger_type, trigger_mode
    return entry.plover_type, entry.plover_mode
