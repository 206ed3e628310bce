"""Figures: reported numbers of people killed, wounded, displaced, trapped, fighting...

A quantity (nlp/quantities.py) becomes a figure when it counts people ("900,000 people",
"dozens of civilians", "about 200 militants") and its clause says what happened to them
("displaced", "killed", "are trapped"), or when it counts fighters. Numbers of days, kilometres
or dollars are never figures. A figure for a whole battle or war ("grinding warfare has displaced
900,000") is cumulative and is not one event's toll.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from warmonitor.coding.knowledge import Knowledge
from warmonitor.coding.syntax import (
    UNDERGOING_VERBS,
    is_age,
    prepositional_objects,
    struck_by_gunfire,
)
from warmonitor.model import Figure, Source, Span
from warmonitor.nlp.quantities import Quantity, iter_quantities

_ARMED_WHO = {"militants", "soldiers", "police"}
_CONFLICT_NOUNS = {
    "war",
    "warfare",
    "fighting",
    "conflict",
    "battle",
    "violence",
    "siege",
    "offensive",
    "campaign",
    "insurgency",
    "crisis",
    "bombing",
    "bombardment",
}
# People counted by what happened to them: the noun is its own kind.
_SELF_KIND_NOUNS = frozenset({"refugee", "body", "corpse", "fatality", "hostage"})
# "put the death toll at 19", "the toll rose to 19", "a toll of 19": the number is the killed.
_TOLL_VERBS = frozenset(
    {"put", "rise", "climb", "reach", "raise", "jump", "increase", "stand", "bring"}
)
# Qualifiers that are also prepositions: "control over 300 people" is not "more than 300".
_PREPOSITION_QUALIFIERS = {"over", "under"}
_CUMULATIVE_CUES = (
    "so far",
    "since the start",
    "since the beginning",
    "in total",
    "to date",
    "since the war",
    "since the conflict",
    "over the years",
    "year alone",
    "month alone",
    "week alone",
    # Round-ups of several attacks: "13 people were shot in separate incidents", "46 others
    # wounded in shootings across Chicago", "eight people were shot in a five-hour span".
    "separate incidents",
    "separate shootings",
    "shootings across",
    "across the city",
    "hour span",
    "series of shootings",
    "string of shootings",
    "spate of",
    "rash of",
    "violent weekend",
    "bloody weekend",
    "deadly weekend",
    # "Eighty percent of those, 105 victims, were shot in the Fourth Precinct": a statistic
    "percent of",
    "per cent of",
)
_SEVERAL = r"(?:[3-9]|\d\d+|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several)"
# "13 people were shot in five incidents", "twelve people were shot in about ten hours": a
# tally of several attacks. Two shootings may be one ("killed and wounded in two shootings"
# that a gunman carried out on one street).
_ROUND_UP = re.compile(
    rf"\b(?:in|over|within) (?:about |nearly |just |less than |under )?(?:{_SEVERAL} "
    r"(?:separate |different |unrelated )?(?:incidents|shootings|attacks)|"
    rf"(?:{_SEVERAL}|two|a few) hours)\b(?! of)"
)
_PERIOD = (
    r"(?:(?:19|20)\d\d|january|february|march|april|may|june|july|august|september|october|"
    r"november|december)"
)
# "since 2000", "in November alone": a tally over a time, not one event's toll.
_SINCE_A_TIME = re.compile(rf"\bsince {_PERIOD}\b|\bin {_PERIOD} alone\b")


@dataclass(frozen=True, slots=True)
class FigureMention:
    figure: Figure
    anchor: Token  # the word the figure hangs on, for tying it to an event's clause
    # "Seven people were shot": everyone hit, the dead among them, until their deaths are taken
    # out (here, or once the event's own toll is known).
    counts_the_dead: bool = False


def find_figures(sentence: SpacySpan, knowledge: Knowledge) -> list[FigureMention]:
    """Every figure in one sentence, without its claimant (attribution adds that)."""
    found: list[FigureMention] = []
    text = sentence.text
    for quantity in iter_quantities(text):
        start = sentence.start_char + quantity.start
        end = sentence.start_char + quantity.end
        span = sentence.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and _opens_with_preposition(span):
            # "holding sway over hundreds of thousands": "over" is where, not "more than".
            quantity = _without_first_word(quantity, text)
            span = sentence.doc[span.start + 1 : span.end] if quantity else None
        if span is None or quantity is None:
            continue
        if _names_no_count(text, quantity.start, quantity.end) or any(t.like_url for t in span):
            continue  # an age, a year, a channel, "http://wral.com/14781693"
        if _is_other_entity(span) and not _counts_people(span, sentence, knowledge):
            continue  # spaCy reads "between 20 and 30 villagers" as a date
        mention = _read_figure(quantity, span, sentence, knowledge)
        if mention is not None:
            found.append(mention)
    for token in sentence:
        multiple = _multiple_toll(token)
        if multiple is not None:
            found.append(multiple)
        implied = implied_toll(token, knowledge)
        # "was shot and killed": two words, one victim.
        if implied is not None and not any(
            (f.figure.kind, f.figure.span) == (implied.figure.kind, implied.figure.span)
            for f in found
        ):
            found.append(implied)
    summed = _with_the_others(_summed_conjuncts(found, knowledge))
    return _without_the_dead(_with_the_killer_dead(summed))


# "before killing himself": the attacker's own death, which tolls count with the victims'.
_REFLEXIVES = frozenset({"himself", "herself"})
_SELVES = _REFLEXIVES | {"themselves", "myself", "yourself"}


def _with_the_others(found: list[FigureMention]) -> list[FigureMention]:
    """ "One man is in critical condition and three others are injured": the others are more
    people in the same state as those told before them, and the toll is all of them (4)."""
    result = list(found)
    for others in found:
        anchor, figure = others.anchor, others.figure
        # (the subjects of two joined clauses; "beat one person and shot two others" tells
        # two acts, each of its own)
        if anchor.lower_ != "others" or anchor.dep_ not in _SUBJECTS or figure.best is None:
            continue
        clauses = {anchor.head.i, *(c.i for c in anchor.head.conjuncts)}
        before = [
            m
            for m in found
            if m.anchor.i < anchor.i
            and m.anchor.dep_ in _SUBJECTS
            and m.anchor.head.i in clauses
            and m.anchor.lower_ != "others"
            and (m.figure.kind, m.figure.scope) == (figure.kind, figure.scope)
            and m.figure.best is not None
            and m.figure.span is not None
        ]
        if not before or figure.span is None:
            continue
        first = max(before, key=lambda m: m.anchor.i)
        assert first.figure.best is not None and first.figure.span is not None
        total = first.figure.best + figure.best
        if any(m.figure.kind == figure.kind and (m.figure.best or 0) >= total for m in found):
            continue  # "four people were shot: one man is critical and three others ..."
        text = anchor.doc.text
        start, end = first.figure.span.start, figure.span.end
        both = replace(
            figure,
            who="people" if first.figure.who != figure.who else figure.who,
            low=(first.figure.low or 0) + (figure.low or 0),
            best=total,
            high=(first.figure.high or 0) + (figure.high or 0),
            approximate=first.figure.approximate or figure.approximate,
            span=Span(start, end, text[start:end]),
        )
        result.append(replace(others, figure=both))
    return result


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _is_subject_above(person: Token, reflexive: Token) -> bool:
    """Whether ``person`` is the one the reflexive pronoun stands for: the subject of a clause
    it stands in, when its own verb has no subject ("a man died after accidentally shooting
    himself") or the clause is of his dying ("a boy has died after he accidentally shot
    himself"); not "a girl was shot by the man before he killed himself"."""
    if person.dep_ not in _SUBJECTS or not any(t.i == person.head.i for t in reflexive.ancestors):
        return False
    own_subject = any(c.dep_ in _SUBJECTS for c in reflexive.head.children)
    return not own_subject or person.head.lemma_.lower() in _DYING_WORDS


def _with_the_killer_dead(found: list[FigureMention]) -> list[FigureMention]:
    """ "The gunman who killed two people ... before killing himself": three dead, the
    attacker among them, as tolls of a shooting count them."""
    own = [f for f in found if f.figure.kind == "killed" and f.anchor.lower_ in _REFLEXIVES]
    others = [
        f for f in found if f.figure.kind == "killed" and f not in own and f.figure.scope == "event"
    ]
    if len(own) != 1 or not others:
        return found
    if any(_is_subject_above(f.anchor, own[0].anchor) for f in others):
        return found  # "a man died after accidentally shooting himself": he is the one
    largest = max(others, key=lambda f: f.figure.best or 0)
    more = _less(largest.figure, -1)
    spans = [s for s in (largest.figure.span, own[0].figure.span) if s is not None]
    if len(spans) == 2:
        # The span runs from the victims' count to the attacker's own death: both make it.
        start, end = min(s.start for s in spans), max(s.end for s in spans)
        more = replace(more, span=Span(start, end, largest.anchor.doc.text[start:end]))
    return [replace(f, figure=more) if f is largest else f for f in found if f is not own[0]]


def _summed_conjuncts(found: list[FigureMention], knowledge: Knowledge) -> list[FigureMention]:
    """ "Two soldiers and three civilians were killed": the parts stay, for who they were, and
    their total joins them (killed 5), since a toll is the largest of one claimant's figures;
    "a boy and two adults wounded" is three. Summed only when every conjunct is counted or is
    one person, so that "two men and some others" stays two."""
    by_anchor = {f.anchor.i: f for f in found}
    result = list(found)
    done: set[int] = set()
    for mention in found:
        anchor = mention.anchor
        # (a verb the parser joins to the people is none of them)
        people = (c for c in anchor.conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON", "NUM"))
        group = sorted((anchor, *people), key=lambda t: t.i)
        if anchor.i in done or len(group) < 2:
            continue
        if _joined_by_or(group):
            continue  # "either his brother or a friend was dead": one of them
        if any(_spans(mention.figure, t) for t in group if t != anchor):
            continue  # "a judge and his driver" are two already
        members = [by_anchor.get(t.i) for t in group]
        counted = [
            m
            for m in members
            if m is not None
            and (m.figure.kind, m.figure.scope) == (mention.figure.kind, mention.figure.scope)
        ]
        singles = [t for t, m in zip(group, members, strict=True) if m is None]
        if len(counted) + len(singles) < len(group) or not all(
            _one_person(t, knowledge) for t in singles
        ):
            continue
        if _breaks_down(group, by_anchor, len(singles)):
            continue  # "four people, three women and a man": still four
        done.update(t.i for t in group)
        result.append(_sum_of(counted, len(singles), group))
    return result


def _breaks_down(group: list[Token], by_anchor: dict[int, FigureMention], singles: int) -> bool:
    """A count and then, after a comma, who they were: the first member is the sum of the
    others ("four people, three women and a man")."""
    first = by_anchor.get(group[0].i)
    end = _phrase_end(group[0]) + 1
    if first is None or first.figure.best is None or end >= len(group[0].doc):
        return False
    rest = [by_anchor[t.i].figure.best for t in group[1:] if t.i in by_anchor]
    total = sum(v or 0 for v in rest) + singles
    return group[0].doc[end].text == "," and first.figure.best == total


def _spans(figure: Figure, token: Token) -> bool:
    """The figure already counts the token: "the murder of a judge and his driver" is two."""
    return figure.span is not None and figure.span.start <= token.idx < figure.span.end


def _sum_of(counted: list[FigureMention], singles: int, group: list[Token]) -> FigureMention:
    def total(values: list[int | None]) -> int | None:
        return None if any(v is None for v in values) else sum(v for v in values if v) + singles

    first = counted[0]
    doc = group[0].doc
    phrase = doc[min(t.left_edge.i for t in group) : max(_phrase_end(t) for t in group) + 1]
    who = {m.figure.who for m in counted}
    figure = replace(
        first.figure,
        who=who.pop() if len(who) == 1 and not singles else "people",
        low=total([m.figure.low for m in counted]),
        best=total([m.figure.best for m in counted]),
        high=total([m.figure.high for m in counted]),
        approximate=any(m.figure.approximate for m in counted),
        span=Span(phrase.start_char, phrase.end_char, phrase.text),
    )
    # "he and four others were shot": a list of those hit, the dead among them; but those who
    # "suffered gunshot wounds" are only the wounded.
    return replace(first, figure=figure, counts_the_dead=figure.kind == "wounded" and _hit(group))


def _hit(group: list[Token]) -> bool:
    """The people listed were shot or stabbed ("Diana Gomez and her two children who were
    shot", "he and four others were shot")."""
    described = (c for t in group for c in t.children if c.dep_ in ("relcl", "acl"))
    if any(c.lemma_.lower() in _HITTING_VERBS for c in described):
        return True
    verb = next((t for t in group[0].ancestors if t.pos_ == "VERB"), None)
    return verb is not None and verb.lemma_.lower() in _HITTING_VERBS


# Numbers that count no one: a model's ("an AK-47", "an M-16"), ages ("four boys between ages 12
# and 16", "men aged 20 to 27", "aged 21, 22, and 24", "all younger than 45", "in her 20's",
# "Jackson and Franklin, both 16,", "Ceasar Valdovinos, 23,"), a clock's ("about 6:35 p.m."), a
# date's year ("September 26, 2016"), an address's ("the 6000 block of Elm Street"), a photo
# gallery's ("Image 14 of 14", "1 / 14") and a broadcaster's ("KSLA News 12", "Photo: 21 Pro
# Video").
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\b[A-Z]{1,4}-|\b(?:ages?|aged)\s+(?:of\s+|between\s+)?(?:\d+\s+(?:and|to|-)\s+)?|\d:|"
    r"\d\s*/\s*|"
    r"\b(?:younger|older)\s+than\s+|\b(?:ages?|aged)\s+(?:\d+,\s+)+(?:and\s+)?|"
    # "a father of three": his children, no toll
    r"\b(?:father|mother|dad|mom|parent|grandfather|grandmother|grandparent)s?\s+of\s+|"
    rf"\b{_MONTH}\.?\s+\d{{1,2}},\s*)$",
    re.I,
)
# "at 3007 N. Main St.", "2500 Carter Homestead Rd.": a house number.
_ADDRESS_AFTER = re.compile(
    r"\s+(?:[NSEW]\.?\s+)?(?:[A-Z][A-Za-z'.-]*\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|"
    r"Boulevard|Dr|Drive|Ln|Lane|Way|Ct|Court|Pl|Place|Pkwy|Parkway|Hwy|Highway|Ter|Terrace|"
    r"Cir|Circle)\b"
)
# "Image 14 of 14", "Photo 3"; but "Buy Photo  Four teens were injured" counts the teens.
_GALLERY_BEFORE = re.compile(r"\b(?:image|photo)\W*\s*(?:\d+\s+of\s+)?$", re.I)
# "1 of 11 A man died ...": a gallery's counter opening a caption.
_COUNTER_OPENING = re.compile(r"^\s*\d+\s+of\s+\d+(?=\s+[A-Z])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CHANNEL_BEFORE = re.compile(r"\bnews\s+$", re.I)
_NOT_A_COUNT_AFTER = re.compile(
    r"^(?:['’]?s\b|:\d|\s*/\s*\d|\s+(?:block|hundred block)\b|\s+(?:Pro\s+)?(?:Video|News)\b)", re.I
)
# An age set off by commas after a name or "both": "Elijah Jackson and Shakur Franklin, both 16,".
_AGE_BEFORE = re.compile(r"(?:[A-Za-z]\.?,|\bboth)\s*$")
_AGE_AFTER = re.compile(r"^\s*[,)]")


def _names_no_count(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    after = text[end : end + 20]
    if _NOT_A_COUNT_BEFORE.search(before) or _NOT_A_COUNT_AFTER.match(after):
        return True
    if _CHANNEL_BEFORE.search(before) and text[start:end].isdigit():
        return True  # "KSLA News 12"; but "told 13 News two people were shot"
    if _GALLERY_BEFORE.search(before) and text[start:end][:1].isdigit():
        return True
    opening = _COUNTER_OPENING.match(text)
    if opening is not None and start < opening.end():
        return True
    if text[start:end].isdigit() and _ADDRESS_AFTER.match(text, end):
        return True
    if _YEAR.fullmatch(text[start:end]) and not re.match(r" [a-z]", after):
        return True  # "2013 Homicide Victim: Carlton Lewis", but "2000 people fled"
    age = text[start:end].isdigit() and int(text[start:end]) < 120
    return age and bool(_AGE_BEFORE.search(before) and _AGE_AFTER.match(after))


def _opens_with_preposition(span: SpacySpan) -> bool:
    return span[0].lower_ in _PREPOSITION_QUALIFIERS and span[0].dep_ == "prep"


def _without_first_word(quantity: Quantity, text: str) -> Quantity | None:
    after = text.index(" ", quantity.start) + 1
    rest = iter_quantities(text[after : quantity.end])
    if not rest:
        return None
    found = rest[0]
    return replace(found, start=found.start + after, end=found.end + after)


def with_claimant(mention: FigureMention, source: Source | None) -> FigureMention:
    return replace(mention, figure=replace(mention.figure, according_to=source))


def _counts_people(span: SpacySpan, sentence: SpacySpan, knowledge: Knowledge) -> bool:
    counted = _counted_noun(span, sentence)
    return counted is not None and counted.lemma_.lower() in knowledge.figure_who


def _is_other_entity(span: SpacySpan) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL") for t in span)


def _read_figure(
    quantity: Quantity, span: SpacySpan, sentence: SpacySpan, knowledge: Knowledge
) -> FigureMention | None:
    counted = _counted_noun(span, sentence)
    if counted is not None and counted.lemma_.lower() in knowledge.figure_units:
        return None
    if counted is None and _is_toll(span):
        figure = Figure(
            kind="killed",
            low=quantity.low,
            best=quantity.best,
            high=quantity.high,
            approximate=quantity.approximate,
            who="people",
            span=Span(span.start_char, span.end_char, span.text),
            scope="cumulative" if _is_cumulative(span.root, sentence) else "event",
        )
        return FigureMention(figure, span.root)
    who = knowledge.figure_who.get(counted.lemma_.lower()) if counted is not None else None
    anchor = counted if counted is not None else span.root
    if counted is None and quantity.vague is None and not _has_kind_nearby(span, knowledge):
        return None
    if counted is None and _ages_in_apposition(span.root):
        return None
    if counted is not None and who is None:
        return None
    doc = sentence.doc
    # "one of four women", "two of the victims"; not "dozens of civilians".
    partitive = (
        counted is not None
        and quantity.vague is None
        and span.end < len(doc)
        and doc[span.end].lower_ == "of"
    )
    if (
        counted is not None
        and not partitive
        and _is_partitive_whole(counted)
        and not _states_its_own_kind(counted, knowledge)
    ):
        return None  # "two of the four victims died": the two died, not the four
    if partitive and span.root.head.i != counted.i:
        # "One of four women wounded in the shooting has died": the one died.
        anchor = span.root
    kind = _kind_of(anchor, span, knowledge)
    if kind is None and who in _ARMED_WHO:
        kind = "fighters"
    if kind is None:
        return None
    whole = sentence.doc[span.start : max(span.end, anchor.i + 1)]
    figure = Figure(
        kind=kind,
        low=quantity.low,
        best=quantity.best,
        high=quantity.high,
        approximate=quantity.approximate,
        who=who,
        span=Span(whole.start_char, whole.end_char, whole.text),
        scope="cumulative" if _is_cumulative(anchor, sentence) else "event",
    )
    hit = kind == "wounded" and _counts_all_hit(anchor)
    return FigureMention(figure, anchor, counts_the_dead=hit)


def _counts_all_hit(anchor: Token) -> bool:
    """ "Seven people were shot", "shot four people", "nine people were taken to hospitals":
    those hit, whether they lived or died; but "two others were shot" counts only those the
    report has not yet told of."""
    if any(t.lower_ in _OTHERS for t in anchor.subtree):
        return False
    if anchor.lemma_.lower() == "victim":
        return True  # "the names of five victims": of the shooting, dead or alive
    # "all five victims that were shot", "discovered five people shot, one of whom was dead"
    described = (
        c
        for c in (*anchor.children, *_clause_after_the_whole(anchor))
        if c.dep_ in ("relcl", "acl")
    )
    if any(c.lemma_.lower() in _HITTING_VERBS for c in described):
        return True
    verb = next((t for t in anchor.ancestors if t.pos_ == "VERB"), None)
    if verb is None:
        return False
    if verb.lemma_.lower() in _CARRYING_VERBS and _sends_to_hospital(verb):
        return True  # "sent nine people to hospitals": one of them may have died there
    return verb.lemma_.lower() in _HITTING_VERBS or struck_by_gunfire(verb)


_OTHERS = frozenset({"other", "others", "more", "additional", "another"})


def _states_its_own_kind(noun: Token, knowledge: Knowledge) -> bool:
    """ "four women wounded", "two men who were shot": the people counted carry their own
    state."""
    return any(
        c.dep_ in ("amod", "acl", "relcl")
        and (
            c.lemma_.lower() in knowledge.figure_kinds
            or (c.dep_ != "amod" and c.lemma_.lower() in _HITTING_VERBS)
        )
        for c in (*noun.children, *_clause_after_the_whole(noun))
    )


def _clause_after_the_whole(noun: Token) -> list[Token]:
    """ "one of four people to be shot": the parser may hang the clause that describes the
    whole on the part."""
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of" or not of.head.like_num:
        return []
    part = of.head
    return [c for c in part.children if c.dep_ in ("acl", "relcl") and c.left_edge.i == noun.i + 1]


def _is_partitive_whole(noun: Token) -> bool:
    """ "two of the four victims", "some of the roughly 40 people who gathered": the whole the
    part is taken from."""
    of = noun.head
    return (
        noun.dep_ == "pobj"
        and of.lower_ == "of"
        and (of.head.pos_ == "NUM" or of.head.lower_ in _PARTS)
    )


_PARTS = frozenset({"one", "none", "all", "both", "some", "many", "most", "several", "few", "half"})


def _is_toll(span: SpacySpan) -> bool:
    """ "put the death toll at 19", "the toll rose to 19", "a death toll of 19", "bringing the
    number of fatalities to three"."""
    preposition = span.root.head
    if span.root.dep_ != "pobj" or preposition.lower_ not in ("at", "to", "of"):
        return False
    head = preposition.head
    if head.lemma_.lower() == "toll":
        return True
    return head.lemma_.lower() in _TOLL_VERBS and any(
        _names_a_toll(c) for c in head.children if c.dep_ in ("nsubj", "dobj")
    )


def _names_a_toll(noun: Token) -> bool:
    """ "the death toll", "the number of fatalities" ("bringing the number of dead to three")."""
    if noun.lemma_.lower() == "toll":
        return True
    return noun.lemma_.lower() == "number" and any(
        g.lemma_.lower() in ("fatality", "death", "dead")
        for g in prepositional_objects(noun, ("of",))
    )


def _counted_noun(span: SpacySpan, sentence: SpacySpan) -> Token | None:
    """The noun the quantity counts: "dozens of civilians" -> civilians, "200 militants"."""
    root = span.root
    if root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= span.end:
        return root.head  # "15 al-Shabab fighters"
    if root.dep_ == "nummod" and root.head.lower_ == "other":
        return root.head  # "two men dead and four other injured": "other" for "others"
    doc = sentence.doc
    i = span.end
    steps = 0
    while i < sentence.end and steps < 5:
        token = doc[i]
        if token.lower_ in ("of", "the", "these", "those") or token.pos_ in ("ADJ", "NUM"):
            i += 1
            steps += 1
            continue
        if token.tag_ == "PRP$":  # "one of their students"
            i += 1
            steps += 1
            continue
        if token.pos_ in ("NOUN", "PROPN"):
            # "900,000 people", "thousands of Iraqi civilians": skip compounds to the head.
            while i + 1 < sentence.end and doc[i + 1].pos_ == "NOUN" and doc[i].dep_ == "compound":
                i += 1
            return doc[i]
        return None
    return None


def _has_kind_nearby(span: SpacySpan, knowledge: Knowledge) -> bool:
    """ "12 were killed": a bare number followed closely by a verb of harm counts people."""
    doc = span.doc
    window = doc[span.end : min(len(doc), span.end + 3)]
    if any(t.lemma_.lower() in knowledge.figure_kinds for t in window):
        return True
    # "wounding 13": the number is the object of the verb of harm before it; "one of them was
    # killed": its subject.
    root = span.root
    harm = root.head.lemma_.lower()
    if root.dep_ in _SUBJECTS:
        return harm in knowledge.figure_kinds or harm in _HITTING_VERBS
    return root.dep_ == "dobj" and harm in knowledge.figure_kinds


def _kind_of(anchor: Token, span: SpacySpan, knowledge: Knowledge) -> str | None:
    """What happened to the people counted: from the anchor's own word, then its governors."""
    kinds = knowledge.figure_kinds
    if anchor.lemma_.lower() in _SELF_KIND_NOUNS:
        return kinds[anchor.lemma_.lower()]  # "15 bodies", "2,000 refugees", "six hostages"
    if anchor.dep_ == "nsubj" and anchor.head.lemma_.lower() in _DYING_WORDS:
        return "killed"  # "two teens who were shot on Wednesday have died"
    for child in (*anchor.children, *_clause_after_the_whole(anchor)):
        if child.dep_ == "relcl" and _acts_on_others(child, kinds):
            continue  # "two men who shot a woman" did the shooting
        # "wounded civilians", "people killed", "one fatally".
        if child.dep_ in ("amod", "acl", "relcl", "advmod") and child.lemma_.lower() in kinds:
            return kinds[child.lemma_.lower()]
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in _HITTING_VERBS:
            return _hit_kind(child)  # "two men who were shot to death"
        if _with_wounds(child, kinds):
            return "wounded"  # "six others with gunshot wounds"
    told_after = _state_told_after(anchor, kinds) if anchor.pos_ == "NUM" else None
    if told_after is not None:
        return told_after
    shared = _state_of_the_last_conjunct(anchor, kinds)
    if shared is not None:
        return shared
    current = anchor
    for _ in range(6):
        if current.head.i == current.i:
            break
        came_from, current = current, current.head
        if current.lemma_.lower() in _ONLOOKERS_PLACES:
            return None  # "the murder of a woman in front of three children": they saw it
        doer = came_from.dep_ == "nsubj" and _acts_on_others(current, kinds)
        if doer or current.dep_ == "agent":
            return None  # "two gunmen killed a man", "was killed by two gunmen": the doers
        hitting = current.lemma_.lower() in _HITTING_VERBS or struck_by_gunfire(current)
        if hitting and current.pos_ == "VERB":
            return _hit_kind(current)
        lemma = current.lemma_.lower()
        if lemma in kinds:
            return "killed" if kinds[lemma] == "wounded" and _fatally(current) else kinds[lemma]
        if current.lower_ in _HITTINGS:
            # "the shooting and wounding of four men"
            joined = (kinds.get(c.lemma_.lower()) for c in current.conjuncts)
            kind = next((k for k in joined if k is not None), None)
            if kind is not None:
                return kind
        if current.pos_ == "VERB" and _sends_to_hospital(current):
            return "wounded"  # "sent three others to the hospital"
        if current.pos_ == "VERB":
            # "left one man dead and six others with gunshot wounds": each object takes the
            # state told right after it.
            after = next((c for c in current.children if c.i > anchor.i), None)
            if after is not None and _with_wounds(after, kinds):
                return "wounded"
        if current.pos_ == "AUX" and any(_with_wounds(c, kinds) for c in current.children):
            return "wounded"  # "four others were in the hospital with gunshot wounds"
        if current.pos_ in ("VERB", "AUX", "ADJ"):
            for child in current.children:
                if came_from.dep_ == "nsubj" and _acts_on_others(child, kinds):
                    continue  # "officers opened fire and shot the man": they shot him
                # "were killed and wounded", "held hostage", "hold sway over 2 million".
                related = child.dep_ in ("acomp", "conj", "xcomp", "dobj", "oprd", "ccomp")
                if related and child.lemma_.lower() in _HITTING_VERBS:
                    return _hit_kind(child)  # "were found shot to death"
                if related and child.lemma_.lower() in kinds:
                    return kinds[child.lemma_.lower()]  # "left one man dead"
            if current.pos_ == "VERB" or (current.pos_ == "AUX" and came_from.dep_ == "nsubj"):
                # "and four others were in the hospital": a clause of its own, whatever the
                # clause it is joined to says.
                break
    for token in span.doc[span.end : min(len(span.doc), span.end + 3)]:
        # "left four men injured"; but in "fired on 100 people, wounding 13" the wounding has
        # people of its own.
        if token.lemma_.lower() in kinds and not any(c.dep_ == "dobj" for c in token.children):
            return kinds[token.lemma_.lower()]
    return None


_DONE_TO_OTHERS = frozenset({"killed", "wounded", "detained", "kidnapped"})
# Where those who watched an act stood: "in front of", "in the presence of", "in full view of".
_ONLOOKERS_PLACES = frozenset({"front", "presence", "view", "sight"})


def _acts_on_others(verb: Token, kinds: dict[str, str]) -> bool:
    """An active verb of harm with an object other than a harm ("killed a man", "shot the
    man"; not "suffered wounds", nor "fled the shelling"): its subject did the act, and is no
    toll of it."""
    lemma = verb.lemma_.lower()
    harms = lemma in _HITTING_VERBS or kinds.get(lemma) in _DONE_TO_OTHERS
    if not harms or verb.pos_ != "VERB":
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    # (but "one boy accidentally shot himself" is the one hurt, and in "the four people killed
    # Christmas Eve" the parser has taken the day for an object)
    others = (
        c
        for c in verb.children
        if c.dep_ == "dobj" and c.lower_ not in _SELVES and c.ent_type_ not in ("DATE", "TIME")
    )
    return any(c.lemma_.lower() not in kinds for c in others)


def _state_of_the_last_conjunct(noun: Token, kinds: dict[str, str]) -> str | None:
    """ "three other women and a man injured": the state told after the last of the people
    joined is the state of all of them."""
    later = [c for c in noun.conjuncts if c.i > noun.i and c.pos_ in ("NOUN", "PROPN")]
    for conjunct in later[-1:]:
        for child in conjunct.rights:
            if child.dep_ in ("acl", "amod") and child.lemma_.lower() in kinds:
                return kinds[child.lemma_.lower()]
    return None


def _state_told_after(number: Token, kinds: dict[str, str]) -> str | None:
    """ "left one man dead and four seriously wounded": a bare number takes the state written
    right after it, wherever the parser hangs the two ("four" on "left", "wounded" on the
    shooting)."""
    doc = number.doc
    i = number.i + 1
    if i < len(doc) and doc[i].lower_ == "fatally":
        return "killed"  # "shot three officers, one fatally"
    while i < len(doc) and doc[i].pos_ == "ADV":
        i += 1
    if i >= len(doc) or i == number.i + 1 and doc[i].dep_ == "compound":
        return None
    state = doc[i]
    if state.tag_ not in ("VBN", "JJ") or any(c.dep_ == "dobj" for c in state.children):
        return None
    return kinds.get(state.lemma_.lower())


def _with_wounds(token: Token, kinds: dict[str, str]) -> bool:
    if token.dep_ != "prep" or token.lower_ != "with":
        return False
    held = next((c for c in token.children if c.dep_ == "pobj"), None)
    return held is not None and kinds.get(held.lemma_.lower()) == "wounded"


_INJURIES = frozenset({"injury", "wound", "injuries", "wounds"})
_CARRYING_VERBS = frozenset({"send", "take", "rush", "transport", "airlift", "fly", "carry"})


def _sends_to_hospital(verb: Token) -> bool:
    if verb.lemma_.lower() == "treat":
        # "three others are being treated for injuries"
        return any(t.lemma_.lower() in _INJURIES for t in prepositional_objects(verb, ("for",)))
    if verb.lemma_.lower() not in _CARRYING_VERBS:
        return False
    places = (
        grandchild
        for child in verb.children
        if child.dep_ in ("prep", "dative") and child.lower_ == "to"
        for grandchild in child.children
        if grandchild.dep_ == "pobj"
    )
    return any(place.lemma_.lower() in ("hospital", "hospitals") for place in places)


def _is_cumulative(anchor: Token, sentence: SpacySpan) -> bool:
    lowered = sentence.text.lower()
    if any(cue in lowered for cue in _CUMULATIVE_CUES) or _SINCE_A_TIME.search(lowered):
        return True
    if _ROUND_UP.search(lowered):
        return True
    verb = next((t for t in [anchor, *anchor.ancestors] if t.pos_ == "VERB"), None)
    if verb is None:
        return False
    if _THIS_PERIOD.search(lowered) and _present_perfect(verb):
        return True  # "more than 4,230 people have been shot in Chicago this year"
    return caused_by_the_conflict_itself(verb)


# "this year": a tally when the people "have been" shot, not when "two men were shot Sunday in
# the city's 50th shooting this year".
_THIS_PERIOD = re.compile(r"\b(?:this|last) (?:year|month)\b")


def _present_perfect(verb: Token) -> bool:
    return any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBZ") and c.lemma_ == "have"
        for c in verb.children
    )


def caused_by_the_conflict_itself(verb: Token) -> bool:
    """ "grinding warfare has displaced 900,000": a toll of the war as a whole, not one event."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "csubj")), None)
    # (but "a gun battle on the streets of Oakland left eight people wounded" is one event)
    return subject is not None and any(
        t.lemma_.lower() in _CONFLICT_NOUNS
        and not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)
        for t in subject.subtree
    )


# Verbs and nouns that kill or wound the person they act on, for victims told without a number.
_KILLING_WORDS = frozenset(
    {"kill", "murder", "assassinate", "assassination", "killing", "execute", "slay"}
)
# Verbs whose subject died: "Eric Whitaker, 52, died at the scene".
_DYING_WORDS = frozenset({"die"})
_WOUNDING_WORDS = frozenset({"wound", "injure", "hurt"})
# Verbs that hit people, whose toll is wounded or killed as the clause says.
_HITTING_VERBS = frozenset({"shoot", "stab"})
# "shot dead", "fatally shot", "shot and killed": a shooting that killed.
_FATAL_MODIFIERS = frozenset({"dead", "fatally", "death"})
_HITTINGS = frozenset({"shooting", "stabbing"})
_FATAL_WORDS = frozenset({"fatal", "deadly", "mortal"})
# Singular people a report names without a number: "a man was killed", "the mayor was shot".
_PERSON_ROLES = frozenset(
    {
        "mayor",
        "minister",
        "leader",
        "judge",
        "priest",
        "politician",
        "councillor",
        "councilor",
        "governor",
        "commander",
        "teen",
        "teenager",
        "boy",
        "girl",
        "driver",
        "guard",
        "bodyguard",
        "companion",
        "wife",
        "husband",
        "son",
        "daughter",
        "brother",
        "sister",
        "father",
        "mother",
        "lawyer",
        "activist",
        "chief",
        "deputy",
        "senator",
        "official",
        "businessman",
        "farmer",
        "youth",
        "suspect",
        "individual",
        "shooter",
        "girlfriend",
        "boyfriend",
        "fiancee",
        "fiance",
        "cousin",
        "nephew",
        "niece",
        "uncle",
        "aunt",
        "grandmother",
        "grandfather",
        "grandson",
        "granddaughter",
        "stepson",
        "stepdaughter",
        "bailiff",
        "pastor",
        "deacon",
        "clerk",
        "cashier",
        "bouncer",
        "owner",
        "homeowner",
        "roommate",
        "stepfather",
        "stepmother",
        "veteran",
        "rapper",
        "reporter",
        "photographer",
        "accomplice",
        "intruder",
        "robber",
        "burglar",
        "carjacker",
        "tenant",
        "landlord",
        "manager",
        "coworker",
        "classmate",
        "boss",
        "sophomore",
        "freshman",
    }
)
_SINGULAR_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "another"})


def implied_toll(word: Token, knowledge: Knowledge) -> FigureMention | None:
    """The toll of a killing or wounding whose victims the report names one by one instead of
    counting them: "a man was shot dead" (1 killed), "the assassination of Hector Oqueli and his
    companion" (2 killed), "a policeman was wounded" (1 wounded). None when the victims are
    counted in words ("two men": that figure is read as any other) or are no person."""
    kind = _toll_kind(word)
    if kind is None or any(c.dep_ == "neg" for c in word.children):
        return None  # "he was not injured"
    victim = _victim_of(word)
    if victim is None:
        return None
    if victim.lemma_.lower() == "couple" and _has_singular_determiner(victim):
        return _a_couple(kind, victim)  # "killed a young couple"
    named = [p for p in (victim, *victim.conjuncts) if p.pos_ == "PROPN"]
    # "killed Veondus Dennis and Antwan Wheeler", the tagger reading one name as a company's:
    # names listed with a person's are people's.
    listed_names = len(named) > 1 and any(_one_person(p, knowledge) for p in named)
    people = [
        p
        for p in (victim, *victim.conjuncts)
        if _one_person(p, knowledge)
        or (
            p.lower_ in _REFLEXIVES and (kind == "killed" or _by_accident(word) or _in_a_limb(word))
        )
        or (listed_names and p in named and p.ent_type_ in ("PERSON", "ORG", ""))
    ]
    if not people or len(people) < 1 + len(victim.conjuncts):
        return None
    doc = victim.doc
    first = min(t.left_edge.i for t in people)
    last = max(_phrase_end(t) for t in people)
    who = knowledge.figure_who.get(victim.lemma_.lower(), "people")
    # "either his brother or a friend was dead": one of them
    count = 1 if _joined_by_or(people) else len(people)
    figure = _told_count(kind, count, who, doc[first : last + 1])
    # "a man was shot": hit, and perhaps dead of it, as a number of people shot would be; "the
    # other man was shot" is not among the dead already told of
    hit = (
        kind == "wounded"
        and (word.lemma_.lower() in _HITTING_VERBS or struck_by_gunfire(word))
        and not any(t.lower_ in _OTHERS for p in people for t in p.subtree)
    )
    return FigureMention(figure, victim, counts_the_dead=hit)


def _by_accident(verb: Token) -> bool:
    """ "accidentally shot himself in the foot", "accidentally discharged his firearm, shooting
    himself in the leg": the one who fired is the one hurt (a shooting of oneself told without
    "accidentally" may be the end of an attack or a suicide, told as such elsewhere)."""
    told = [verb, verb.head] if verb.dep_ in ("advcl", "conj", "xcomp") else [verb]
    return any(c.dep_ == "advmod" and c.lower_ in _BY_ACCIDENT for v in told for c in v.children)


def _in_a_limb(verb: Token) -> bool:
    """ "a 2-year-old boy shot himself in the leg": a wound told by where it is, no suicide."""
    return any(pobj.lemma_.lower() in _LIMBS for pobj in prepositional_objects(verb, ("in",)))


_LIMBS = frozenset(
    {"leg", "foot", "hand", "arm", "finger", "thigh", "knee", "hip", "ankle", "shoulder", "stomach"}
)


_ONE_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_PRONOUNS = _SELVES | _ONE_PERSON_PRONOUNS
_BY_ACCIDENT = frozenset({"accidentally", "accidently", "unintentionally", "inadvertently"})


def _joined_by_or(group: list[Token]) -> bool:
    return any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for t in group for c in t.children)


def _a_couple(kind: str, couple: Token) -> FigureMention:
    phrase = couple.doc[couple.left_edge.i : couple.i + 1]
    return FigureMention(_told_count(kind, 2, "people", phrase), couple)


def _told_count(kind: str, count: int, who: str, phrase: SpacySpan) -> Figure:
    """An exact count the words tell without a number: "a man and a woman", "a double
    shooting"."""
    return Figure(
        kind=kind,
        low=count,
        best=count,
        high=count,
        approximate=False,
        who=who,
        span=Span(phrase.start_char, phrase.end_char, phrase.text),
    )


def _victim_of(word: Token) -> Token | None:
    """Whom a killing or wounding word acts on: "the murder of X", "killed X", "X was killed",
    and through "was shot and killed" the subject of the passive verb it is joined to; whom
    "dead" describes ("left a boy dead", "found the girl dead", "was found dead")."""
    if _dead_taken_for_the_day(word):
        # "left a man and woman dead Thursday", where the parser takes the dead for the day
        return next((c for c in word.head.head.children if c.dep_ == "dobj"), None)
    if word.lower_ == "dead" and word.dep_ == "amod" and word.i > word.head.i:
        return word.head  # "left a boy dead", the parser hanging "dead" on the boy
    if word.lower_ == "dead" and word.pos_ == "ADJ" and word.dep_ in ("oprd", "ccomp", "acomp"):
        own = next((c for c in word.children if c.dep_ == "nsubj"), None)
        head = word.head
        # "left a boy dead", "was found dead", and with a copula "the boy was dead"
        roles = ("dobj", "nsubjpass", "nsubj") if word.dep_ == "acomp" else ("dobj", "nsubjpass")
        return own or next((c for c in head.children if c.dep_ in roles), None)
    reduced = not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in word.children)
    if word.dep_ == "acl" and word.tag_ == "VBN" and word.head.pos_ == "NOUN" and reduced:
        return word.head  # "identified the baby killed in a shooting"
    if word.lemma_.lower() == "claim":
        # "a shooting that claimed the lives of his mother and a man"
        lives = next((c for c in word.children if c.dep_ == "dobj"), None)
        word = lives if lives is not None else word
    if word.lemma_.lower() in _INJURIES and word.pos_ == "NOUN":
        return _sufferer(word)
    if word.pos_ == "NOUN":
        of = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if word.lemma_.lower() in _DYING_WORDS:
        subject = next((c for c in word.children if c.dep_ == "nsubj"), None)
        return _antecedent(subject, word) if subject is not None else None
    own_subject = any(c.dep_ in _SUBJECTS for c in word.children)
    elided = not any(c.dep_ in ("aux", "auxpass") for c in word.children)
    objectless = not any(c.dep_ == "dobj" for c in word.children)
    if word.dep_ == "conj" and word.head.lemma_ == "leave" and elided and objectless:
        # "left a boy dead and a woman wounded", the woman read as the subject of "wounded"
        return next((c for c in word.children if c.dep_ == "nsubj"), None)
    if word.dep_ == "conj" and word.tag_ == "VBN" and elided:
        # "one was killed and another wounded": the passive's "was" is left out.
        subject = next((c for c in word.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    if word.dep_ in ("xcomp", "oprd") and not own_subject and objectless:
        # "a man was found shot to death", "found the woman stabbed"
        return next((c for c in word.head.children if c.dep_ in ("nsubjpass", "dobj")), None)
    for verb in (word, word.head) if word.dep_ == "conj" and not own_subject else (word,):
        victim = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
        if victim is not None:
            return _antecedent(victim, verb)
    return None


def _antecedent(victim: Token, verb: Token) -> Token:
    """ "identified a man who was killed": the man, whom the relative pronoun stands for."""
    if verb.dep_ == "relcl" and victim.lower_ in _RELATIVE_PRONOUNS:
        return verb.head
    return victim


_RELATIVE_PRONOUNS = frozenset({"who", "that", "whom"})


def _sufferer(wound: Token) -> Token | None:
    """Who suffered the wounds: "two men suffered gunshot wounds", "found her suffering from
    gunshot wounds", "a boy who sustained injuries"."""
    verb = wound.head
    if wound.dep_ == "pobj" and verb.lower_ in ("from", "with"):
        verb = verb.head
    elif wound.dep_ != "dobj":
        return None
    if verb.lemma_.lower() not in UNDERGOING_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        return _antecedent(subject, verb)
    if verb.dep_ == "conj":
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if verb.dep_ == "acl":
        return verb.head  # "a man suffering from gunshot wounds"
    if verb.dep_ == "advcl":
        return next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    return None


# "a double shooting", "a quadruple homicide": how many the attack hit, in one word.
_MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
_KILLINGS = frozenset({"homicide", "murder", "killing", "slaying"})


def _multiple_toll(word: Token) -> FigureMention | None:
    """ "a triple shooting" hit three people, the dead among them until the report tells how
    many died; "a double homicide" killed two."""
    count = _MULTIPLES.get(word.lower_)
    if count is None or word.i + 1 >= len(word.doc):
        return None
    # The word after, as the parser may take "quadruple" for the noun and "shooting" for its
    # modifier.
    attack = word.doc[word.i + 1]
    name = attack.lemma_.lower()
    if name in _KILLINGS or (
        name in _HITTINGS and any(c.lower_ in _FATAL_WORDS for c in attack.children)
    ):
        kind = "killed"  # "a double homicide", "a fatal triple shooting"
    elif name in _HITTINGS:
        kind = "wounded"
    else:
        return None
    figure = _told_count(kind, count, "people", word.doc[word.i : attack.i + 1])
    return FigureMention(figure, attack, counts_the_dead=kind == "wounded")


def _dead_taken_for_the_day(word: Token) -> bool:
    return (
        word.lower_ == "dead"
        and word.dep_ == "amod"
        and word.head.ent_type_ in ("DATE", "TIME")
        and word.head.head.pos_ == "VERB"
    )


def _toll_kind(trigger: Token) -> str | None:
    lemma = trigger.lemma_.lower()
    if lemma in _KILLING_WORDS or (lemma in _DYING_WORDS and trigger.pos_ == "VERB"):
        return "killed"
    if lemma == "claim" and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in trigger.children
    ):
        return "killed"  # "claimed the lives of"
    if lemma == "gun" and any(c.dep_ == "prt" and c.lower_ == "down" for c in trigger.children):
        return "killed"  # "was gunned down"
    if trigger.lower_ == "dead" or (lemma == "death" and trigger.pos_ == "NOUN"):
        return "killed"  # "left a boy dead", "the shooting death of a Houston man"
    if (lemma in _HITTING_VERBS and trigger.pos_ == "VERB") or struck_by_gunfire(trigger):
        return _hit_kind(trigger)
    if trigger.lower_ in _HITTINGS and any(c.lower_ in _FATAL_WORDS for c in trigger.children):
        return "killed"  # "the fatal shooting of a 15-year-old girl"
    if lemma in _INJURIES and (
        any(c.lower_ in _FATAL_WORDS for c in trigger.children)
        or any(_died_of_it(t) for t in trigger.head.conjuncts)
    ):
        return "killed"  # "suffered fatal gunshot wounds", "suffered a wound and later died"
    if lemma in _WOUNDING_WORDS and _fatally(trigger):
        return "killed"  # "fatally wounded a 17-year-old boy"
    if lemma in _WOUNDING_WORDS or lemma in _INJURIES:
        return "wounded"
    return None


def _fatally(verb: Token) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally") for c in verb.children)


def _hit_kind(verb: Token) -> str | None:
    """People shot or stabbed are wounded unless the clause says they died ("shot dead", "shot
    and killed", "fatally stabbed"); "shot at" hit no one."""
    # "shot three officers, one fatally": only the one died
    related = [
        t
        for t in (*verb.children, *verb.conjuncts)
        if not (t.lower_ == "fatally" and t.i > 0 and t.doc[t.i - 1].like_num)
    ]
    # "shot the man dead", where the parser hangs "dead" on the man
    related += [
        d for c in verb.children if c.dep_ == "dobj" for d in c.rights if d.lower_ == "dead"
    ]
    related += [
        o for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children
    ]
    if any(t.lower_ in _FATAL_MODIFIERS or _kills_the_same(t, verb) for t in related):
        return "killed"  # "shot dead", "shot and killed", "shot to death", "fatally shot"
    if any(_died_of_it(t) for t in verb.conjuncts):
        return "killed"  # "was shot and died at the hospital", "one of five shot has died"
    governing = next((t for t in verb.ancestors if t.pos_ == "VERB"), None)
    dying = governing is not None and governing.lemma_.lower() in _DYING_WORDS
    # (but in "a man died after he and four others were shot" the four did not)
    one = all(
        c.lower_ in _PRONOUNS and not c.conjuncts
        for c in verb.children
        if c.dep_ in ("dobj", "nsubjpass")
    )
    if verb.dep_ in ("advcl", "pcomp") and dying and one:
        return "killed"  # "a man died after accidentally shooting himself"
    if any(_fired_at(c, verb) for c in verb.children):
        return None
    return "wounded"


def _kills_the_same(token: Token, verb: Token) -> bool:
    """ "shot and killed the man": the same people; "shooting four people and killing one of
    them", each verb with an object (or a subject) of its own, kills only its own."""
    if token.lemma_ != "kill":
        return False
    if all(any(c.dep_ in _SUBJECTS for c in v.children) for v in (token, verb)):
        return False  # "a man was killed and two others were shot": two clauses, two tolls
    joined = token.head.i == verb.i or verb.head.i == token.i
    if not joined and any(c.dep_ in _SUBJECTS for c in verb.children):
        # "a man was shot and killed, and the other man was shot": the killing is joined to
        # the first man's shooting, not to this one
        return False
    return not all(any(c.dep_ == "dobj" for c in v.children) for v in (token, verb))


def _died_of_it(token: Token) -> bool:
    """A death joined to the shooting with no subject of its own: the one shot died."""
    return token.lemma_ in _DYING_WORDS and not any(c.dep_ in _SUBJECTS for c in token.children)


def _fired_at(child: Token, verb: Token) -> bool:
    """ "shot at the car", "they were shot at": fired at, not hit; but "were shot at a home" says
    where the shot hit them."""
    if child.dep_ != "prep" or child.lower_ != "at" or child.i != verb.i + 1:
        return False
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    return not passive or not any(c.dep_ == "pobj" for c in child.children)


def _without_the_dead(found: list[FigureMention]) -> list[FigureMention]:
    """ "Four people were shot, one fatally": the four hit include the one who died, so the
    wounded are three."""
    # "The boy who was shot ... has died": one person, hit and then dead.
    dead_ones = {f.anchor.i for f in found if f.figure.kind == "killed"}
    found = [f for f in found if f.figure.kind != "wounded" or f.anchor.i not in dead_ones]
    result = list(found)
    for index, hit in enumerate(result):
        if hit.figure.kind != "wounded":
            continue
        verb = hit.anchor.head
        hitting = verb.lemma_.lower() in _HITTING_VERBS
        dead = [
            f.figure.best
            for f in found
            if f.figure.kind == "killed"
            and f.figure.best
            and ((hitting and f.anchor.head.i == verb.i) or _part_of(f.figure, hit.figure))
        ]
        if dead:
            result[index] = FigureMention(_less(hit.figure, sum(dead)), hit.anchor)
    return result


def without_the_event_dead(figures: list[FigureMention]) -> list[FigureMention]:
    """ "Seven people were shot" in one sentence and "two were killed" in another: the event's
    wounded are five. Only a count of everyone hit that exceeds the event's toll is reduced; a
    count no larger could as well be of the dead alone, and is of them when it tells again of
    one already told of ("A boy was shot to death ... The boy was shot in the back")."""
    toll = max(
        (
            f.figure.best
            for f in figures
            if f.figure.kind == "killed"
            and f.figure.scope == "event"
            and f.figure.best
            # "shot two children ... before killing himself": he was not among those shot
            and f.anchor.lower_ not in _REFLEXIVES
        ),
        default=0,
    )
    # "A 15-year-old was killed after accidentally shooting himself": the one who shot
    # himself by accident is the one who died, when the event has a death at all.
    died = any(f.figure.kind == "killed" and f.figure.best for f in figures)
    return [
        replace(f, figure=_less(f.figure, toll), counts_the_dead=False)
        if toll and f.counts_the_dead and f.figure.best is not None and f.figure.best > toll
        else f
        for f in figures
        if not (died and f.figure.kind == "wounded" and f.anchor.lower_ in _REFLEXIVES)
        and not (
            toll
            and f.counts_the_dead
            and f.figure.best is not None
            and f.figure.best <= toll
            and _told_of_before(f.anchor)
        )
    ]


def _told_of_before(anchor: Token) -> bool:
    """ "the boy", "he", "all four people", "both men": ones the report has told of already."""
    if anchor.lower_ in _ONE_PERSON_PRONOUNS:
        return True
    return any(
        c.dep_ in ("det", "predet") and c.lower_ in ("the", "this", "that", "all", "both")
        for c in anchor.children
    )


def _part_of(part: Figure, whole: Figure) -> bool:
    """ "One of four women wounded ... has died": the one is among the four."""
    return (
        part.span.end < whole.span.start <= part.span.end + 4 and part.span.text != whole.span.text
    )


def _less(figure: Figure, count: int) -> Figure:
    def minus(value: int | None) -> int | None:
        return None if value is None else max(value - count, 0)

    return replace(figure, low=minus(figure.low), best=minus(figure.best), high=minus(figure.high))


def _one_person(token: Token, knowledge: Knowledge) -> bool:
    if any(c.dep_ == "nummod" for c in token.children) or token.like_num:
        return False  # counted: the number is a figure of its own
    if token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
        return True
    if token.pos_ == "PROPN" and any(
        _age_set_off(c) or c.dep_ == "amod" and is_age(c) for c in token.children
    ):
        # "Autumn Burkhart, 17, died", "killed 2-year-old Nova Gallman": a name the tagger
        # did not read as one
        return True
    if token.lower_ in _ONE_PERSON_PRONOUNS:
        return True
    if token.lower_ == "another" and token.pos_ == "PRON":
        return True  # "one person was killed and another wounded"
    if is_age(token) and _has_singular_determiner(token):
        return True  # "the shooting death of a 15-year-old"
    if token.tag_ != "NN" or any(c.lower_ in _UNHARMED for c in token.children):
        return False  # "the four dead women and the unharmed child"
    lemma = token.lemma_.lower()
    if lemma not in knowledge.figure_who and lemma not in _PERSON_ROLES:
        return False
    if lemma in ("people", "family", "other", "member"):
        return False
    # "a boy", "his son"; "15-year-old girl", whose age says she is one.
    return _has_singular_determiner(token) or any(
        c.dep_ == "amod" and is_age(c) for c in token.children
    )


def _age_set_off(token: Token) -> bool:
    """ "Burkhart, 17,": an age in commas after a name (or at the sentence's end)."""
    if token.dep_ != "appos" or not token.text.isdigit() or not 0 < int(token.text) < 110:
        return False
    doc = token.doc
    closed = token.i + 1 == len(doc) or doc[token.i + 1].text in (",", ".", ";")
    return doc[token.i - 1].text == "," and closed


def _ages_in_apposition(number: Token) -> bool:
    """ "Two teenagers, one 16 and the other 17, were injured": the ages of those counted."""
    first = number
    while first.dep_ == "conj":
        first = first.head
    return (
        first.dep_ == "appos"
        and first.like_num
        and first.head.pos_ in ("NOUN", "PROPN")
        and first.head.i < first.i
        and number.text.isdigit()
        and 0 < int(number.text) < 110
    )


_UNHARMED = frozenset({"unharmed", "unhurt", "uninjured", "unscathed"})


def _has_singular_determiner(token: Token) -> bool:
    if token.dep_ == "conj" and not any(c.dep_ in ("det", "poss") for c in token.children):
        # "a man and woman": the article of the first is the second's too.
        return token.head.tag_ == "NN" and _has_singular_determiner(token.head)
    return any(
        c.dep_ in ("det", "poss") and (c.dep_ == "poss" or c.lower_ in _SINGULAR_DETERMINERS)
        for c in token.children
    )


def _phrase_end(token: Token) -> int:
    """The last token of a person's phrase, appositions and relative clauses left out."""
    end = token.i
    for child in token.rights:
        if child.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "prep"):
            break
        end = child.right_edge.i
    return end
