"""Web and wire boilerplate found in copied news text, as data: what each line is, and why.

Every pattern must match a whole line (after surrounding whitespace is stripped), ignoring case,
so that a sentence of the report that merely mentions "comments" or "newsletter" is never cut.
A line is one of:

- a *trailer*: an aggregator's note that the rest of the story is elsewhere. Removed, and the
  report is marked as a cut-off excerpt;
- the *start of a comment section*: removed together with everything after it, because what
  follows is readers' words and form fields, not the report;
- *boilerplate*: removed where it sits;
- *body*: everything else.
"""

from __future__ import annotations

import enum
import re


class LineKind(enum.Enum):
    BODY = "body"
    BOILERPLATE = "boilerplate"
    TRAILER = "trailer"
    COMMENTS_START = "comments start"


def _lines(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?:{p})", re.IGNORECASE) for p in patterns)


# "(Reporting by A in Kabul; Editing by B)". Outside brackets the names must be capitalised, so
# that a sentence such as "Reporting by local media suggested..." stays in the text.
_CREDIT = (
    r"(?:additional )?(?:reporting|writing|editing|compiled|produced|research|graphics)"
    r"(?: and (?:writing|editing|reporting))?"
)
_CREDIT_NAMES = r"(?-i:[A-Z][\w'’.\-]*(?:(?:\s+|,\s*|\s+and\s+|\s+in\s+)[A-Z][\w'’.\-]*)*)"

# Aggregators publish the first paragraphs of a story and link to the rest.
TRAILER_PATTERNS = _lines(
    r"read (?:the )?(?:full|whole|complete|entire|rest of the|original) "
    r"(?:article|story|report|post)\b.{0,80}",
    r"read more(?:\s+(?:at|on|from|here)\b.{0,80})?\s*[.…:»>]*",
    r"continue reading\b.{0,80}",
    r"click here to (?:read|continue)\b.{0,80}",
    r"(?:this|the) (?:article|story|excerpt) (?:is|was) (?:truncated|continued)\b.{0,80}",
    r"\[?(?:…|\.\.\.)\]?",
)

# Comment sections: a heading or form that opens them. Everything after is readers' text.
COMMENTS_START_PATTERNS = _lines(
    r"leave a (?:reply|comment)\b.{0,40}",
    r"\d+\s+(?:comments?|responses?|replies)(?: (?:on|to) .{0,100})?",
    r"comments?\s*\(\d+\)",
    r"comments are closed\.?",
    r"join the (?:conversation|discussion)\.?",
    r"(?:show|view|load) (?:all )?comments?\b.{0,20}",
)

BOILERPLATE_PATTERNS = _lines(
    # Lines that point to where the text came from, not part of it.
    r"source\s*[:|–—]\s*\S.{0,80}",
    r"(?:this|the) (?:article|story|post) (?:was )?(?:originally|first) "
    r"(?:published|appeared)\b.{0,120}",
    r"the post .{1,200} appeared first on .{1,100}",
    r"read more:\s*\S.{0,150}",  # an inline link to another story, not a trailer
    r"(?:also )?read(?: also)?:\s*\S.{0,150}",
    # Comment forms (WordPress and similar) that may appear without a heading.
    r"your email address will not be published\..{0,80}",
    r"required fields are marked\s*\*?",
    r"(?:comment|name|e-?mail|website|url)\s*\*?:?",
    r"post comment|submit comment|cancel reply|reply",
    r"save my name, email,? and website in this browser.{0,80}",
    r"notify me of (?:follow-up comments|new posts|new comments).{0,80}",
    r"you must be logged in to post a comment\.?",
    # Share and reaction prompts.
    r"share(?: this(?: article| story| post)?| on| via| the story)?\s*:?",
    r"click to (?:share|email|print|tweet)\b.{0,80}",
    r"(?:share|post) (?:on|to|via) (?:facebook|twitter|x|whatsapp|linkedin|telegram|reddit"
    r"|email|pinterest)\b.{0,40}",
    r"tweet|e-?mail|print|facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest|copy link",
    r"like this:?|like loading\.\.\.|(?:like|share|comment)s?\s*\d*",
    r"related(?: (?:posts|articles|stories|news|coverage|topics|content))?\s*:?",
    r"(?:you may|you might) also like:?|more (?:from|on) [^.]{1,40}:?|recommended(?: for you)?:?",
    # Advertising slots.
    r"advertisements?|advert|sponsored(?: content)?|\bad\b|"
    r"(?:story|article) continues below(?: this)?(?: advertisement)?|scroll to continue.{0,40}",
    # Newsletter and subscription prompts.
    r"(?:subscribe|sign up)(?: now)?(?: (?:to|for) .{0,80})?[.!]?",
    r"get (?:our|the) .{0,60}newsletter.{0,80}",
    r".{0,60}\bnewsletter\b.{0,60}(?:sign up|subscribe|inbox).{0,40}",
    # Copyright and rights lines.
    r"(?:©|\(c\)|copyright\b).{0,150}",
    r".{0,100}\ball rights reserved\.?.{0,60}",
    # Cookie and consent banners.
    r".{0,200}\b(?:we use cookies|this (?:site|website) uses cookies|cookie (?:policy|settings"
    r"|preferences))\b.{0,200}",
    r"accept(?: all)?(?: cookies)?|reject all|manage (?:cookies|preferences|consent)",
    # Time stamps printed under a headline; the publication date comes from metadata.
    r"(?:published|updated|posted|last updated)(?: on| at)?:?\s+(?=.{0,60}\d).{1,60}",
    # Wire credits, kept out of the text so that reporters' names are not read as sources.
    rf"\({_CREDIT} by\b[^()]{{0,300}}\)\.?",
    rf"{_CREDIT} by {_CREDIT_NAMES}(?:\s*[;,]\s*{_CREDIT} by {_CREDIT_NAMES})*\.?",
    r"\[?\s*(?:image|photo|video|file photo|picture) (?:credit|source)?:.{0,150}",
)

# A wire credit at the end of a paragraph: "... the army said. (Reporting by A; Editing by B)"
WIRE_CREDIT_AT_END = re.compile(rf"\s*\({_CREDIT} by\b[^()]*\)\s*$", re.IGNORECASE)


def classify_line(line: str) -> LineKind:
    """What one line of copied text is: the report, boilerplate, a trailer, or comments."""
    stripped = line.strip()
    if not stripped:
        return LineKind.BODY
    if any(p.fullmatch(stripped) for p in COMMENTS_START_PATTERNS):
        return LineKind.COMMENTS_START
    if any(p.fullmatch(stripped) for p in TRAILER_PATTERNS):
        return LineKind.TRAILER
    if any(p.fullmatch(stripped) for p in BOILERPLATE_PATTERNS):
        return LineKind.BOILERPLATE
    return LineKind.BODY
