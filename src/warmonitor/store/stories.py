"""Stories in the database: finding the stored story an article copies, and storing a copy.

A copy is stored as an article of its own (its outlet, URL and date are facts about the
report), but nothing is read from it again: it becomes one more report of every event its
story's first article reported.
"""

from __future__ import annotations

from warmonitor.dedup import Fingerprint, containment, is_copy
from warmonitor.model import Article
from warmonitor.store.codec import article_to_row
from warmonitor.store.connection import Connection
from warmonitor.store.records import SaveResult
from warmonitor.store.writer import insert_row


def select_story(conn: Connection, fingerprint: Fingerprint) -> str | None:
    """The story id of the stored article most like this fingerprint, if it is a copy."""
    placeholders = ", ".join("?" for _ in fingerprint.bands)
    rows = conn.execute(
        "SELECT DISTINCT a.id, a.story_id, f.signature, f.shingles FROM fingerprint_bands AS b "
        "JOIN article_fingerprints AS f ON f.article_id = b.article_id "
        "JOIN articles AS a ON a.id = b.article_id "
        f"WHERE b.band_key IN ({placeholders})",
        fingerprint.bands,
    ).fetchall()
    copies = []
    for row in rows:
        stored = Fingerprint(row["signature"], (), row["shingles"])
        if is_copy(fingerprint, stored):
            copies.append((containment(fingerprint, stored), row["story_id"] or row["id"]))
    if not copies:
        return None
    # The most similar; a tie goes to the smaller id, so row order never decides.
    return min(copies, key=lambda pair: (-pair[0], pair[1]))[1]


def write_fingerprint(conn: Connection, article_id: str, fingerprint: Fingerprint) -> None:
    row = {
        "article_id": article_id,
        "signature": fingerprint.signature,
        "shingles": fingerprint.shingles,
    }
    insert_row(conn, "article_fingerprints", row)
    for key in fingerprint.bands:
        insert_row(conn, "fingerprint_bands", {"band_key": key, "article_id": article_id})


def write_copy(
    conn: Connection, article: Article, story_id: str, fingerprint: Fingerprint, now: str
) -> SaveResult:
    """Store ``article`` as a copy of ``story_id``: a report of each of the story's events."""
    row = article_to_row(article, now) | {"story_id": story_id}
    if insert_row(conn, "articles", row) == 0:
        return SaveResult(False, 0, 0)
    write_fingerprint(conn, article.id, fingerprint)
    conn.execute(
        "INSERT INTO event_reports (event_id, article_id, created_at) "
        "SELECT DISTINCT event_id, ?, ? FROM event_reports WHERE article_id = ? "
        "ON CONFLICT DO NOTHING",
        (article.id, now, story_id),
    )
    conn.execute(
        "UPDATE events SET updated_at = ? WHERE updated_at < ? AND id IN "
        "(SELECT event_id FROM event_reports WHERE article_id = ?)",
        (now, now, article.id),
    )
    return SaveResult(True, 0, 0, copy_of=story_id)
