"""The plain-text cleaner: a copied news report in, its own words plus what it says about itself.

Rules, in the order they apply:

1. Lines are stripped and runs of whitespace inside a line become one space. No other character
   is changed (curly quotes stay): later stages index into this exact text. Paragraphs a page
   glued together when it lost their breaks ("...in his home Monday.Leaving her home") are
   parted again where a sentence's end touches a capitalised word.
2. Boilerplate lines are removed wherever they sit (see :mod:`warmonitor.ingest.boilerplate`);
   a comment section is removed with everything after it; an aggregator trailer is removed and
   marks the report as truncated.
3. A byline ("By A and B", "By A | Reuters", "By A (AP)") among the first lines gives the
   authors (and perhaps the agency) and is removed.
4. The headline is a short first line with no final period, followed by a blank line.
5. A wire dateline at the start of the first paragraph ("MOSUL, Iraq (Reuters) – ") gives the
   places the report was filed from and the agency, and is removed.
6. Wire credits ("(Reporting by ...; Editing by ...)") are removed.
7. The report is *truncated* when an aggregator trailer says so, or when the last paragraph is
   cut off mid-sentence ("Those who escaped on…"). The cut-off fragment is kept: it is the
   report's own words, and ``truncated`` tells the reader it stops there.
8. A text in capitals only (teletype wire copy) is recased, letter for letter, so that the
   tagger and the entity recogniser can read it (see :mod:`warmonitor.ingest.recase`).

Paragraphs are separated by a blank line in the output. Lines within a paragraph are joined with
a space when the line does not end a sentence (hard-wrapped text), and start a new paragraph when
it does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from warmonitor.ingest.boilerplate import WIRE_CREDIT_AT_END, LineKind, classify_line
from warmonitor.ingest.recase import recase
from warmonitor.ingest.wire import parse_byline, parse_dateline

# A headline is one line of at most this many characters.
_MAX_TITLE_CHARS = 200
# A byline is looked for among this many lines after the headline.
_BYLINE_SEARCH_LINES = 4
# Characters that end a sentence (or a quoted sentence, or a list item) at the end of a line.
_SENTENCE_END = frozenset(".!?:;\"”’')]…")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
# An excerpt cut off by the publisher: "Those who escaped on…", "...and then [...]".
_BRACKETED_ELLIPSIS = re.compile(r"[\[(]\s*(?:…|\.\.\.)\s*[\])]$")
_TRAILING_ELLIPSIS = re.compile(r"(?:…|\.\.\.)$")


@dataclass(frozen=True, slots=True)
class CleanedReport:
    """A report's own text, with what its first lines and last line say about it."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    dateline: tuple[str, ...] = ()
    agency: str | None = None
    truncated: bool = False


def clean_report(raw: str, *, title: str | None = None) -> CleanedReport:
    """Clean a news report copied as plain text.

    ``title`` is given when the caller already knows the headline (from page metadata or a
    JSONL record): no other headline is guessed, and a first line repeating it is removed.
    """
    lines, truncated = _lines_without_boilerplate(raw)
    blocks = _split_blocks(lines)

    # The byline first: it may sit on the line right under the headline.
    authors, byline_agency = _take_byline(blocks)
    if title is not None:
        title = " ".join(title.split()) or None
    if title is not None:
        if blocks and _same_words(" ".join(blocks[0]), title):
            blocks.pop(0)
    elif (headline := _headline(blocks)) is not None:
        title = headline
        blocks.pop(0)

    paragraphs = [p for block in blocks for p in _paragraphs(block)]

    dateline: tuple[str, ...] = ()
    agency = byline_agency
    for index in _lead_candidates(paragraphs):
        found = parse_dateline(paragraphs[index])
        if found is not None:
            dateline = found.places
            agency = found.agency or agency
            paragraphs[index] = paragraphs[index][found.end :]
            break

    paragraphs = [WIRE_CREDIT_AT_END.sub("", p).strip() for p in paragraphs]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and _is_cut_off(paragraphs[-1]):
        truncated = True
    return CleanedReport(
        text=recase("\n\n".join(paragraphs)),
        title=title,
        authors=authors,
        dateline=dateline,
        agency=agency,
        truncated=truncated,
    )


