"""When an event happened: the date phrase of its own clause, else a day the report names for it
nearby, and the last resorts for an event nothing dates.

A day hung on a statement ("police said Tuesday") or on what followed the event (an arrest for
it, a court hearing, a vigil) is not its day; a day of an act it is told under by "after"
("died Friday after a shooting") comes only last. Nothing falls back silently on the day of
publication: an event nothing dates keeps the week before it, with precision 3 (coding.events);
only an hour the report tells with no day ("It happened just after 2 a.m.") dates the report's
main event by its day of publication, and the date's span shows the hour it was read from.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from warmonitor.coding.syntax import (
    AFTERMATH_VERBS,
    REPORTING_VERBS,
    clause_owner,
    entities_in,
    sentences_around,
    span_of,
)
from warmonitor.model import EventDate
from warmonitor.nlp.dates import (
    days_from_a_told_day,
    hour_of_day,
    names_a_calendar_day,
    names_a_feast,
    resolve_date,
)

# How many sentences back an event whose sentence names no day looks for one: a lead dates an
# incident once, then the sentences after it go on telling it.
_LOOKBACK_SENTENCES = 3


def first_day_of_report(anchor: Token, published: dt.date | None) -> EventDate | None:
    """For the main violent event of a report, when nothing near it dates it, the first day
    the report names for any act but a statement or an aftermath: a local report leads with
    one attack and dates it once, often far from where it first tells it ("Police are
    investigating a shooting at a park. ... It began around 9:15 p.m. on Sunday")."""
    for sentence in anchor.doc.sents:
        day = _day_named(sentence, published, anchor)
        if day is not None:
            return day
    return None


# An hour up to this one, told with no day, is of the morning the report was published; later
# ones may be of the evening before.
_LAST_MORNING_HOUR = 12


def day_of_the_hour_told(anchor: Token, published: dt.date | None) -> EventDate | None:
    """For the main violent event of a report that names no day for it, the hour it tells
    ("It happened around 5:15 a.m.", "just before noon"): breaking local news gives the hour
    and leaves out the day when the day is the day of the report. A morning hour is that day;
    a later one that day or the evening before, precision 2."""
    if published is None:
        return None
    sentences, here = sentences_around(anchor)
    for sentence in sentences[here : here + 1 + _LOOKAHEAD_SENTENCES]:
        for ent in entities_in(sentence):
            if ent.label_ != "TIME" or _is_stamp(ent) or resolve_date(ent.text, published):
                continue
            if _dates_another_act(ent.root, told_as_noun=True):
                continue
            hour = hour_of_day(ent.text)
            if hour is None:
                continue
            if hour <= _LAST_MORNING_HOUR:
                return EventDate(published, published, 1, span_of(ent))
            return EventDate(published - dt.timedelta(days=1), published, 2, span_of(ent))
    return None


def day_of_what_followed(anchor: Token, published: dt.date | None) -> EventDate | None:
    """Last, the day of what followed the event in its sentence ("died Friday after a
    shooting"): the event was that day or shortly before, and often the same day."""
    for ent in entities_in(anchor.sent):
        if not _names_a_time(ent) or not _dates_what_followed(ent.root, anchor):
            continue
        if _dates_another_act(ent.root, told_as_noun=False):
            continue  # a court hearing or a statement is never the day of the attack
        resolved = resolve_date(ent.text, published)
        if resolved is not None and resolved.precision == 1:
            return EventDate(resolved.start, resolved.end, resolved.precision, span_of(ent))
    return None


def date_in_clause(
    anchor: Token, owners: dict[int, Token], published: dt.date | None
) -> EventDate | None:
    """The date the event's own clause names. ``owners`` maps each trigger of the sentence to
    the word carrying its clause, so that one event's date is not another's."""
    own: list[EventDate] = []
    shared: list[EventDate] = []
    unowned: list[EventDate] = []
    # "the shooting death of a boy Sunday": the phrase a noun trigger qualifies is its own.
    phrase = {anchor.i, anchor.head.i} if anchor.dep_ in ("amod", "compound") else {anchor.i}
    harm = _harm_verb_over(anchor)
    for ent in entities_in(anchor.sent):
        if not _names_a_time(ent) or _is_stamp(ent):
            continue
        owner = clause_owner(ent.root, owners)
        if owner is None and harm is not None and ent.root.head.i == harm.i:
            # "the 2-year-old who died of a gunshot wound last Saturday"
            date = _resolved(ent, published)
            if date is not None:
                own.append(date)
            continue
        if owner is not None and owners[owner].i != anchor.i and owner != anchor.i:
            if not _at_one_time(owners[owner], anchor):
                continue
            date = _resolved(ent, published)
            if date is not None:
                shared.append(date)
            continue
        if (
            owner is None
            and accused_of(anchor)
            and not _on_the_act(ent, anchor)
            and not _a_calendar_day_after_the_act(ent, anchor)
        ):
            continue  # "a man accused of shooting two people was still on the run Thursday"
        if _ends_the_clause(ent, anchor) or _a_calendar_day_after_the_act(ent, anchor):
            owner = anchor.i
        elif owner is None and (
            _dates_another_act(ent.root, told_as_noun=anchor.pos_ == "NOUN")
            or _dates_what_followed(ent.root, anchor)
        ):
            continue  # "police said on Friday": when it was said, not when it happened
        elif owner is not None and _dates_a_statement_about(ent.root, anchor):
            continue
        date = _resolved(ent, published)
        if date is not None:
            in_phrase = any(t.i in phrase for t in (ent.root, *ent.root.ancestors))
            (unowned if owner is None and not in_phrase else own).append(date)
    # "Police were searching Monday for a suspect in the shooting of a boy Sunday afternoon":
    # a date in the event's own phrase first.
    return next(iter(own + shared + unowned), None)


# "accused of shooting", "suspected of killing", "charged with murdering", "wanted for".
_ACCUSING_WORDS = frozenset({"accuse", "suspect", "charge", "want", "convict", "indict"})


def accused_of(anchor: Token) -> bool:
    """The act is what someone is accused, suspected or convicted of: told in passing, in a
    clause whose days are the accusation's, the arrest's or the manhunt's."""
    preposition = anchor.head
    return (
        anchor.dep_ in ("pcomp", "pobj")
        and preposition.lower_ in ("of", "with", "for")
        and preposition.head.lemma_.lower() in _ACCUSING_WORDS
    )


def _on_the_act(ent: SpacySpan, anchor: Token) -> bool:
    return any(t.i == anchor.i for t in ent.root.ancestors)


def _a_calendar_day_after_the_act(ent: SpacySpan, anchor: Token) -> bool:
    """ "charged ... for the shooting at a housing project in Bridgeport on June 11": a date
    told by its day of the month after the act's word, with only the places of the act between
    them, is the act's, wherever the parser hangs it. A charge or an arrest is news of the last
    few days, told by its weekday."""
    between = anchor.doc[anchor.i + 1 : ent.start]
    return (
        anchor.pos_ == "NOUN"
        and 0 < len(between) <= _MOST_WORDS_BETWEEN
        and between[-1].lower_ == "on"
        and not any(t.pos_ in _CLAUSE_WORDS or t.ent_type_ in ("DATE", "TIME") for t in between)
        and names_a_calendar_day(ent.text)
    )


_MOST_WORDS_BETWEEN = 12
# Words that open or carry another clause, whose day the date could be.
_CLAUSE_WORDS = frozenset({"VERB", "AUX", "PRON", "SCONJ"})


# Verbs telling the harm a noun trigger under them did: "died of a gunshot wound", "was
# killed in a shooting".
_VERBS_OF_HARM = frozenset({"die", "kill", "wound", "injure", "hurt", "shoot", "succumb"})


def _harm_verb_over(anchor: Token) -> Token | None:
    preposition = anchor.head
    if anchor.dep_ != "pobj" or preposition.dep_ != "prep":
        return None
    verb = preposition.head
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in _VERBS_OF_HARM else None


# What opens a clause told as happening while another did: "was shot when an officer's weapon
# discharged as she was attempting to arrest him Friday morning".
_WHILE = {"when", "as", "while"}


def _at_one_time(clause: Token, anchor: Token) -> bool:
    """Whether another act's clause happened with the event, so that its day is the event's:
    a verb joined to the event's ("were shot and killed Friday"), or one told in a clause of
    the other's opened by "when", "as" or "while", either way round."""
    if (clause.dep_ == "conj" and clause.head.i == anchor.i) or (
        anchor.dep_ == "conj" and anchor.head.i == clause.i
    ):
        return True
    return _while_under(clause, anchor) or _while_under(anchor, clause)


def _while_under(inner: Token, outer: Token) -> bool:
    """``inner`` hangs on ``outer`` through verb clauses only, one of them opened by a word
    of ``_WHILE``."""
    node, opened = inner, False
    while node.i != outer.i:
        if node.dep_ not in ("advcl", "xcomp", "conj") or node.head.i == node.i:
            return False
        if node.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _WHILE for c in node.children
        ):
            opened = True
        node = node.head
    return opened


