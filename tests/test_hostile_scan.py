"""Issue 20's "done": a scan of a folder holding every hostile case beside good documents finishes
with exit 1, every good document reported, each bad one named with a sentence, no traceback,
in under 1 GB (the time, under 30 s, by benchmarks/hostile_bench.py); nothing outside the folder is read, nothing reaches the terminal
as control codes or markup. Every hostile file is made in tmp_path (benchmarks/hostile.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.hostile import GOOD, make_hostile_folder

_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "sys.stdout.write(done.stdout)\n"
    "sys.stderr.write(done.stderr)\n"
    "sys.stderr.write(f'\\nPEAK_KB={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n')\n"
    "sys.exit(done.returncode)\n"
)


def _scan(folder: Path, *options: str) -> tuple[subprocess.CompletedProcess[str], float, float]:
    return _nextgen("scan", str(folder), *options)


def _nextgen(*args: str) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """`nextgen ARGS` in a child process: what it did, its seconds and its peak memory in MB."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    command = [sys.executable, "-m", "nextgen_assistant", *args]
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        errors="replace",
    )
    seconds = time.monotonic() - started
    peak_mb = int(done.stderr.rsplit("PEAK_KB=", 1)[1]) / 1024
    return done, seconds, peak_mb


def test_a_folder_of_hostile_files_beside_good_ones(tmp_path: Path) -> None:
    docs = make_hostile_folder(tmp_path)
    done, _seconds, peak_mb = _scan(docs, "--format", "json", "--as-of", "2026-11-25")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    # The time (under 30 s on this machine) is measured by benchmarks/hostile_bench.py, not
    # asserted: a test must hold on a loaded machine.
    # Each file is scanned in turn, so the folder's peak bounds every file's: the goal for one file
    # within the limits (here a 5.6 MB paragraph, a 3 MB file and 1.9 MB on one line) is 500 MB, for the folder 1 GB.
    assert peak_mb < 500, f"{peak_mb:.0f} MB"
    data = json.loads(done.stdout)
    by_name = {Path(d["name"]).name: d for d in data["documents"]}
    for name in GOOD:
        assert by_name[name]["status"] == "ok" and by_name[name]["signals"], name
    for name in ("broken.pdf", "fake.docx", "bomb.docx", "binary.txt"):
        error = by_name[name]["error"]
        assert by_name[name]["status"] == "error" and error and " " in error, name
        assert f"{name}: {error}" in done.stderr, name  # exit 1 says why, outside the JSON too
    for name in ("equals.txt", "brackets.txt", "one-paragraph.txt", "long-token.md",
                 "big-cell.csv", "large.txt", "one-line.txt", "utf16.txt", "notes.txt"):  # fmt: skip
        assert by_name[name]["status"] == "ok", (name, by_name[name]["error"])
    assert any(s["rule"] for s in by_name["utf16.txt"]["signals"])
    assert any("caf\ufffd-\ufffd" in d["name"] for d in data["documents"])
    large = by_name["large.txt"]
    words = len((docs / "hostile" / "large.txt").read_text().split())
    assert large["words"] == words and large["signals"]
    # Nothing outside the folder was read, and each link not followed says why.
    text = done.stdout
    assert "secret plan" not in text and "outside" not in {p.name for p in Path("/").iterdir()}
    skipped = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    for name, words in (
        ("loop-a.txt", "loop"),
        ("loop-b.txt", "loop"),
        ("nothing.txt", "missing"),
        ("secret.txt", "outside"),
        ("outside-folder", "outside"),
    ):
        assert words in skipped[name], (name, skipped.get(name))
    assert "again.txt" not in by_name  # the same file as bylaws.txt: read once
    assert sum(1 for d in data["documents"] if d["name"].endswith("bylaws.txt")) == 1


def test_the_terminal_table_carries_no_control_codes_or_live_markup(tmp_path: Path) -> None:
    docs = make_hostile_folder(tmp_path)
    done, _seconds, _peak = _scan(docs, "--format", "table", "--as-of", "2026-11-25")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    shown = done.stdout + done.stderr.rsplit("PEAK_KB=", 1)[0]
    for code in ("\x1b", "\x07", "\x9b"):
        assert code not in shown, repr(code)
    assert "[link=javascript:alert(1)]evil[/x]broken.pdf" in shown  # text, not a hyperlink
    assert "title.pdf" in shown  # the window-title sequence and the C1 CSI are gone
    assert "broken.pdf" in shown and "could not be read" in shown


def test_a_report_on_unreadable_documents_says_why_on_stderr(tmp_path: Path) -> None:
    docs = make_hostile_folder(tmp_path)
    done, _seconds, _peak = _nextgen("report", "--docs", str(docs), "--as-of", "2026-11-25")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    said = done.stderr.rsplit("PEAK_KB=", 1)[0]
    for name in ("broken.pdf", "fake.docx", "bomb.docx", "binary.txt"):
        line = next((line for line in said.splitlines() if name in line), None)
        assert line is not None and len(line.rsplit(name, 1)[1].split()) >= 4, (name, said)
    assert "\x1b" not in said and "[link=javascript:alert(1)]evil[/x]broken.pdf" in said
    assert "## " in done.stdout  # the report itself still comes out
