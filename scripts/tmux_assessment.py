"""A full self-assessment in the terminal app, driven in tmux as a person would, with a text
capture of the screen after every step for a reviewer to read.

    python scripts/tmux_assessment.py --size 80x24 --out captures/80x24
    python scripts/tmux_assessment.py --size 120x35 --out captures/120x35

Each step waits for the question it answers to be on screen (never a fixed sleep), answers it
with the keys a person presses (a double ctrl+s and typing ahead included), and saves the
screen, as the person sees it before pressing, as NN-<step>.txt. Readings of free text are confirmed with y when asked. It ends with F5,
the report (F7, then Page Down to the evidence), the command palette and ctrl+q, and prints
how long quitting took. Needs tmux; uses a fresh database in the output folder.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SESSION = "nextgen-demo"
KEY_NAMES = {"Enter", "Escape", "PageDown", "C-s", "C-p", "C-q", "F3", "F5", "F7"}

# (what must be on screen, keys to press, name of the capture)
STEPS: list[tuple[str, list[str], str]] = [
    ("+ New assessment", ["Enter"], "home-enter"),
    (
        "What is the partnership called?",
        ["Valley Makers Partnership", "C-s", "C-s", "manufacturing"],
        "name-double-send-and-type-ahead",
    ),
    ("Which industry", ["C-s"], "industry"),
    ("Which region does it cover", ["Weld and Larimer counties", "C-s"], "region"),
    ("What is your role", ["1"], "role"),
    ("In how many counties", ["three", "Enter"], "counties-in-words"),
    ("How was the partnership's region defined", ["1"], "region-defined"),
    ("Our region matches where", ["4"], "agree-footprint"),
    (
        "where do your member companies find",
        ["they commute from all over the region", "C-s"],
        "where-workers-come-from",
    ),
    ("how many business leaders attended", ["twelve", "Enter"], "business-attendees"),
    ("And how many public partners", ["6", "Enter"], "public-attendees"),
    ("Who chairs or co-chairs", ["1"], "chair"),
    ("Influential business leaders are engaged", ["4"], "agree-engaged"),
    ("How many companies joined", ["two", "Enter"], "new-companies"),
    (
        "who sets the agenda for meetings",
        ["mostly the workforce board staff who put the agenda together", "C-s"],
        "agenda-setter",
    ),
    ("Which kinds of priorities", ["1", "2", "3", "C-s"], "priorities-number-keys"),
    ("Our priorities were identified", ["3"], "agree-priorities"),
    ("Our solutions aim at economic impact", ["4"], "agree-impact"),
    ("Which public partners take part", ["2", "3", "5", "C-s"], "partner-types"),
    ("Public partners coordinate their support", ["3"], "agree-coordinated"),
    ("How often do the public partners meet", ["2"], "support-team"),
    ("Does the partnership have a written action", ["1"], "has-plan"),
    ("When was the action plan last updated", ["spring of 2023", "Enter"], "plan-date"),
    ("Who would lead a refresh", ["the co-chairs", "C-s"], "refresh-follow-up"),
    ("Who developed the plan", ["2"], "plan-developed-by"),
    ("Action teams led by business champions", ["F3"], "skip-action-teams"),
    ("largest single grant", ["around a third", "Enter"], "grant-share-in-words"),
    ("Which sources support the partnership", ["1", "2", "4", "C-s"], "funding-sources"),
    ("would continue if its main grant ended", ["3"], "agree-survive"),
    ("Which results does the partnership measure", ["1", "2", "C-s"], "outcomes"),
    ("We report measurable results", ["4"], "agree-reported"),
    (
        "Give one result you are proud of",
        ["We placed forty people in jobs last year", "C-s"],
        "result",
    ),
    ("That's the last question", ["F5"], "end-and-summary"),
    ("answered ·", ["F7"], "report"),
    ("Gap report", ["PageDown"], "report-page-down"),
    ("Gap report", ["Escape", "C-p"], "palette"),
    ("Search for commands", ["Escape"], "palette-closed"),
]


def tmux(*args: str) -> str:
    """Run tmux and return its output."""
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def screen() -> str:
    """The pane as text."""
    return tmux("capture-pane", "-p", "-t", SESSION)


def flowing(shown: str) -> str:
    """The screen's main column as one line of words: wrapped questions match whole (the
    side panel, right of the last '│' on a row, is left out)."""
    rows = [row.rsplit("│", 1)[0] if row.count("│") == 1 else row for row in shown.splitlines()]
    return " ".join(" ".join(rows).split())


def wait_for(text: str, timeout: float = 60.0) -> str:
    """Poll the screen until `text` is on it; confirm a reading of free text on the way."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen()
        # The answer area's heading (the side panel shares its row, so compare the start).
        if any(line.startswith(" Is that right? ") for line in shown.splitlines()):
            tmux("send-keys", "-t", SESSION, "y")
            time.sleep(0.3)  # let the key land before reading the screen again
            continue
        if text in flowing(shown):
            time.sleep(0.3)  # a person reads the question before answering; so does this
            if screen() == shown:
                return shown
            continue
        time.sleep(0.1)
    raise SystemExit(f"gave up waiting for {text!r}; the screen was:\n{screen()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="80x24", help="COLUMNSxROWS (default 80x24)")
    parser.add_argument("--out", type=Path, default=Path("captures"))
    parser.add_argument("--as-of", default="2026-11-28")
    args = parser.parse_args()
    columns, rows = args.size.split("x")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    db = out / "assessment.sqlite3"
    for stale in [db, *out.glob("*.txt")]:
        stale.unlink(missing_ok=True)
    done = out / "exited"
    done.unlink(missing_ok=True)
    # The tmux server keeps the environment it started with: pass PYTHONPATH on explicitly.
    path = os.environ.get("PYTHONPATH")
    pythonpath = f"PYTHONPATH={shlex.quote(path)} " if path else ""
    command = (
        f"cd {shlex.quote(str(ROOT))} && {pythonpath}NEXTGEN_DB={shlex.quote(str(db))} "
        f"{shlex.quote(sys.executable)} -m nextgen_assistant assess --as-of {args.as_of}; "
        f"touch {shlex.quote(str(done))}; sleep 2"
    )
    subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    tmux("new-session", "-d", "-x", columns, "-y", rows, "-s", SESSION, command)
    try:
        for number, (expect, keys, name) in enumerate(STEPS, start=1):
            # The screen as the person sees it before answering: the question and the last reply.
            (out / f"{number:02d}-{name}.txt").write_text(wait_for(expect))
            for key in keys:
                literal = key not in KEY_NAMES
                tmux("send-keys", "-t", SESSION, *(["-l", key] if literal else [key]))
        # Escape then ctrl+q at once reads as alt+ctrl+q in a terminal: quit once it is closed.
        deadline = time.monotonic() + 30
        while "Search for commands" in screen() and time.monotonic() < deadline:
            time.sleep(0.1)
        (out / f"{len(STEPS) + 1:02d}-report-before-quitting.txt").write_text(screen())
        started = time.monotonic()
        tmux("send-keys", "-t", SESSION, "C-q")
        while not done.exists():
            if time.monotonic() - started > 30:
                raise SystemExit("the app did not quit within 30 s")
            time.sleep(0.02)
        print(
            f"{len(STEPS)} steps captured in {out}; ctrl+q took {time.monotonic() - started:.2f} s"
        )
    finally:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
