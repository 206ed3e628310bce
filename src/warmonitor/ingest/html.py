"""News pages: trafilatura finds the article and its metadata; our cleaner does the rest.

trafilatura drops menus, footers, share buttons and comment sections; what it keeps still
carries the wire's own furniture (a byline line, a dateline, "(Reporting by ...)"), so the
extracted text goes through :func:`warmonitor.ingest.text.clean_report` as well.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from warmonitor.errors import InputError
from warmonitor.ingest.text import CleanedReport, clean_report
from warmonitor.ingest.wire import canonical_agency, split_authors

# Fewer words than this left after cleaning means the page had no article, only scraps of
# navigation; the shortest news briefs are longer.
_MIN_ARTICLE_WORDS = 10


@dataclass(frozen=True, slots=True)
class HtmlReport:
    """A cleaned report plus what the page says about itself."""

    report: CleanedReport
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None  # the site's name, else its host name


def read_html(
    html: str | bytes, *, url: str | None = None, source_id: str = "<html>"
) -> HtmlReport:
    """Extract the article of a news page.

    Raises :class:`InputError` (named ``source_id``) when the page holds no article text.
    A ``url`` given by the caller is kept over the page's own canonical URL.
    """
    # Imported here: trafilatura pulls in lxml, htmldate and friends, which take a while.
    import trafilatura
    from trafilatura.settings import set_date_params

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            # Casualty tables lose their meaning as loose lines of text.
            include_tables=False,
            # Only the date the page declares for itself: an extensive search would pick up
            # dates mentioned in the story.
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as exc:  # lxml and trafilatura raise many types on malformed pages
        raise InputError(
            source_id,
            f"could not parse the page ({type(exc).__name__}: {exc}); check it is an HTML page",
        ) from exc
    no_article = InputError(
        source_id,
        "no article text found in the page; give the article's own page, "
        "not a front page, a search result or a login wall",
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise no_article
    # trafilatura separates paragraphs with one newline; the cleaner expects a blank line.
    report = clean_report(text.replace("\n", "\n\n"), title=_none_if_blank(document.title))
    # On a page with no article trafilatura falls back to whatever text it finds ("Home").
    if len(report.text.split()) < _MIN_ARTICLE_WORDS:
        raise no_article
    authors = report.authors
    agency = report.agency
    if metadata_author := _none_if_blank(document.author):
        authors = split_authors(metadata_author) or authors
        # Some sites put the agency in the author field ("Reuters", "AFP").
        for part in metadata_author.replace(";", ",").split(","):
            agency = agency or canonical_agency(part)
    return HtmlReport(
        report=dataclasses.replace(report, authors=authors, agency=agency),
        published=iso_day(document.date),
        url=url or _none_if_blank(document.url),
        outlet=_none_if_blank(document.sitename) or _none_if_blank(document.hostname),
    )


def _none_if_blank(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def iso_day(value: str | None) -> dt.date | None:
    """The day an ISO 8601 date or timestamp names ("2024-03-05T10:00:00Z"), else None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
