"""The plain line mode (piped, killed and resumed), and answers files in and out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from nextgen_assistant.dialogue.store import Store
from tests.conftest import SAMPLE_DOCS, run_nextgen


def test_plain_mode_works_from_a_pipe(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    done = run_nextgen(
        "assess",
        "--plain",
        "--db",
        str(db),
        stdin="Pipe Partnership\nmanufacturing\nWeld County\n1\n",
    )
    assert done.returncode == 0, done.stderr
    assert "Resume with: nextgen assess --plain --resume 1" in done.stdout
    answers = Store(db).load(1).answers
    assert (
        answers["partnership_name"].value == "Pipe Partnership"
        and answers["respondent_role"].value == "business_leader"
    )


def test_a_killed_plain_session_resumes_with_every_answer(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "nextgen_assistant", "assess", "--plain", "--db", str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    for line in ["Killed Partnership", "health care", "Mesa and Delta counties", "2", "3"]:
        process.stdin.write(line + "\n")
        process.stdin.flush()
    deadline = time.time() + 60
    seen = ""
    while "member companies operate" not in seen or "Noted: 3" not in seen:
        seen += process.stdout.readline()
        assert time.time() < deadline, seen
    process.send_signal(signal.SIGKILL)
    process.wait()
    answers = Store(db).load(1).answers
    assert {"partnership_name", "industry", "region", "respondent_role", "rlm_counties"} <= set(
        answers
    )
    resumed = run_nextgen("assess", "--plain", "--db", str(db), "--resume", "1", stdin="")
    assert (
        "Welcome back" in resumed.stdout
        and "How was the partnership's region defined" in resumed.stdout
    )


def test_answers_file_is_stored_and_exported(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    done = run_nextgen(
        "assess",
        "--answers",
        str(SAMPLE_DOCS / "pueblo-county-workforce" / "answers.yaml"),
        "--db",
        str(db),
        "--as-of",
        "2026-11-25",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
    exported = run_nextgen("sessions", "export", "1", "--db", str(db))
    data = yaml.safe_load(exported.stdout)
    assert data["partnership"]["name"].startswith("Pueblo County")
    assert data["answers"]["sap_updated"] == "2021-06-01" and data["answers"]["mr_outcomes"] == [
        "meetings_only"
    ]


def test_bad_answers_file_names_the_ids_and_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        yaml.safe_dump(
            {
                "partnership": {"name": "Bad"},
                "answers": {"rlm_counties": "many", "no_such_question": 3, "psl_chair": "mayor"},
            }
        )
    )
    done = run_nextgen("assess", "--answers", str(bad), "--db", str(db))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    for words in (
        "rlm_counties",
        "no_such_question",
        "psl_chair",
        "a number from 1",
        "Nothing was stored",
    ):
        assert words in done.stderr
    assert Store(db).list() == []
