"""Small helpers over spaCy's dependency parse that every coding stage uses."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from warmonitor.model import Span

# Where a document keeps its own entity list (see entities_in).
_ENTITIES_KEY = "warmonitor.entities"

# Relations that stay inside one clause's noun phrase when we cut it out of the parse.
_PHRASE_CUT = {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "prep"}

REPORTING_VERBS = frozenset(
    {
        "say",
        "tell",
        "report",
        "claim",
        "announce",
        "state",
        "add",
        "confirm",
        "allege",
        "estimate",
        "quote",
        "insist",
        "warn",
        "note",
        "write",
        "acknowledge",
        "deny",
        "reiterate",
        "stress",
        "emphasise",
        "emphasize",
        "reveal",
        "disclose",
    }
)


# Acts that follow an attack and carry their own day, not the attack's: "a man appeared in court
# Wednesday after his son shot his brother", "remained in critical condition Friday after a
# shooting", "released a report Monday". A day hung on one of these dates the aftermath. Arrests
# are left out: many are made the day of the attack (the coder weighs them apart).
AFTERMATH_VERBS = frozenset(
    {
        "accuse",
        "acquit",
        "appear",
        "arraign",
        "attend",
        "book",
        "bury",
        "charge",
        "convict",
        "extradite",
        "face",
        "file",
        "gather",
        "honor",
        "honour",
        "identify",
        "indict",
        "jail",
        "list",
        "mourn",
        "plead",
        "release",
        "remain",
        "remember",
        "rule",
        "schedule",
        "sentence",
        "surrender",
        "testify",
        "thank",
    }
)


def ancestors_within_sentence(token: Token) -> Iterator[Token]:
    """The token's heads, nearest first, stopping at the sentence root."""
    current = token
    while current.head.i != current.i:
        current = current.head
        yield current