# A page may put a caption or two ("(Photo: WMC Action News 5)", "Please enable Javascript to
# watch this video") before the paragraph a dateline opens; anything longer is the report.
_CAPTION_WORDS = 12
_CAPTIONS_BEFORE_LEAD = 2


def _lead_candidates(paragraphs: list[str]) -> Iterator[int]:
    """The paragraphs a dateline may open: the first, and the next ones while all before them
    are short captions."""
    for index, paragraph in enumerate(paragraphs[: _CAPTIONS_BEFORE_LEAD + 1]):
        yield index
        if len(paragraph.split()) > _CAPTION_WORDS:
            return


def _lines_without_boilerplate(raw: str) -> tuple[list[str], bool]:
    """Normalised lines, boilerplate blanked out; and whether a trailer marked an excerpt."""
    lines: list[str] = []
    truncated = False
    for raw_line in raw.lstrip("\ufeff").splitlines():
        for line in _unglued(_HORIZONTAL_SPACE.sub(" ", raw_line).strip()):
            kind = classify_line(line)
            if kind is LineKind.COMMENTS_START:
                return lines, truncated
            if kind is LineKind.TRAILER:
                truncated = True
            # Removed lines become blank, so that the lines around them are not joined together.
            lines.append(line if kind is LineKind.BODY else "")
    return lines, truncated


# A sentence's end touching a capitalised word: "Monday.Leaving", "said.”Taylor", "p.m.The".
_GLUED_SENTENCE = re.compile(r"(?<=[a-z0-9][.!?])([”’\"]?)(?=[A-Z][a-z])")


def _unglued(line: str) -> list[str]:
    """The paragraphs a line holds: one, unless the page glued several together. A straight
    quote at the joint closes the sentence before it when that sentence opened one."""
    parts: list[str] = []
    start = 0
    for match in _GLUED_SENTENCE.finditer(line):
        cut = match.end()
        if match.group(1) == '"' and line.count('"', start, match.start()) % 2 == 0:
            cut = match.start()  # an opening quote: the next paragraph's
        parts.append(line[start:cut])
        start = cut
    parts.append(line[start:])
    return [part for part in parts if part] or [""]


def _split_blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _headline(blocks: list[list[str]]) -> str | None:
    if len(blocks) < 2 or len(blocks[0]) != 1:
        return None
    line = _MARKDOWN_HEADING.sub("", blocks[0][0])
    if (
        not line
        or len(line) > _MAX_TITLE_CHARS
        or line.endswith(".")
        or parse_byline(line) is not None
        or parse_dateline(line) is not None
    ):
        return None
    return line


def _take_byline(blocks: list[list[str]]) -> tuple[tuple[str, ...], str | None]:
    """Find and remove the byline among the first lines; return its authors and agency."""
    seen = 0
    for block_index, block in enumerate(blocks):
        for index, line in enumerate(block):
            if (byline := parse_byline(line)) is not None:
                del block[index]
                if not block:
                    del blocks[block_index]
                return byline.authors, byline.agency
            seen += 1
            if seen >= _BYLINE_SEARCH_LINES:
                return (), None
    return (), None


def _paragraphs(block: list[str]) -> list[str]:
    """Join hard-wrapped lines; a line that ends a sentence ends its paragraph."""
    paragraphs: list[str] = []
    current = ""
    for line in block:
        current = f"{current} {line}" if current else line
        if current[-1] in _SENTENCE_END:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _is_cut_off(paragraph: str) -> bool:
    """Does the paragraph stop mid-sentence with an ellipsis, as excerpts do?"""
    if _BRACKETED_ELLIPSIS.search(paragraph):
        return True
    match = _TRAILING_ELLIPSIS.search(paragraph)
    if match is None:
        return False
    before = paragraph[: match.start()].rstrip()
    return bool(before) and before[-1] not in ".!?"


def _same_words(line: str, title: str) -> bool:
    line = _MARKDOWN_HEADING.sub("", line)
    return " ".join(line.split()).casefold() == " ".join(title.split()).casefold()
