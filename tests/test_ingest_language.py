"""Language: English is read, other languages are skipped with a message, short texts pass."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
from pathlib import Path

from warmonitor.config import IngestConfig
from warmonitor.ingest.inputs import iter_articles
from warmonitor.ingest.language import check_language, detect_language
from warmonitor.model import Article, FailedInput

# Invented reports, written for these tests.
GERMAN = (
    "Bei einem Luftangriff auf einen Markt im Norden des Landes sind am Dienstag mindestens "
    "zwölf Menschen getötet worden, teilte ein Sprecher der örtlichen Behörden mit."
)
FRENCH = (
    "Au moins douze personnes ont été tuées mardi dans une attaque contre un marché près de "
    "Gao, selon un responsable local."
)
ENGLISH_WITH_NAMES = (
    "Fighters of Jama'at Nusrat al-Islam wal-Muslimin attacked Boulkessi, Mondoro and Dioura "
    "on Tuesday, the army said."
)


def test_detect_language() -> None:
    code, confidence = detect_language(GERMAN)
    assert code == "de"
    assert confidence > 0.9


def test_english_full_of_local_names_is_read() -> None:
    check = check_language(ENGLISH_WITH_NAMES, IngestConfig())
    assert check.accepted
    assert check.code == "en"


def test_short_text_is_assumed_english() -> None:
    check = check_language("Kampfe in Gao.", IngestConfig())
    assert (check.code, check.accepted) == ("en", True)


def test_non_english_input_is_skipped_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "bericht.txt"
    path.write_text(GERMAN, encoding="utf-8")
    (skipped,) = iter_articles([str(path)], IngestConfig())
    assert skipped == FailedInput(
        str(path),
        f"{path}: text is in German (de), warmonitor reads English only; skipped",
        skipped=True,
    )


def test_other_languages_can_be_accepted() -> None:
    config = dataclasses.replace(IngestConfig(), languages=("en", "fr"))
    (article,) = iter_articles(["-"], config, stdin=io.BytesIO(FRENCH.encode()))
    assert isinstance(article, Article)
    assert article.language == "fr"
    (skipped,) = iter_articles(["-"], config, stdin=io.BytesIO(GERMAN.encode()))
    assert isinstance(skipped, FailedInput)
    assert skipped.message.endswith("warmonitor reads English and French only; skipped")


def test_nothing_heavy_is_loaded_at_import() -> None:
    code = (
        "import sys, warmonitor.ingest.inputs; "
        "heavy = [m for m in ('py3langid', 'trafilatura', 'numpy', 'lxml') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src},
    )
    assert result.stdout.strip() == ""
