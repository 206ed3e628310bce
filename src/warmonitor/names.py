"""People's names, compared: the key two spellings of one person's name share."""

from __future__ import annotations

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def person_key(name: str) -> str:
    """ "Joseph M. Jenkins Jr." and "Joseph Jenkins" are both "joseph jenkins"; a double
    surname is keyed by its last part, which reports keep when they drop the first ("Ana
    Rose-Robinson", "Ana Robinson"). A name of one word tells no one apart and has no key
    ("")."""
    words = [w.strip(".,").casefold() for w in name.split()]
    words = [w for w in words if w and w not in _SUFFIXES]
    if len(words) < 2:
        return ""
    surname = words[-1].rsplit("-", 1)[-1] or words[-1]
    return f"{words[0]} {surname}"