def _ends_the_clause(ent: SpacySpan, anchor: Token) -> bool:
    """ "Two men who were shot in Hollywood Friday night have been identified": a date right
    after a relative clause and before the verb it is parsed under ends the relative clause; a
    date told before its own verb is rare."""
    if anchor.dep_ not in ("relcl", "acl") or ent.root.head.i < ent.end:
        return False
    return ent.start == anchor.right_edge.i + 1


def _dates_a_statement_about(token: Token, anchor: Token) -> bool:
    """ "A man was shot to death ..., police said today": the parser may hang the statement on
    the event it tells; its day is still the statement's."""
    verb = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return (
        verb is not None
        and verb.i != anchor.i
        and verb.lemma_ in REPORTING_VERBS
        and not (_said_now(verb, token) or _violence_heard(verb))
    )


_LATER_MARKS = {"after", "following", "since"}
# Answering a report of the act: police called or sent "after a report of shots fired" came
# the day it was made.
_ANSWERING_VERBS = {"call", "dispatch", "respond", "summon"}


def _dates_what_followed(token: Token, anchor: Token) -> bool:
    """The date hangs on a verb the event is told under by "after" or "following": "a deputy
    died Friday after a shooting", "a search continued Monday following a shooting"."""
    verb = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.lemma_ in _ANSWERING_VERBS:
        return False
    path: list[Token] = []
    for node in [anchor, *anchor.ancestors]:
        if node.i == verb.i:
            return any(
                n.lower_ in _LATER_MARKS
                or any(c.dep_ == "mark" and c.lower_ in _LATER_MARKS for c in n.children)
                for n in path
            )
        path.append(node)
    return False


