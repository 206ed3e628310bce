"""Recasing teletype wire copy: ALL-CAPITALS text in, ordinary casing out, of the same length.

Older wire services and their archives (FBIS, the MUC corpora) send text in capitals only.
spaCy's tagger and entity recogniser learnt from mixed-case news, and on capitals they tag
almost every word a proper noun and find entities everywhere or nowhere. So a text whose letters
are (nearly) all capitals is lower-cased, then given back the capitals that carry meaning:

1. acronyms: a word written in brackets or parentheses ("[FMLN]", "(ELN)") keeps its capitals
   wherever it appears; so do short words without a vowel ("TV", "KG") and words mixing letters
   and digits ("AK-47", "M-16"); a single letter before a full stop is an initial ("JOSE A.");
2. names the project knows: actor aliases (data/actors.tsv) and demonyms (data/demonyms.tsv)
   take the spelling the data files give them ("Islamic State", "ELN", "Salvadoran"); place
   names the gazetteer resolves are title-cased ("San Luis de la Reina"), unless the name is also
   a common English word and the place is small ("bar", "chair", "police" are towns somewhere);
3. names nobody lists: a title ("Gen.", "President", "Colonel") capitalises itself and the
   uncommon words after it ("Colonel Rene Emilio Ponce"), and any other word outside the
   English vocabulary of the spaCy model is taken for a name ("Usulutan", "Cristiani");
4. calendar words: months and days ("May" and "March" only next to a day number, where they
   cannot be a verb), and their wire abbreviations next to a number ("3 JAN 90");
5. the pronoun "I" and the first letter of every sentence.

Only the case of letters changes, one character for one character, so every offset into the
recased text is an offset into the original and the reverse. The data files and the gazetteer
are read once, on the first capitals-only text (:func:`load_name_lexicon`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from warmonitor.wordsets import word_set

# A text is teletype copy when more than this share of its letters are capitals...
_UPPER_SHARE = 0.8
# ...and it has at least this many letters: a short headline in capitals is not a wire story.
_MIN_LETTERS = 20
# Place names are looked up as runs of up to this many words.
_MAX_PLACE_WORDS = 4
# A place whose name is a common word is capitalised only when it is this big ("Lima", "Cali"
# yes; "Bar", Montenegro, no), or a tenth of it for a name of several words ("New York").
_MIN_COMMON_PLACE_POPULATION = 1_000_000
_MIN_COMMON_PHRASE_POPULATION = 100_000
# Names of people follow a title; at most this many words are taken for the name.
_MAX_NAME_WORDS = 3


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]{2,})*")
_TOKEN = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
_BRACKETED = re.compile(r"[\[(]([A-Z][A-Z0-9&./-]{0,11})[\])]")
_VOWEL_LESS = re.compile(r"[B-DF-HJ-NP-TV-XZ]{2,5}")
# A bracketed word this long at most is an acronym ("[FMLN]"); a longer one is a name.
_MAX_ACRONYM = 6
# Word beginnings that make a compound of a known word ("antiterrorist", "counterinsurgency").
_PREFIXES = ("anti", "counter", "non", "pro", "pre", "post", "re", "un", "sub", "semi", "ex")
_HAS_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"(?:[.!?]+[\"'”’)\]]*\s+|\n\s*)")
_WORD_BEFORE = re.compile(r"(?<![\w])(\w+)$")
_NUMBER = re.compile(r"\d{1,4}(?:st|nd|rd|th)?")

# Small words inside a place name that stay small ("San Luis de la Reina", "Bosnia and ...").
_PARTICLES = word_set("de del la las los el y e da das do dos di du of the and al von van")
_DAYS = "monday tuesday wednesday thursday friday saturday sunday"
_MONTHS = "january february april june july august september october november december"
_CALENDAR = frozenset(f"{_DAYS} {_MONTHS}".split())
# Months that are also English words, and wire abbreviations: capitals only beside a number.
_CALENDAR_BY_NUMBER = word_set("may march jan feb mar apr jun jul aug sep sept oct nov dec")
# Abbreviated titles: capitalised before a full stop, and the name after them.
_TITLE_ABBREVIATIONS = word_set(
    "mr mrs ms dr gen col lt capt maj sgt cpl cmdr adm sen rep gov pres fr msgr rev st"
)
# Titles written out: capitalised only when a name follows them.
_TITLES = word_set(
    """president colonel general major captain lieutenant sergeant commander admiral minister
    senator deputy governor mayor judge father bishop archbishop monsignor cardinal reverend
    doctor mister senor senora don dona"""
)


@dataclass(frozen=True)
class NameLexicon:
    """What recasing knows about names, read from the project's data and the gazetteer."""

    spellings: dict[str, str]  # casefolded actor alias or demonym -> the data file's spelling
    spelling_pattern: re.Pattern[str] | None  # every key of ``spellings``, longest first
    common_words: frozenset[str]  # the English vocabulary (lemmas) and stop words
    stop_words: frozenset[str]
    find_place: Callable[[str], PlaceFacts | None]  # a name -> what the gazetteer knows of it


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """The little recasing needs to know about a resolved place."""

    kind: str
    population: int | None
    by_own_name: bool  # found by its own name, not by an alternate one ("CAR" for a country)


