"""People's names, compared: the key two spellings of one person's name share."""

from __future__ import annotations

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def person_key(name: str) -> str:
    """ "Joseph M. Jenkins Jr." and "Joseph Jenkins" are both "joseph jenkins"; a name of one
    word tells no one apart and has no key ("")."""
    words = [w.strip(".,").casefold() for w in name.split()]
    words = [w for w in words if w and w not in _SUFFIXES]
    if len(words) < 2:
        return ""
    return f"{words[0]} {words[-1]}"