def _date_before(anchor: Token, published: dt.date | None) -> EventDate | None:
    """For an event whose sentence names no date, the day named by the closest sentence before
    it that names one ("A man was shot dead on Friday night. Police said two men ran away"):
    reports date an incident once, then tell it. Only a day counts, never the day of a
    statement; the date's span shows where it was read."""
    sentences, here = sentences_around(anchor)
    for sentence in reversed(sentences[max(0, here - _LOOKBACK_SENTENCES) : here]):
        day = _day_named(sentence, published, anchor)
        if day is not None:
            return day
    return None


# How many sentences after an undated event a day named for it may come: a lead often tells
# what happened and the next sentence when ("A man was killed in a shooting in Trenton. It
# happened about 10 p.m. Saturday").
_LOOKAHEAD_SENTENCES = 2


def date_after(anchor: Token, published: dt.date | None) -> EventDate | None:
    """For an event nothing before it dates, the day named by the closest of the next
    sentences, on the same terms as ``_date_before``."""
    sentences, here = sentences_around(anchor)
    for sentence in sentences[here + 1 : here + 1 + _LOOKAHEAD_SENTENCES]:
        day = _day_named(sentence, published, anchor)
        if day is not None:
            return day
    return None


def _day_named(
    sentence: SpacySpan, published: dt.date | None, anchor: Token | None = None
) -> EventDate | None:
    for ent in entities_in(sentence):
        if not _names_a_time(ent) or _is_stamp(ent):
            continue
        if _dates_another_act(ent.root, told_as_noun=True):
            continue
        if anchor is not None and _dates_what_followed(ent.root, anchor):
            continue
        date = _resolved(ent, published)
        if date is not None and date.precision == 1:
            return date
    return None


