"""The plain-text cleaner: headline, byline, dateline, boilerplate, truncation, whitespace."""

from __future__ import annotations

import pytest

from warmonitor.ingest.text import CleanedReport, clean_report

WIRE_STORY = (
    "Gunmen kill five at market in central Mali\n"
    "\n"
    "By Ann Lee and Omar Diallo\n"
    "\n"
    "MOPTI, Mali (Reuters) – Gunmen on motorbikes opened fire at a weekly market near Mopti on "
    "Sunday, killing at least five people, a local official said.\n"
    "\n"
    "The official, who asked not to be named, said the attackers fled towards the border with "
    "Burkina Faso.\n"
)


def test_wire_story_gives_title_authors_dateline_and_agency() -> None:
    report = clean_report(WIRE_STORY)
    assert report == CleanedReport(
        text=(
            "Gunmen on motorbikes opened fire at a weekly market near Mopti on Sunday, killing at "
            "least five people, a local official said.\n\nThe official, who asked not to be "
            "named, said the attackers fled towards the border with Burkina Faso."
        ),
        title="Gunmen kill five at market in central Mali",
        authors=("Ann Lee", "Omar Diallo"),
        dateline=("Mopti, Mali",),
        agency="Reuters",
        truncated=False,
    )


@pytest.mark.parametrize(
    ("byline", "authors", "agency"),
    [
        ("By Ann Lee and Omar Diallo", ("Ann Lee", "Omar Diallo"), None),
        (
            "By Ann Lee, Omar Diallo and Sara Haddad",
            ("Ann Lee", "Omar Diallo", "Sara Haddad"),
            None,
        ),
        ("By Ann Lee | Reuters", ("Ann Lee",), "Reuters"),
        ("By Ann Lee (AP)", ("Ann Lee",), "AP"),
        ("By Ann Lee in Kabul", ("Ann Lee",), None),
        ("By Ann Lee in Kabul and Omar Diallo in Bamako", ("Ann Lee", "Omar Diallo"), None),
        ("BY ANN LEE", ("Ann Lee",), None),
        ("By Ann Lee, Staff Writer", ("Ann Lee",), None),
        ("By Reuters Staff", (), "Reuters"),
    ],
)
def test_byline_forms(byline: str, authors: tuple[str, ...], agency: str | None) -> None:
    report = clean_report(f"Headline here\n\n{byline}\n\nThe army said the town was calm.")
    assert report.authors == authors
    assert report.agency == agency
    assert report.text == "The army said the town was calm."


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    raw = "By Tuesday, the army had retaken the town.\n\nResidents began to return."
    report = clean_report(raw)
    assert report.authors == ()
    assert report.text.startswith("By Tuesday, the army had retaken the town.")


@pytest.mark.parametrize(
    ("first_paragraph", "dateline", "agency", "rest"),
    [
        (
            "MOSUL, Iraq/RAQQA, Syria (Reuters) – Fighting went on.",
            ("Mosul, Iraq", "Raqqa, Syria"),
            "Reuters",
            "Fighting went on.",
        ),
        ("BEIRUT (AP) — Fighting went on.", ("Beirut",), "AP", "Fighting went on."),
        ("KABUL, Dec 3 (Reuters) - Fighting went on.", ("Kabul",), "Reuters", "Fighting went on."),
        ("GAZA CITY, July 2 (AFP) -Fighting went on.", ("Gaza City",), "AFP", "Fighting went on."),
        ("Kyiv, Ukraine (CNN)—Fighting went on.", ("Kyiv, Ukraine",), "CNN", "Fighting went on."),
        ("UNITED NATIONS — Fighting went on.", ("United Nations",), None, "Fighting went on."),
        (
            "DEIR AL-ZOR, Syria (Associated Press) — Fighting went on.",
            ("Deir al-Zor, Syria",),
            "AP",
            "Fighting went on.",
        ),
        (
            "KINSHASA, 12 March (Agence France-Presse) -- Fighting went on.",
            ("Kinshasa",),
            "AFP",
            "Fighting went on.",
        ),
        (
            "KHARTOUM (Sudan Tribune) – Fighting went on.",
            ("Khartoum",),
            "Sudan Tribune",
            "Fighting went on.",
        ),
        (
            "STOCKTON-  Police say two men were shot.",
            ("Stockton",),
            None,
            "Police say two men were shot.",
        ),
        ("MEMPHIS, Tenn. -- Two men were shot.", ("Memphis, Tenn.",), None, "Two men were shot."),
        # A broadcaster's call name with its channel, and a colon after it.
        ("SAN DIEGO (KXYZ 8) - Two men were shot.", ("San Diego",), "KXYZ 8", "Two men were shot."),
        ("MOBILE, Ala (WXYZ): Two men were shot.", ("Mobile, Ala",), "WXYZ", "Two men were shot."),
        # A release's place and day, in any case.
        (
            "Edmonton, Ky. (November 28, 2016) – Troopers were called to a shooting.",
            ("Edmonton, Ky.",),
            None,
            "Troopers were called to a shooting.",
        ),
    ],
)
def test_dateline_forms(
    first_paragraph: str, dateline: tuple[str, ...], agency: str | None, rest: str
) -> None:
    report = clean_report(first_paragraph)
    assert report.dateline == dateline
    assert report.agency == agency
    assert report.text == rest


