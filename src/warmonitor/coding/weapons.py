"""Weapons: the WEAPON entities that spaCy's English model does not label.

The lexicon is ``data/weapons.tsv`` (read by :func:`warmonitor.coding.knowledge.load_knowledge`).
A name matches as whole words, whatever its case, in the singular or the plural, with a hyphen,
a space or nothing between its words ("car bomb", "car-bomb", "CAR BOMBS"); the longest name at
a place wins ("car bomb", not "bomb"), and names written side by side are one mention ("an
M-16 rifle", "dynamite bombs"). A match whose last word the parser reads as a verb or a
pronoun is dropped: "they will bomb the bridge" names no weapon.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc

from warmonitor.coding.knowledge import WeaponEntry
from warmonitor.model import Entity

LABEL = "WEAPON"

_NOT_A_NAME = frozenset({"VERB", "AUX", "PRON"})
_WORD_GAP = r"[-\s]?"


def find_weapons(doc: Doc, lexicon: tuple[WeaponEntry, ...]) -> list[Entity]:
    """The weapon mentions of ``doc``, in text order."""
    pattern = _weapon_pattern(lexicon)
    if pattern is None:
        return []
    text = doc.text  # spaCy joins the tokens anew on every access
    found: list[Entity] = []
    for match in pattern.finditer(text):
        span = doc.char_span(match.start(), match.end())
        if span is None or span[-1].pos_ in _NOT_A_NAME:
            continue
        start = span.start_char
        if found and text[found[-1].end : start] in (" ", "-"):
            start = found.pop().start
        found.append(Entity(start, span.end_char, text[start : span.end_char], LABEL))
    return found


@functools.lru_cache(maxsize=4)
def _weapon_pattern(lexicon: tuple[WeaponEntry, ...]) -> re.Pattern[str] | None:
    """One regular expression for the whole lexicon, longest names first."""
    forms = {form for entry in lexicon for form in _forms(entry)}
    if not forms:
        return None
    alternatives = "|".join(
        pattern for _, pattern in sorted(((len(f), _phrase(f)) for f in forms), reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _forms(entry: WeaponEntry) -> list[str]:
    """The singular and every plural of a name, each a regular-expression-ready phrase."""
    return [entry.words, *entry.plurals, _regular_plural(entry.words)]


def _regular_plural(words: str) -> str:
    """ "rifle" -> "rifles", "ak-47" -> "ak-47s", "assembly" -> "assemblies"."""
    if re.search(r"[^aeiou]y$", words):
        return words[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", words):
        return words + "es"
    return words + "s"


def _phrase(form: str) -> str:
    """A phrase as a pattern whose words may be joined by a hyphen, a space or nothing."""
    return _WORD_GAP.join(re.escape(word) for word in re.split(r"[-\s]+", form))
