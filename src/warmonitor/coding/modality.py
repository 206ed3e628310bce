"""Did it happen? The modality of an event mention, read from the words that govern its trigger.

Only asserted and claimed mentions become events. "it could take four to five days to capture"
is a forecast, "trying to oust it" an intention, "the capture of the city would mark" a
hypothetical, "denied carrying out" a negation, "seized the city in 2014" history.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from warmonitor.coding.syntax import REPORTING_VERBS

_FUTURE_AUX = {"will", "shall", "'ll"}
_HYPOTHETICAL_AUX = {"would", "could", "may", "might", "should", "must", "can", "'d"}
# Verbs that put the clause they govern into the future or the realm of intent.
_INTENT_HEADS = {
    "try",
    "attempt",
    "seek",
    "aim",
    "plan",
    "intend",
    "want",
    "vow",
    "threaten",
    "prepare",
    "hope",
    "expect",
    "pledge",
    "promise",
    "need",
    "push",
    "struggle",
    "fight",
    "work",
    "move",
    "order",
    "urge",
    "call",
    "propose",
    "consider",
    "set",
    "take",
}
_FUTURE_HEADS = {"expect", "set", "plan", "prepare", "take"}
# "likely to be arrested": a guess, however the clause is built.
_LIKELIHOOD_WORDS = {"likely", "unlikely", "expected", "due"}
# Verbs whose clause is what someone wants done, not what was done: "demanded Kodnani be
# arrested", "wants Modi booked under POTA".
_WISH_HEADS = {"demand", "want", "urge", "ask", "insist", "wish", "seek", "order", "call"}
_NEGATING_HEADS = {"deny", "reject", "dismiss", "refute", "fail"}
# A clause these open states a fact whatever the main clause does: "the capture would end the
# caliphate, although the group still controls territory" asserts the control.
_FACTUAL_MARKS = {"although", "though", "whereas", "because"}
# So does a clause in the past these open: "no one will be charged after a boy was shot"
# tells the shooting as done ("after the army takes the city" does not).
_PAST_MARKS = {"after", "since", "when", "as"}
_CLIMB = {
    "xcomp",
    "ccomp",
    "advcl",
    "conj",
    "pcomp",
    "pobj",
    "prep",
    "dobj",
    "nsubj",
    "nsubjpass",
    "attr",
    "acomp",
    "relcl",
    "acl",
    "csubj",
    "oprd",
}


def read_modality(trigger: Token, *, claimed: bool) -> str:
    """One of model.MODALITIES for the mention whose trigger is ``trigger``."""
    if any(child.dep_ == "neg" for child in trigger.children):
        return "negated"
    infinitive = _is_infinitive(trigger)
    previous = current = trigger
    for _ in range(8):
        auxiliaries = {c.lower_ for c in current.children if c.dep_ in ("aux", "auxpass")}
        if (
            current.i != trigger.i
            and any(c.dep_ == "neg" for c in current.children)
            and (current.pos_ in ("VERB", "AUX"))
        ):
            return "negated"
        if auxiliaries & _FUTURE_AUX or _is_going_to(current):
            return "future"
        if auxiliaries & _HYPOTHETICAL_AUX:
            return "future" if infinitive and current.lemma_ in _FUTURE_HEADS else "hypothetical"
        if current.i != trigger.i:
            if current.lemma_ in _NEGATING_HEADS:
                return "negated"
            if current.lower_ in _LIKELIHOOD_WORDS and infinitive:
                return "hypothetical"
            if current.lemma_ in _WISH_HEADS and _wished(previous, current):
                return "hypothetical"
            if infinitive and current.lemma_ in _INTENT_HEADS:
                return "future" if current.lemma_ in _FUTURE_HEADS else "hypothetical"
            if current.lemma_ in REPORTING_VERBS:
                break
            if current.lower_ in ("away", "before", "until") or current.lemma_ == "threat":
                return "future"
        if current.head.i == current.i or current.dep_ not in _CLIMB:
            break
        if current.dep_ in ("advcl", "relcl") and _states_a_fact(current):
            break
        infinitive = infinitive or _is_infinitive(current)
        previous, current = current, current.head
    return "claimed" if claimed else "asserted"


def _wished(clause: Token, head: Token) -> bool:
    """The clause is what the head wants done: "demanded he be arrested", "called on police to
    act". What one calls a thing is a name for it, no wish: "what police called a
    murder-suicide"."""
    if clause.dep_ == "oprd":
        return head.lemma_ != "call"
    return clause.dep_ in ("ccomp", "xcomp")