def prepositional_objects(word: Token, prepositions: Collection[str]) -> list[Token]:
    """The objects of ``word``'s prepositions among ``prepositions``: "killed in a car crash"
    gives the crash for "in"."""
    return [
        pobj
        for prep in word.children
        if prep.dep_ == "prep" and prep.lower_ in prepositions
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def noun_phrase(token: Token) -> SpacySpan:
    """The token's phrase without relative clauses, appositions and trailing modifiers.

    "The Syrian Observatory for Human Rights, a Britain-based war monitor" -> the part before
    the apposition; "an alliance of militias trying to oust it" -> "an alliance of militias".
    """
    left = token.i
    for child in token.lefts:
        if child.dep_ not in _PHRASE_CUT:
            left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        if child.dep_ in _PHRASE_CUT and not (
            child.dep_ == "prep" and child.lower_ in ("of", "for")
        ):
            break
        right = max(right, child.right_edge.i)
    doc = token.doc
    while right > left and doc[right].is_punct:
        right -= 1
    return doc[left : right + 1]


def is_age(token: Token) -> bool:
    """ "16-year-old": "old" measured in years by a number, a person's age."""
    return token.lower_ == "old" and any(
        c.lemma_.lower() == "year" and any(n.dep_ == "nummod" for n in c.children)
        for c in token.children
    )


def span_of(tokens: SpacySpan | Token) -> Span:
    if isinstance(tokens, Token):
        return Span(tokens.idx, tokens.idx + len(tokens.text), tokens.text)
    return Span(tokens.start_char, tokens.end_char, tokens.text)


def clause_subject(token: Token) -> Token | None:
    """The subject of the clause a verb heads, inherited through participles and conjuncts.

    "the Syrian army put the group under pressure, driving it from..." gives "army" for driving.
    """
    current: Token | None = token
    for _ in range(6):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head  # "retaken ... after mounting": the subject of retaken
        elif (
            current.dep_ in ("advcl", "conj", "xcomp", "ccomp", "pcomp")
            and current.head.i != current.i
        ):
            current = current.head
        elif current.dep_ in ("acl", "relcl") and current.head.i != current.i:
            return current.head
        else:
            return None
    return None


def entities_in(span: SpacySpan) -> list[SpacySpan]:
    """The named entities that lie within ``span``, as ``span.ents`` gives them.

    spaCy builds every entity of the document anew on each ``Doc.ents`` (and so ``Span.ents``)
    access; coding a long report asks for a sentence's entities thousands of times. The list is
    built once per document and kept in its ``user_data``.
    """
    return [e for e in document_entities(span.doc) if e.start >= span.start and e.end <= span.end]


def document_entities(doc: Doc) -> tuple[SpacySpan, ...]:
    """``doc.ents``, built once per document (see entities_in)."""
    entities = doc.user_data.get(_ENTITIES_KEY)
    if entities is None:
        entities = doc.user_data[_ENTITIES_KEY] = tuple(doc.ents)
    return entities


def clause_owner(token: Token, owners: dict[int, Token]) -> int | None:
    """The trigger whose clause a word belongs to: the nearest trigger anchor above it."""
    anchors = {anchor.i: trigger_i for trigger_i, anchor in owners.items()}
    anchors.update({trigger_i: trigger_i for trigger_i in owners})
    for node in [token, *token.ancestors]:
        if node.i in anchors:
            return anchors[node.i]
    return None


def sentences_around(anchor: Token) -> tuple[list[SpacySpan], int]:
    """The document's sentences and the index of the one holding ``anchor``."""
    sentences = list(anchor.doc.sents)
    return sentences, next((i for i, s in enumerate(sentences) if s.start <= anchor.i < s.end), 0)


# People a town is the home of: "a Boulder man", "two Pasadena men", "a Denver teenager".
_RESIDENT_NOUNS = frozenset(
    {
        "man",
        "woman",
        "boy",
        "girl",
        "teen",
        "teenager",
        "youth",
        "child",
        "toddler",
        "resident",
        "native",
        "couple",
        "family",
        "student",
        "father",
        "mother",
        "son",
        "daughter",
        "husband",
        "wife",
        "person",
    }
)


def names_a_home(token: Token) -> bool:
    """True when the place word ``token`` says where someone lives or comes from, not where
    something happened: "a Boulder man", "Corey Woods, 31, of Metairie", "both from North
    Berwick". A victim's home town is often the town of the attack, but not always, and a
    place the sentence names for the attack itself says more."""
    head = token
    while head.dep_ == "compound" and head.head.pos_ == "PROPN":  # "Silver City man"
        head = head.head
    if head.dep_ in ("compound", "nmod", "amod") and head.head.lemma_.lower() in _RESIDENT_NOUNS:
        return True
    if head.dep_ != "pobj" or head.head.lower_ not in ("of", "from"):
        return False
    holder = head.head.head
    if holder.pos_ == "NUM" and holder.head.ent_type_ == "PERSON":  # "Plummer, 16, of"
        holder = holder.head
    return (
        holder.ent_type_ == "PERSON"
        or holder.lemma_.lower() in _RESIDENT_NOUNS
        or holder.lower_ in ("both", "all")
        or (holder.pos_ == "PRON" and holder.lower_ not in ("it", "that", "this", "which"))
    )


def names_a_suburb_of(token: Token) -> bool:
    """ "A house party in a Seattle suburb", "a suburb of Seattle": near the town, not in it."""
    head = token
    while head.dep_ == "compound" and head.head.pos_ == "PROPN" and not _is_suburb(head.head):
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        head = head.head
    return head.dep_ in ("compound", "nmod", "poss", "prep") and _is_suburb(head.head)


def _is_suburb(token: Token) -> bool:
    return token.lower_ in ("suburb", "suburbs")


# "two officers and a woman suffered gunshot wounds": the subject is who was hurt.
UNDERGOING_VERBS = frozenset({"suffer", "sustain", "receive"})


def names_a_hospital_elsewhere(token: Token) -> bool:
    """ "flown to a Knoxville hospital", "treated at an Atlanta hospital": the town of the
    hospital a victim was taken to, most often a bigger one than the town of the attack. A
    hospital named as such ("Fort Walton Beach Medical Center") is more often the local one and
    is not meant."""
    head = token
    while head.dep_ == "compound" and head.head.pos_ == "PROPN":
        head = head.head
    told_after = head.dep_ in ("appos", "npadvmod", "conj") and head.head.i < head.i
    if told_after and head.head.pos_ == "PROPN" and names_a_hospital_elsewhere(head.head):
        return True  # the state of the hospital's town: "a hospital in Spartanburg, S.C."
    if head.dep_ == "pobj" and head.head.lower_ == "in":
        held = head.head.head
        if held.dep_ == "pobj" and held.head.lower_ == "at":
            held = held.head.head  # "Sacred Heart Medical Center at Riverbend in Springfield"
        if _is_hospital(held):
            return True  # "taken to Christ Medical Center in Oak Lawn", "a hospital in Macon"
    hospital = head.head
    return (
        head.dep_ in ("compound", "nmod", "amod")
        and hospital.lower_ in ("hospital", "hospitals")
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in hospital.children)
    )


def _is_hospital(noun: Token) -> bool:
    if noun.lower_ in ("hospital", "hospitals", "clinic", "infirmary"):
        return True
    return noun.lower_ in ("center", "centre") and any(
        c.lower_ in ("medical", "trauma", "health") for c in noun.children
    )


# What a person is "hit by" or "struck by" when they were shot.
_MISSILES = frozenset({"bullet", "gunfire", "gunshot", "round", "shot", "shotgun", "pellet"})


def struck_by_gunfire(verb: Token) -> bool:
    """ "was hit by a stray bullet", "were struck by gunfire", "a bullet struck the girl",
    "fired one shot into the car, striking a 4-year-old girl": shot, told by what hit them."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("hit", "strike"):
        return False
    by_what = (g for c in verb.children if c.dep_ == "agent" for g in c.children)
    if any(g.dep_ == "pobj" and g.lemma_.lower() in _MISSILES for g in by_what):
        return True
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in _MISSILES for c in verb.children):
        return True
    if any(c.dep_ == "nsubj" for c in verb.children):
        return False
    if verb.dep_ in ("advcl", "conj", "xcomp"):
        return verb.head.lemma_ in ("fire", "shoot")
    # "fired one shot into the car striking a girl", the participle hung on the car
    governing = next((t for t in verb.ancestors if t.pos_ == "VERB"), None)
    return verb.tag_ == "VBG" and governing is not None and governing.lemma_ in ("fire", "shoot")
