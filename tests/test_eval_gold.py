"""`warmonitor eval` on the shared gold sets: one table, and the same numbers as JSON."""

import json
import subprocess
import sys

from tests.conftest import GOLD, shared_file


def test_eval_prints_a_table_and_writes_json(tmp_path):
    gold = shared_file(GOLD / "case2021_task2.dev.jsonl").parent
    out = tmp_path / "scores.json"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "warmonitor",
            "eval",
            "--gold",
            str(gold),
            "--limit",
            "40",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr
    assert "sub-event type weighted F1" in completed.stdout
    scores = json.loads(out.read_text())["scores"]
    metrics = {(s["dataset"], s["metric"]) for s in scores}
    assert ("case2021_task2", "sub-event type weighted F1") in metrics
    assert ("plover_gsr", "event type accuracy") in metrics
    for score in scores:
        assert 0.0 <= score["score"] <= 1.0 and score["items"] > 0


def test_eval_missing_gold_folder_is_a_clean_error(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "warmonitor", "eval", "--gold", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode != 0
    assert "Traceback" not in completed.stderr and "no such folder" in completed.stderr