def is_all_capitals(text: str) -> bool:
    """Is ``text`` teletype copy: (nearly) every letter a capital?"""
    letters = upper = 0
    for char in text:
        if char.isalpha():
            letters += 1
            upper += char.isupper()
    return letters >= _MIN_LETTERS and upper > _UPPER_SHARE * letters


def recase(text: str, lexicon: NameLexicon | None = None) -> str:
    """``text`` in ordinary casing when it is ALL CAPITALS, else ``text`` itself.

    The result has the same length as ``text`` and differs from it only in the case of letters.
    ``lexicon`` defaults to :func:`load_name_lexicon`.
    """
    if not is_all_capitals(text):
        return text
    if lexicon is None:
        lexicon = load_name_lexicon()
    cased = _Casing(text)
    _restore_acronyms(cased)
    _capitalise_unknown_words(cased, lexicon)
    _capitalise_places(cased, lexicon)
    _capitalise_titled_names(cased, lexicon)
    _apply_spellings(cased, lexicon)
    _capitalise_calendar_words(cased)
    _capitalise_sentence_starts(cased)
    return cased.text()


class _Casing:
    """The lower-cased text being recased, one character for one character."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.lower = "".join(_same_length(char.lower(), char) for char in original)
        self._chars = list(self.lower)

    def upper(self, index: int) -> None:
        self._chars[index] = _same_length(self._chars[index].upper(), self._chars[index])

    def keep_original(self, start: int, end: int) -> None:
        self._chars[start:end] = self.original[start:end]

    def spell(self, start: int, spelling: str) -> None:
        self._chars[start : start + len(spelling)] = spelling

    def title(self, start: int, end: int) -> None:
        """Capitalise each word of ``[start, end)`` but the small words inside a name."""
        for number, word in enumerate(_WORD.finditer(self.lower, start, end)):
            if number == 0 or word.group() not in _PARTICLES:
                self.upper(word.start())

    def text(self) -> str:
        return "".join(self._chars)


def _same_length(changed: str, char: str) -> str:
    # "ß".upper() is "SS" and "İ".lower() two characters: such letters keep their case.
    return changed if len(changed) == 1 else char


def _restore_acronyms(cased: _Casing) -> None:
    original = cased.original
    bracketed = {
        m.group(1) for m in _BRACKETED.finditer(original) if len(m.group(1)) <= _MAX_ACRONYM
    }
    for token in _TOKEN.finditer(original):
        word = token.group()
        if (
            word in bracketed
            or _VOWEL_LESS.fullmatch(word)
            or (_HAS_DIGIT.search(word) and not word.isdigit() and not _NUMBER.fullmatch(word))
        ):
            cased.keep_original(token.start(), token.end())
        elif len(word) == 1 and word.isalpha() and original[token.end() : token.end() + 1] == ".":
            cased.upper(token.start())  # an initial: "JOSE A. PEREZ"


def _capitalise_unknown_words(cased: _Casing, lexicon: NameLexicon) -> None:
    """A word outside the English vocabulary is most likely a name ("Usulutan")."""
    for word in _WORD.finditer(cased.lower):
        text = word.group()
        if len(text) > 2 and not _is_known_word(text, lexicon):
            cased.upper(word.start())


def _is_known_word(word: str, lexicon: NameLexicon) -> bool:
    """Is ``word``, or a form of it without an inflection, in the English vocabulary?"""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if any(form in lexicon.common_words for form in _base_forms(word)):
        return True
    return any(
        word.startswith(prefix)
        and len(word) > len(prefix) + 3
        and _is_known_word(word[len(prefix) :], lexicon)
        for prefix in _PREFIXES
    )


def _base_forms(word: str) -> Iterator[str]:
    """``word`` and the lemmas an English inflection may hide ("bombings" -> "bombing")."""
    yield word
    for suffix, replacements in _INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            for replacement in replacements:
                yield stem + replacement
            if len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]  # "kidnapped" -> "kidnap"


_INFLECTIONS = (
    ("ies", ("y",)),
    ("ier", ("y",)),
    ("iest", ("y",)),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ied", ("y",)),
    ("ed", ("", "e")),
    ("ing", ("", "e")),
    ("ers", ("", "e", "er")),
    ("er", ("", "e")),
    ("est", ("", "e")),
    ("ly", ("", "le")),
    ("ings", ("", "e", "ing")),
    ("men", ("man",)),
)


def _capitalise_places(cased: _Casing, lexicon: NameLexicon) -> None:
    """Title-case runs of words the gazetteer resolves, longest runs first."""
    words = list(_WORD.finditer(cased.lower))
    index = 0
    while index < len(words):
        for size in range(min(_MAX_PLACE_WORDS, len(words) - index), 0, -1):
            run = words[index : index + size]
            if _is_place(cased.lower, run, lexicon):
                cased.title(run[0].start(), run[-1].end())
                index += size
                break
        else:
            index += 1


def _is_place(text: str, run: list[re.Match[str]], lexicon: NameLexicon) -> bool:
    names = [word.group() for word in run]
    if any(text[a.end() : b.start()] not in (" ", "-") for a, b in zip(run, run[1:], strict=False)):
        return False
    edges = {names[0], names[-1]}
    if edges & lexicon.stop_words or edges & _PARTICLES - {"el", "la", "los", "las"}:
        return False
    if len(names) == 1 and len(names[0]) < 3:
        return False
    place = lexicon.find_place(text[run[0].start() : run[-1].end()])
    if place is None:
        return False
    if not all(_is_known_word(name, lexicon) for name in names):
        return True
    if not place.by_own_name:
        return False
    if place.kind == "country":
        return True
    threshold = _MIN_COMMON_PLACE_POPULATION if len(names) == 1 else _MIN_COMMON_PHRASE_POPULATION
    return (place.population or 0) >= threshold


def _capitalise_titled_names(cased: _Casing, lexicon: NameLexicon) -> None:
    """ "gen. adolfo blandon" -> "Gen. Adolfo Blandon"; "president cristiani" likewise."""
    text = cased.lower
    words = list(_WORD.finditer(text))
    for index, word in enumerate(words):
        abbreviated = (
            word.group() in _TITLE_ABBREVIATIONS and text[word.end() : word.end() + 1] == "."
        )
        if not abbreviated and word.group() not in _TITLES:
            continue
        name = list(_name_after(text, words[index + 1 : index + 1 + _MAX_NAME_WORDS], lexicon))
        if abbreviated or name:
            cased.upper(word.start())
        for part in name:
            cased.upper(part.start())


def _name_after(
    text: str, following: list[re.Match[str]], lexicon: NameLexicon
) -> Iterator[re.Match[str]]:
    """The words of a name right after a title: uncommon words, one space or "." apart."""
    previous_end = None
    for word in following:
        gap = text[previous_end : word.start()] if previous_end is not None else " "
        if previous_end is not None and gap not in (" ", ". "):
            return
        if word.group() in lexicon.stop_words or _is_known_word(word.group(), lexicon):
            return
        yield word
        previous_end = word.end()


def _apply_spellings(cased: _Casing, lexicon: NameLexicon) -> None:
    """Actor aliases and demonyms take the spelling of the data files."""
    if lexicon.spelling_pattern is None:
        return
    for match in lexicon.spelling_pattern.finditer(cased.lower):
        spelling = lexicon.spellings.get(match.group().casefold())
        if spelling is not None and len(spelling) == len(match.group()):
            cased.spell(match.start(), spelling)


def _capitalise_calendar_words(cased: _Casing) -> None:
    text = cased.lower
    tokens = list(_TOKEN.finditer(text))
    for index, token in enumerate(tokens):
        word = token.group()
        if word in _CALENDAR:
            cased.upper(token.start())
        elif word in _CALENDAR_BY_NUMBER:
            beside = tokens[max(index - 1, 0) : index] + tokens[index + 1 : index + 2]
            if any(_NUMBER.fullmatch(other.group()) for other in beside):
                cased.upper(token.start())


def _capitalise_sentence_starts(cased: _Casing) -> None:
    text = cased.lower
    for word in _WORD.finditer(text):
        if word.group() == "i":
            cased.upper(word.start())
    starts = [0] + [
        m.end() for m in _SENTENCE_END.finditer(text) if not _after_abbreviation(text, m.start())
    ]
    for start in starts:
        first = _WORD.search(text, start)
        # A sentence starts with its first word unless digits or a bracketed tag come first.
        if (
            first is not None
            and not _HAS_DIGIT.search(text[start : first.start()])
            and not _in_brackets(text, first.start())
        ):
            cased.upper(first.start())


def _after_abbreviation(text: str, index: int) -> bool:
    """Is the full stop at ``index`` that of an initial or a title ("U.S. officials", "Gen. X")?"""
    before = _WORD_BEFORE.search(text, 0, index)
    return before is not None and (
        len(before.group(1)) == 1 or before.group(1) in _TITLE_ABBREVIATIONS
    )


def _in_brackets(text: str, index: int) -> bool:
    opening = text.rfind("[", 0, index)
    return opening != -1 and text.find("]", opening) > index


@functools.lru_cache(maxsize=1)
def load_name_lexicon() -> NameLexicon:
    """The names and vocabulary recasing uses: the data files, the gazetteer, spaCy's lexicon.

    Read once per process, on the first capitals-only text, so that mixed-case news never pays
    for it.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    from warmonitor.coding.gazetteer import normalize_name, open_gazetteer
    from warmonitor.coding.knowledge import read_rows
    from warmonitor.config import GazetteerConfig, NlpConfig
    from warmonitor.nlp.loader import load_nlp

    stop_words = frozenset(STOP_WORDS)
    nlp = load_nlp(NlpConfig().model)
    common_words = _vocabulary(nlp) | stop_words
    spellings = _spellings(read_rows, _vocabulary(nlp, _WORD_CLASSES) | stop_words)
    gazetteer = open_gazetteer(GazetteerConfig())

    @functools.lru_cache(maxsize=50_000)
    def find_place(name: str) -> PlaceFacts | None:
        entry = gazetteer.resolve(name)
        if entry is None:
            return None
        own_name = normalize_name(entry.name) == normalize_name(name)
        return PlaceFacts(entry.kind, entry.population, own_name)

    pattern = None
    if spellings:
        alternatives = "|".join(re.escape(k) for k in sorted(spellings, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    return NameLexicon(spellings, pattern, common_words, stop_words, find_place)


# The parts of speech whose words are ordinary words in running text. WordNet's nouns also
# hold acronyms of organisations ("farc", "eln", "mrta", "nato"), which are no ordinary words.
_WORD_CLASSES = ("verb", "adj", "adv")


def _vocabulary(nlp, parts: tuple[str, ...] | None = None) -> frozenset[str]:
    """The words the model's English lemmatizer knows: WordNet's lemmas and the irregular forms
    of its exception table ("took", "men"), of all parts of speech or only of ``parts``. A word
    outside them is most likely a name."""
    tables = nlp.get_pipe("lemmatizer").lookups
    index, exceptions = tables.get_table("lemma_index"), tables.get_table("lemma_exc")
    keys = [key for key in parts if key in index] if parts is not None else list(index)
    words = [word for key in keys for word in index[key]]
    exception_keys = (
        [key for key in parts if key in exceptions] if parts is not None else list(exceptions)
    )
    words += [form for key in exception_keys for form in exceptions[key]]
    return frozenset(word for word in words if word.isalpha() and word.islower())


def _spellings(read_rows, common_words: frozenset[str]) -> dict[str, str]:
    """Casefolded alias or demonym -> its spelling, leaving out those that are also ordinary
    words in capitals ("IS" is the Islamic State, "US" the United States, and both are words).
    ``common_words`` are the stop words, verbs, adjectives and adverbs: a noun written in
    capitals in actors.tsv is taken for the acronym it is there ("FARC", "ELN", "NATO")."""
    forms: list[str] = []
    for row in read_rows("actors.tsv"):
        forms.extend(row[5].split("|"))
    forms.extend(row[0] for row in read_rows("demonyms.tsv") if row[0] != "demonym")
    spellings: dict[str, str] = {}
    for form in forms:
        key = form.casefold()
        if form and len(key) == len(form) and not (form.isupper() and key in common_words):
            spellings.setdefault(key, form)
    return spellings