def _resolved(ent: SpacySpan, published: dt.date | None) -> EventDate | None:
    """The date a phrase names, read against the day of publication, or for a day told from
    another ("five people were shot the day before", "later that night") against the last day
    the report named before it."""
    resolved = resolve_date(ent.text, published)
    if resolved is not None:
        return EventDate(resolved.start, resolved.end, resolved.precision, span_of(ent))
    shift = days_from_a_told_day(ent.text)
    if shift is None:
        return None
    told = _last_day_told_before(ent, published)
    if told is None:
        return None
    day = told + dt.timedelta(days=shift)
    return EventDate(day, day, 1, span_of(ent))


def _last_day_told_before(ent: SpacySpan, published: dt.date | None) -> dt.date | None:
    sentences, here = sentences_around(ent.root)
    for sentence in reversed(sentences[max(0, here - _LOOKBACK_SENTENCES) : here + 1]):
        for earlier in reversed(entities_in(sentence)):
            if earlier.start >= ent.start or not _names_a_time(earlier) or _is_stamp(earlier):
                continue
            resolved = resolve_date(earlier.text, published)
            if resolved is not None and resolved.precision == 1:
                return resolved.start
    return None


def _names_a_time(ent: SpacySpan) -> bool:
    """A date ("Friday"), a time ("Monday night") or a feast ("New Year's Eve", an EVENT); but
    not a feast that names a gathering ("a private Christmas party", "the Halloween parade"),
    which is held on a day near it as often as on it."""
    feast = names_a_feast(ent.text)
    if not (ent.label_ in ("DATE", "TIME") or (ent.label_ == "EVENT" and feast)):
        return False
    root = ent.root
    return not (
        feast
        and root.dep_ in ("compound", "nmod", "amod")
        and root.head.lemma_.lower() in _GATHERINGS
    )


# What a feast's name may open without dating it.
_GATHERINGS = frozenset(
    {"party", "parade", "dinner", "celebration", "gathering", "concert", "market", "show"}
)


_STAMP_BEFORE = re.compile(
    r"(?:posted|updated?|published|created|last modified)\W*(?:on|at)?\W*"
    r"(?:\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*)?$",
    re.I,
)
_CLOCK_AFTER = re.compile(r"^\W*(?:at\s+)?\d{1,2}:\d{2}")
# A clock and its zone just before a dated day, as pages stamp: "16:01 GMT, 16 December 2014".
_CLOCK_BEFORE = re.compile(r"\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4})?\W*$")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")


def _is_stamp(ent: SpacySpan) -> bool:
    """ "Posted: Monday, August 11, 2014 9:34 AM EDT": when a page was posted, not when
    anything it reports happened."""
    doc = ent.doc  # its text is rebuilt on every access: read only the tokens around
    before = doc[max(0, ent.start - 4) : ent.start].text
    after = doc[ent.end : ent.end + 4].text
    dated = _YEAR.search(ent.text) is not None
    clocked = (
        _CLOCK.search(ent.text) is not None
        or _CLOCK_AFTER.match(after) is not None
        or _CLOCK_BEFORE.search(before) is not None
    )
    return bool(_STAMP_BEFORE.search(before)) or (dated and clocked)


