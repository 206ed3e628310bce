"""Statements of intent: promises, threats, demands and refusals.

"Nigeria announced it will withdraw its troops from Chad unless a ceasefire is arranged" tells
no withdrawal: the act is not done, and coding.modality keeps it out of the events. But the
announcement is done, and it is what PLOVER (after CAMEO) codes: a threat. So a sentence that
takes a stance on an act not done gives an event of its own, the statement, whose PLOVER type
says which stance it is:

- a demand ("Libya must hand over the suspects, the minister said"): REQUEST, by the speaker, of
  the party that must act;
- a refusal ("said it would not accept more refugees"): REJECT;
- a threat ("threatened to cut off electricity", a commitment under a condition, or a hostile act
  promised: "said they would boycott all contact"): THREATEN;
- any other commitment or offer ("will visit Albania in June", "is ready to host a meeting"):
  AGREE.

A possibility ("it could take four to five days to capture the redoubt") takes no stance and
stays a forecast, and so does "would" in the reporter's own voice ("the capture of the city
would mark the end..."): nobody has committed to anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from warmonitor.coding.actors import ActorResolver
from warmonitor.coding.attribution import find_claimant
from warmonitor.coding.knowledge import Knowledge
from warmonitor.coding.modality import stance_of
from warmonitor.coding.syntax import clause_subject
from warmonitor.model import Actor, Event

# Acts whose promise is a threat to someone: force, coercion, sanctions, walking away.
_HOSTILE_ACTS = {
    "ASSAULT",
    "COERCE",
    "SANCTION",
    "THREATEN",
    "MOBILIZE",
    "PROTEST",
    "RETREAT",
    "REJECT",
}


@dataclass(frozen=True, slots=True)
class Statement:
    """Who took which stance on whom, and the word that says it was said."""

    plover_type: str
    party: Actor
    target: Actor | None
    word: Token  # the reporting verb, or the act's own word when nobody is quoted
    told_by_party: bool  # the party said it itself (or the report speaks in its own voice)


def statement_about(
    act: Event, act_word: Token, resolver: ActorResolver, knowledge: Knowledge
) -> Statement | None:
    """The statement made by taking a stance on ``act``, or None when no one took one."""
    stance = stance_of(act_word)
    if stance is None:
        return None
    claim = find_claimant(act_word, knowledge)
    reporting = claim[1] if claim is not None and claim[1].pos_ in ("VERB", "AUX") else None
    speaker_word = clause_subject(reporting) if reporting is not None else None
    speaker = resolver.resolve(speaker_word) if speaker_word is not None else None
    if stance.kind == "demand":
        if speaker is None or act.actor1 is None or speaker.name == act.actor1.name:
            return None
        return Statement("REQUEST", speaker, act.actor1, reporting, told_by_party=True)
    if reporting is None and stance.word == "would":
        return None  # the reporter's own conjecture
    party = act.actor1 or speaker
    if party is None:
        return None
    if stance.negated:
        plover_type = "REJECT"
    elif stance.kind == "threat" or stance.conditional or act.plover_type in _HOSTILE_ACTS:
        plover_type = "THREATEN"
    else:
        plover_type = "AGREE"
    told_by_party = speaker is None or speaker.name == party.name
    target = None if _own_forces(act.actor2, party) else act.actor2
    return Statement(plover_type, party, target, reporting or act_word, told_by_party)


def _own_forces(actor: Actor | None, party: Actor) -> bool:
    """ "Nigeria will withdraw its peacekeepers": a state's own forces are not its target."""
    return (
        actor is not None
        and actor.type == "State forces"
        and actor.country is not None
        and actor.country == party.country
    )
