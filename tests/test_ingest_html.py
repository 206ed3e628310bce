"""News pages through trafilatura, then through our cleaner."""

from __future__ import annotations

import datetime as dt

import pytest

from warmonitor.errors import InputError
from warmonitor.ingest.html import read_html

# An invented page, built like a news site's: menu, share buttons, the story with a wire dateline
# and credit, a comment section and a footer.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Drone strike hits fuel convoy in northern Yemen | Coastal Times</title>
  <meta property="og:title" content="Drone strike hits fuel convoy in northern Yemen">
  <meta property="og:site_name" content="Coastal Times">
  <meta name="author" content="Layla Omar; Tomas Berg">
  <meta property="article:published_time" content="2023-11-14T08:30:00Z">
  <link rel="canonical" href="https://coastal-times.example/yemen/convoy-strike">
</head>
<body>
  <header><nav><ul>
    <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
    <li><a href="/sport">Sport</a></li><li><a href="/login">Sign in</a></li>
  </ul></nav></header>
  <main><article>
    <h1>Drone strike hits fuel convoy in northern Yemen</h1>
    <div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
    <p>SAADA, Yemen (Reuters) - A drone strike hit a convoy of fuel tankers on a mountain road
    in Saada province on Monday, killing at least six drivers, a local health official said.</p>
    <p>The official said the tankers were carrying diesel for the provincial hospital. No one
    claimed responsibility for the strike, which set three vehicles on fire.</p>
    <p>Residents said the road to the provincial capital was blocked for several hours while
    rescuers searched the wreckage. (Reporting by Layla Omar; Editing by Tomas Berg)</p>
    <div class="share"><p>Share this:</p>
      <a href="#">Click to share on Twitter (Opens in new window)</a></div>
  </article>
  <section class="comments" id="comments">
    <h3>3 comments</h3>
    <div class="comment"><p>Terrible news, my cousin drives on that road every week.</p></div>
    <div id="respond"><h3>Leave a Reply</h3>
      <p>Your email address will not be published. Required fields are marked *</p>
      <form><textarea name="comment"></textarea><button>Post Comment</button></form></div>
  </section></main>
  <footer><p>Subscribe to our newsletter</p><p>© Coastal Times. All rights reserved.</p></footer>
</body>
</html>
"""


def test_page_gives_the_story_and_its_metadata() -> None:
    page = read_html(PAGE, url=None)
    report = page.report
    assert report.title == "Drone strike hits fuel convoy in northern Yemen"
    assert report.authors == ("Layla Omar", "Tomas Berg")
    assert report.dateline == ("Saada, Yemen",)
    assert report.agency == "Reuters"
    assert report.truncated is False
    assert page.published == dt.date(2023, 11, 14)
    assert page.outlet == "Coastal Times"
    assert page.url == "https://coastal-times.example/yemen/convoy-strike"
    assert report.text.startswith("A drone strike hit a convoy of fuel tankers")
    assert report.text.endswith("while rescuers searched the wreckage.")
    assert report.text.count("\n\n") == 2  # three paragraphs


@pytest.mark.parametrize(
    "junk",
    [
        "Sport",
        "Sign in",
        "Share on Facebook",
        "Click to share",
        "my cousin drives",
        "Leave a Reply",
        "email address",
        "Post Comment",
        "newsletter",
        "All rights reserved",
        "Reporting by",
        "SAADA",
    ],
)
def test_page_furniture_is_not_in_the_text(junk: str) -> None:
    assert junk not in read_html(PAGE, url=None).report.text


def test_caller_url_wins_and_bytes_are_accepted() -> None:
    page = read_html(PAGE.encode("utf-8"), url="https://mirror.example/story")
    assert page.url == "https://mirror.example/story"
    assert page.report.dateline == ("Saada, Yemen",)


def test_page_without_metadata() -> None:
    html = (
        "<html><body><article><p>Gunmen attacked a police post near the border on Sunday, "
        "killing two officers and wounding four others, a security source said.</p>"
        "<p>The attackers fled on foot, the source said, and a search was under way on "
        "Monday in the hills above the town.</p></article></body></html>"
    )
    page = read_html(html, url=None)
    assert page.published is None
    assert page.outlet is None
    assert page.report.authors == ()
    assert page.report.text.startswith("Gunmen attacked a police post")


def test_page_without_article_text_is_an_error_named_by_its_source() -> None:
    html = (
        "<html><head><title>Login</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    with pytest.raises(InputError) as raised:
        read_html(html, url=None, source_id="pages/login.html")
    assert str(raised.value).startswith("pages/login.html: no article text found in the page")