def date_near(date: EventDate | None, anchor: Token, published: dt.date | None) -> EventDate | None:
    """The event's own date, or the day named just before it when it names none; a span of
    days ("over the weekend", "earlier this year") becomes the day named just before when that
    day falls inside it ("On Sunday, ... A girl was shot over the weekend")."""
    if date is not None and date.precision == 1:
        return date
    # "one man was killed when a gunman opened fire Friday night": the day of another clause of
    # the sentence, else of the sentences before.
    # (the days of a sentence about what someone is accused of are the accusation's)
    told_here = None if accused_of(anchor) else _day_named(anchor.sent, published, anchor)
    day = told_here or _date_before(anchor, published)
    if date is None:
        return day
    inside = day is not None and date.start is not None and date.end is not None
    return day if inside and date.start <= day.start <= date.end else date


def narrows(date: EventDate | None, day: EventDate) -> bool:
    """Whether ``day`` may stand for ``date``: nothing read dates the event, or the day is more
    precise and inside it ("killed last week ... The Dec. 15 death of ...")."""
    if date is None or date.span is None:
        return True
    if day.precision >= date.precision or date.start is None or date.end is None:
        return False
    return day.start is not None and date.start <= day.start <= date.end


def _dates_another_act(token: Token, *, told_as_noun: bool) -> bool:
    """The date phrase hangs on a reporting verb ("said on Tuesday") or on what followed the
    event ("was arraigned Monday"), not on the event's own verb. An arrest dates an event told
    by a noun ("arrested Monday in the fatal shooting of a boy"), or in another sentence, as
    its aftermath; an arrest told with the act itself is mostly made the same day ("arrested
    Sunday after he shot himself")."""
    verb = next((t for t in token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or _in_a_violent_noun_phrase(token, verb):
        return False
    aftermath = verb.lemma_ in AFTERMATH_VERBS or (told_as_noun and verb.lemma_ == "arrest")
    if aftermath:
        return True
    if verb.lemma_ not in REPORTING_VERBS:
        return False
    return not (_said_now(verb, token) or _violence_heard(verb))


_NOW = {"today", "tonight", "now"}


def _said_now(verb: Token, token: Token) -> bool:
    """ "On Sunday, police say the man shot his fiancee": what is said now cannot be dated
    Sunday; the past day belongs to what is told."""
    return verb.tag_ in ("VBP", "VBZ") and token.lower_ not in _NOW


# What "was reported" or "heard" at a time is the violence itself when people heard it or
# called it in: "Gunfire was reported outside the school on Friday".
_SOUNDS_OF_VIOLENCE = {"gunfire", "gunshot", "shot", "shooting", "stabbing", "explosion", "blast"}


def _violence_heard(verb: Token) -> bool:
    if verb.lemma_ not in ("report", "hear"):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
        subject = verb.head  # "a shooting which was reported to us on 12/23/16"
    return subject is not None and subject.lemma_.lower() in _SOUNDS_OF_VIOLENCE


_VIOLENT_NOUNS = _SOUNDS_OF_VIOLENCE | {"death", "killing", "slaying", "murder", "homicide"}


def _in_a_violent_noun_phrase(token: Token, verb: Token) -> bool:
    """ "The Dec. 15 death of a woman was ruled a homicide": the day dates the death its phrase
    names, not the ruling the phrase is the subject of."""
    for node in token.ancestors:
        if node.i == verb.i:
            return False
        if node.pos_ == "NOUN" and node.lemma_.lower() in _VIOLENT_NOUNS:
            return True
    return False


def is_background(date: EventDate | None, published: dt.date | None) -> bool:
    """ "the group seized the city in 2014": history told as background, not a new event."""
    if date is None or date.end is None or published is None:
        return False
    return (published - date.end).days > 365