def _states_a_fact(clause: Token) -> bool:
    """An adverbial clause of concession or cause, or one of time or a relative clause told in
    the past: "police will charge the man who shot the boy" tells the shooting as done."""
    if clause.dep_ == "relcl":
        return clause.tag_ == "VBD"
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    return bool(marks & _FACTUAL_MARKS) or (
        bool(marks & _PAST_MARKS) and clause.tag_ in ("VBD", "VBN")
    )


def _is_infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _is_going_to(token: Token) -> bool:
    return (
        token.lemma_ == "go"
        and token.tag_ == "VBG"
        and any(c.dep_ == "xcomp" for c in token.children)
    )


# A stance a party takes on an act it has not done: the words that make a statement of it.
_COMMIT_AUX = {"will", "shall", "'ll", "would"}
_DEMAND_AUX = {"must", "should"}
_POSSIBILITY_AUX = {"could", "may", "might", "can"}
_COMMIT_HEADS = {"promise", "pledge", "vow", "plan", "intend", "offer", "prepare", "decide"}
_THREAT_HEADS = {"threaten", "warn"}
_READY_WORDS = {"ready", "prepared", "willing", "committed"}
_CONDITIONS = {"unless", "if"}


@dataclass(frozen=True, slots=True)
class Stance:
    """A party's stance on an act not (yet) done: "will withdraw unless", "must hand over",
    "would not accept", "is ready to host". The act is no event; saying so is one."""

    kind: str  # "commit", "offer", "threat" or "demand"
    word: str  # the word that takes it, lower-cased: "will", "must", "vowed", "ready"
    negated: bool
    conditional: bool


def stance_of(trigger: Token) -> Stance | None:
    """The stance a sentence takes on the act ``trigger`` names, or None for a plain forecast,
    a possibility ("could take four to five days") or a report of what happened."""
    negated = any(child.dep_ == "neg" for child in trigger.children)
    conditional = _has_condition(trigger)
    current = trigger
    for _ in range(8):
        auxiliaries = {c.lower_ for c in current.children if c.dep_ in ("aux", "auxpass")}
        negated = negated or any(c.dep_ == "neg" for c in current.children)
        conditional = conditional or _has_condition(current)
        if auxiliaries & _POSSIBILITY_AUX:
            return None
        if auxiliaries & _DEMAND_AUX:
            return Stance("demand", min(auxiliaries & _DEMAND_AUX), negated, conditional)
        if current.i != trigger.i:
            if current.lemma_ in _THREAT_HEADS:
                return Stance("threat", current.lower_, negated, conditional)
            if current.lower_ in _READY_WORDS or current.lemma_ == "offer":
                return Stance("offer", current.lower_, negated, conditional)
            if current.lemma_ in _COMMIT_HEADS:
                return Stance("commit", current.lower_, negated, conditional)
        if auxiliaries & _COMMIT_AUX:
            return Stance("commit", min(auxiliaries & _COMMIT_AUX), negated, conditional)
        if current.i != trigger.i and current.lemma_ in REPORTING_VERBS:
            return None
        if current.head.i == current.i or current.dep_ not in _CLIMB:
            return None
        current = current.head
    return None


def _has_condition(token: Token) -> bool:
    """ "...unless the president steps down", "...if the talks fail"."""
    return any(
        child.dep_ == "advcl" and any(m.lower_ in _CONDITIONS for m in child.children)
        for child in token.children
    )
