"""The people a report names as part of what happened: victims, suspects, fighters.

Two local papers reporting one shooting rarely agree on the street or the hour, but both name
the man who was shot. A person named in two reports is a fact the reports share, like an armed
group, and linking.py uses it to tell that they report one event. So only the people the event
is about count here, not the people who speak about it: a police spokesman, a sheriff or a mayor
comments on every shooting in his town, and two reports quoting him may be of two shootings.

The report's main violent event is the story of a local report, and every person it names
outside the quotes belongs to it; any other event keeps the people named in its own sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from warmonitor.coding.syntax import REPORTING_VERBS
from warmonitor.coding.taxonomy import VIOLENT_TYPES
from warmonitor.model import Article, Event
from warmonitor.names import person_key
from warmonitor.wordsets import word_set

# Titles of the people who speak about events, or lead those who take part, rather than take
# part themselves: an official or a commander is named in every report of a war. An officer or
# a deputy named without them is as often the one who was shot.
TITLES = word_set(
    """
    leader leaders commander founder head chairman general gen. colonel col. major maj.
    brigadier brig. emir king prince premier prime ayatollah sheikh cleric ambassador envoy
    spokesman spokeswoman spokesperson mayor gov. governor president sen. senator rep.
    representative congressman congresswoman chief sheriff sgt. sgt sergeant lt. lt lieutenant
    capt. capt captain det. detective commissioner superintendent attorney prosecutor judge
    coroner examiner dr. doctor professor reporter pastor rev. reverend councilman
    councilwoman alderman secretary minister director
    """
)
# spaCy's small model takes some institutions for people ("Stroger Hospital", "Crime
# Stoppers"); a name with one of these words in it is no person's.
_NOT_A_PERSON = word_set(
    """
    hospital center centre clinic school college university academy church park street avenue
    road boulevard county department office police news newsletter newsletters email sign
    court jail prison mall club bar restaurant hotel day stoppers trauma medical memorial
    foundation house hall island
    """
)
_WORD = re.compile(r"^[A-Z][\w'’.-]*$")
_POSSESSIVE = re.compile(r"['’]s?$")


def with_people(events: Sequence[Event], doc: Doc, article: Article) -> list[Event]:
    """``events`` with the people each is about (see the module's docstring)."""
    candidates = [e for e in doc.ents if e.label_ == "PERSON"] + _aged_names(doc)
    named = [(name, span.sent.start_char) for span in candidates if (name := _person(span))]
    if not named or not events:
        return list(events)
    authors = {person_key(author) for author in article.authors}
    named = [(name, start) for name, start in named if person_key(name) not in authors]
    violent = [e for e in events if e.event_type in VIOLENT_TYPES]
    lead = max(violent, key=lambda e: e.confidence, default=None)
    out = []
    for event in events:
        if event is lead:
            people = [name for name, _ in named]
        else:
            people = [name for name, start in named if start == event.sentence.start]
        out.append(replace(event, people=_unique(people)) if people else event)
    return out


def _person(name: SpacySpan) -> str | None:
    """The name of a person the report tells of, or None: not a person, a name too short to
    tell anyone apart (a first or a last name alone), or someone who speaks. A person whose
    age is given is one the report tells of, whatever they say: a report gives no spokesman's
    age."""
    words = _POSSESSIVE.sub("", name.text.strip()).split()
    if len(words) < 2 or not all(_WORD.match(word) for word in words):
        return None
    if any(word.casefold().strip(".") in _NOT_A_PERSON for word in words):
        return None
    if not _aged(name) and (_speaks(name) or _titled(name)):
        return None
    return " ".join(words)


def _aged_names(doc: Doc) -> list[SpacySpan]:
    """Names told with an age, which the small model often takes for an organisation or
    misses at the opening of a sentence: "Marcus Reed, 24, was shot", "19-year-old Pablo
    Villeda Estrada was killed"."""
    found = []
    for token in doc:
        if _age_after(token):  # the name ends before "," + age
            end = start = token.i - 1
            while start > token.sent.start and _name_word(doc[start - 1]):
                start -= 1
        elif _age_before(token):  # the name starts after "-year-old"
            start = end = token.i + 1
            while end < token.sent.end and _name_word(doc[end]):
                end += 1
        else:
            continue
        if end - start >= 2:
            found.append(doc[start:end])
    return found


def _aged(name: SpacySpan) -> bool:
    doc = name.doc
    return (name.end + 1 < len(doc) and _age_after(doc[name.end + 1])) or (
        name.start > 0 and _age_before(doc[name.start - 1])
    )


def _age_after(token: Token) -> bool:
    """The age in "Name, 24,": a number between commas (or a comma and a full stop)."""
    return (
        0 < token.i < len(token.doc) - 1
        and token.text.isdigit()
        and 0 < int(token.text) < 110
        and token.nbor(-1).text == ","
        and token.nbor(1).text in (",", ".")
    )


def _age_before(token: Token) -> bool:
    """The "old" of "24-year-old" (spaCy splits it into five tokens), before a name."""
    if token.lower_ != "old" or token.i < 4:
        return False
    number, _, year, _ = token.doc[token.i - 4 : token.i]
    return number.text.isdigit() and year.lower_ in ("year", "years")


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and bool(_WORD.match(token.text))


def _speaks(entity: SpacySpan) -> bool:
    """ "X said", "said X", "X told reporters", "according to X", "X, a spokesman, said"."""
    root = entity.root
    head = root.head
    if root.dep_ == "appos":  # "police spokesman X said": the appositive's head speaks
        root, head = head, head.head
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in REPORTING_VERBS:
        return True
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    return any(child.dep_ == "appos" and _is_title(child) for child in root.children)


def _titled(entity: SpacySpan) -> bool:
    """ "Police Chief James Craig", "Sheriff Tom Dart", "Islamic State leader Abu Bakr
    al-Baghdadi"."""
    before = entity.doc[max(entity.start - 1, entity.sent.start) : entity.start]
    inside = entity[:-1]  # the title is sometimes taken into the name
    return any(_is_title(token) for token in (*before, *inside))


def _is_title(token: Token) -> bool:
    return token.lower_ in TITLES


def _unique(names: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(person_key(name), name)
    return tuple(seen.values())