@pytest.mark.parametrize(
    "paragraph",
    [
        "The Syrian Observatory (SOHR) - a monitor - said fighting went on.",
        "Al-Shabaab fighters - dozens of them - attacked the base.",
        "Officials said on Friday — without giving details — that talks had stalled.",
        "Police said (on Monday) - after a long search - that the man was found.",
        "The Army (the Second Brigade): it said nothing more.",
    ],
)
def test_sentences_with_dashes_are_not_datelines(paragraph: str) -> None:
    report = clean_report(paragraph)
    assert report.dateline == ()
    assert report.agency is None
    assert report.text == paragraph


def test_a_dateline_after_a_caption_is_read() -> None:
    report = clean_report(
        "Watch the video of the scene\n\nHOBART, Okla. - A boy was shot on Sunday, deputies said.",
        title="Boy shot near Hobart",
    )
    assert report.dateline == ("Hobart, Okla.",)
    assert report.text == "Watch the video of the scene\n\nA boy was shot on Sunday, deputies said."


def test_no_dateline_is_looked_for_after_the_lead() -> None:
    lead = "A man was shot dead outside a bar on Friday night, and police are looking for two men."
    report = clean_report(f"{lead}\n\nDAYTON - Officers said more later.")
    assert report.dateline == ()


BOILERPLATE_LINES = [
    "Read the full article from the Source…",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Comment",
    "Name *",
    "Post Comment",
    "Share this:",
    "Click to share on Twitter (Opens in new window)",
    "Share on Facebook",
    "Tweet",
    "Related",
    "Advertisement",
    "Subscribe to our newsletter",
    "© Sahel Daily Courier. All rights reserved.",
    "Copyright 2024 Sahel Daily Courier",
    "We use cookies to give you the best experience on our website.",
    "Source: Sahel Daily Courier",
    "Read more at Sahel Daily Courier",
    "Continue reading",
    "(Reporting by Ann Lee in Bamako; Editing by Omar Diallo)",
    "Reporting by Ann Lee; Editing by Omar Diallo",
]


@pytest.mark.parametrize("line", BOILERPLATE_LINES)
def test_boilerplate_line_is_removed_wherever_it_sits(line: str) -> None:
    raw = f"The army said the town was calm.\n\n{line}\n\nResidents began to return home."
    report = clean_report(raw)
    assert line not in report.text
    assert report.text.startswith("The army said the town was calm.")
    # Only a comment-section opener removes what follows it.
    if line != "Leave a Reply":
        assert report.text.endswith("Residents began to return home.")


def test_comment_section_is_removed_with_everything_after_it() -> None:
    raw = (
        "The army said the town was calm.\n\nLeave a Reply\n\nGreat article, thanks!\n\n"
        "Name *\n\nPost Comment"
    )
    assert clean_report(raw).text == "The army said the town was calm."


def test_wire_credit_at_the_end_of_a_paragraph_is_removed() -> None:
    raw = "The army said the town was calm. (Reporting by Ann Lee; Editing by Omar Diallo)"
    assert clean_report(raw).text == "The army said the town was calm."


def test_sentences_that_mention_reporting_or_sources_are_kept() -> None:
    raw = (
        "Reporting by local media suggested that 12 people died.\n\n"
        "Sources said the attack began at dawn.\n\nMore on the talks is expected on Friday."
    )
    assert clean_report(raw).text == raw


@pytest.mark.parametrize(
    ("last_paragraph", "truncated"),
    [
        ("Those who escaped on…", True),
        ("Those who escaped on...", True),
        ("The army said the town was calm. […]", True),
        ("The army said the town was calm.", False),
        ("The army said the town was calm. …", False),
        ("The army said the town was calm...", True),  # no way to tell it from a cut
        ("He said: “We will see.”", False),
    ],
)
def test_truncation_from_the_last_paragraph(last_paragraph: str, truncated: bool) -> None:
    report = clean_report(f"Fighting went on near the airport.\n\n{last_paragraph}")
    assert report.truncated is truncated
    # The cut-off fragment is kept: truncated tells the reader where the text stops.
    assert report.text.endswith(last_paragraph)


def test_aggregator_trailer_marks_an_excerpt() -> None:
    report = clean_report(
        "Fighting went on near the airport.\n\nRead the full article from the Source…"
    )
    assert report.truncated is True
    assert report.text == "Fighting went on near the airport."


def test_whitespace_is_normalised_and_characters_kept() -> None:
    raw = "\ufeff  The  army’s   “big”\tpush\u00a0began.  \r\n\r\n\r\n\r\nIt   ended.  \n"
    report = clean_report(raw)
    assert report.text == "The army’s “big” push began.\n\nIt ended."


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    raw = (
        "Gunmen attacked a checkpoint outside the town\n"
        "on Monday night, killing three police officers,\n"
        "a local official said.\n"
        "Two attackers were arrested."
    )
    assert clean_report(raw).text == (
        "Gunmen attacked a checkpoint outside the town on Monday night, killing three police "
        "officers, a local official said.\n\nTwo attackers were arrested."
    )


def test_paragraphs_a_page_glued_together_are_parted() -> None:
    raw = (
        "A boy was hit by a stray bullet in his Paterson home Monday.Leaving the house on "
        'Tuesday, his mother said he was doing well.”He is a fighter,” she said."We pray," '
        'a neighbour said."Enough."It happened at 6 p.m.The U.S.Army was not there.'
    )
    assert clean_report(raw).text.split("\n\n") == [
        "A boy was hit by a stray bullet in his Paterson home Monday.",
        "Leaving the house on Tuesday, his mother said he was doing well.”",
        "He is a fighter,” she said.",
        '"We pray," a neighbour said.',
        '"Enough."',
        "It happened at 6 p.m.",
        "The U.S.Army was not there.",
    ]


def test_headline_needs_a_blank_line_and_no_final_period() -> None:
    assert clean_report("Short line.\n\nThe army said the town was calm.").title is None
    assert clean_report("Short line\nThe army said the town was calm.").title is None
    assert clean_report("# Army retakes town\n\nThe army said so.").title == "Army retakes town"
    # A lone short line is the text, not a headline with nothing under it.
    assert clean_report("Army retakes town").text == "Army retakes town"


def test_byline_directly_under_the_headline() -> None:
    report = clean_report("Army retakes town\nBy Ann Lee\n\nThe army said the town was calm.")
    assert report.title == "Army retakes town"
    assert report.authors == ("Ann Lee",)


def test_known_title_is_not_guessed_and_its_repeat_is_removed() -> None:
    raw = "Army retakes town\n\nThe army said the town was calm."
    assert clean_report(raw, title="Army  retakes town") == CleanedReport(
        text="The army said the town was calm.", title="Army retakes town"
    )
    other = clean_report("Short line\n\nThe army said so.", title="Another title")
    assert other.title == "Another title"
    assert other.text == "Short line\n\nThe army said so."


def test_only_boilerplate_leaves_no_text() -> None:
    assert clean_report("Advertisement\n\nShare this:\n\nTweet").text == ""
