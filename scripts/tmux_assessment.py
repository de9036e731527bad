"""A full self-assessment in the terminal app, driven in tmux as a person would, with a text
capture of the screen at every step for a reviewer to read.

    python scripts/tmux_assessment.py --size 80x24 --out captures/80x24
    python scripts/tmux_assessment.py --size 120x35 --out captures/120x35

Every step waits on what the screen shows, never on a fixed sleep, so a loaded machine only
makes it slower: each step waits for the question it answers (or the screen it names) to be
on screen and to hold still, saves that screen as NN-<step>.txt, and presses the keys a person
presses there. The keys of one step are typed in one breath, as a hurried person types them
(a double ctrl+s and typing ahead included): the app must keep them in order. A reading of
free text is confirmed with y when asked, once: the script waits until the question has gone
before looking again. It ends with F5, the documents (F6; the sample partnership's folder
typed as a path, attached and scanned: a, s), the report (F7; ↓ to the first indicator not
met; Page Down until its next steps are in view), the command palette with its commands
listed, and ctrl+q, and prints how long the run and quitting took. Needs tmux; runs on a tmux
server of its own (its socket in a folder made for the run: other tmux sessions, other runs
of this script included, never meet it) and a fresh database in the output folder.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SESSION = "nextgen-demo"
KEY_NAMES = {"Enter", "Escape", "Down", "PageDown", "C-s", "C-p", "C-q", "F3", "F5", "F6", "F7"}
POLL_SECONDS = 0.05  # how often the screen is read while waiting; never a wait for its own sake
PATIENCE_SECONDS = 120.0  # the most any one screen may take, on the slowest machine

# (what must be on screen, keys to press, name of the capture)
STEPS: list[tuple[str, list[str], str]] = [
    ("+ New assessment", ["Enter"], "home-enter"),
    (
        "What is the partnership called?",
        ["Front Range Manufacturing Partnership", "C-s", "C-s", "manufacturing"],
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
    ("That's the last question", ["F5"], "end"),
    ("answered ·", ["F6"], "summary"),
]
DOCUMENTS = ROOT / "sample_docs" / "front-range-manufacturing"
STATUSES = ("meets", "partial", "gap", "unknown")
STATUSES_ROW = [[status] for status in STATUSES]  # a table row ends with its status


class Tmux:
    """One tmux server of this run's own and its pane: its socket is in a folder made for this
    run (tmux -S), so no other tmux server, another run of this script's included, can be the
    one driven."""

    def __init__(self, folder: Path) -> None:
        self.socket = str(folder / "tmux.socket")

    def run(self, *args: str) -> str:
        """Run tmux on this server and return its output."""
        return subprocess.run(
            ["tmux", "-S", self.socket, *args], check=True, capture_output=True, text=True
        ).stdout

    def screen(self) -> str:
        """The pane as text."""
        return self.run("capture-pane", "-p", "-t", SESSION)

    def press(self, key: str) -> None:
        """A key by its tmux name (Enter, C-s), or text typed as it is."""
        literal = key not in KEY_NAMES
        self.run("send-keys", "-t", SESSION, *(["-l", key] if literal else [key]))

    def stop(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)


def flowing(shown: str) -> str:
    """The screen's main column as one line of words: wrapped questions match whole (the
    side panel, right of the last '│' on a row, is left out)."""
    rows = [row.rsplit("│", 1)[0] if row.count("│") == 1 else row for row in shown.splitlines()]
    return " ".join(" ".join(rows).split())


def asking_to_confirm(shown: str) -> bool:
    """The answer area's heading asks to confirm a reading (the side panel shares its row,
    so compare the start)."""
    return any(line.startswith(" Is that right? ") for line in shown.splitlines())


def wait_until(tmux: Tmux, ready: Callable[[str], bool], what: str) -> str:
    """Poll the screen until `ready` holds on it and it holds still (two readings alike, so
    the capture is not caught mid-draw); confirm a reading of free text on the way, once."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    before = ""
    while time.monotonic() < deadline:
        shown = tmux.screen()
        if asking_to_confirm(shown) and not ready(shown):
            tmux.press("y")
            # Until the question has gone: a second y would be typed into the next answer.
            while asking_to_confirm(tmux.screen()):
                if time.monotonic() > deadline:
                    raise SystemExit(f"y was not taken; the screen was:\n{tmux.screen()}")
                time.sleep(POLL_SECONDS)
            before = ""
            continue
        if ready(shown) and shown == before:
            return shown
        before = shown if ready(shown) else ""
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"gave up waiting for {what}; the screen was:\n{tmux.screen()}")


def showing(text: str) -> Callable[[str], bool]:
    """The screen's main column says `text`."""
    return lambda shown: text in flowing(shown)


def run(tmux: Tmux, out: Path) -> int:
    """Answer every question, then the ending; a capture per step. Returns how many."""
    number = 0

    def capture(name: str, shown: str) -> None:
        nonlocal number
        number += 1
        (out / f"{number:02d}-{name}.txt").write_text(shown)

    for expect, keys, name in STEPS:
        # The screen as the person sees it before answering: the question and the last reply.
        capture(name, wait_until(tmux, showing(expect), repr(expect)))
        for key in keys:
            tmux.press(key)
    # F6 was pressed: the partnership's documents, by a path typed (/ goes to the path box)
    # then Enter, a (attach) and s (scan) in one breath.
    capture("documents", wait_until(tmux, documents_shown, "the Documents screen"))
    for key in [str(DOCUMENTS), "Enter", "a", "s"]:
        tmux.press(key)
    capture("documents-scanned", wait_until(tmux, showing("documents read"), "the scan"))
    tmux.press("Escape")
    capture("after-scan", wait_until(tmux, showing("That's the last question"), "the end"))
    tmux.press("F7")
    shown = wait_until(tmux, report_drawn, "the report and its first indicator's drill-down")
    capture("report", shown)
    # ↓ to the first indicator not met (its drill-down has next steps), in one breath.
    rows = [line.split() for line in shown.splitlines() if line.split()[-1:] in STATUSES_ROW]
    pick = next(i for i, row in enumerate(rows) if row[-1] != "meets")
    title = " ".join(word for word in rows[pick] if word not in STATUSES and not _figure(word))
    for _ in range(pick):
        tmux.press("Down")
    status = rows[pick][-1]
    shown = wait_until(tmux, showing(f"{title}: {status}"), f"the drill-down of {title}")
    capture("report-not-met", shown)
    for _ in range(8):  # Page Down until its next steps are in view
        tmux.press("PageDown")
        shown = wait_until(tmux, lambda now, then=shown: now != then, "Page Down to scroll")
        if "Next steps" in flowing(shown):
            break
    else:
        raise SystemExit(f"Page Down never brought the next steps into view:\n{shown}")
    capture("report-page-down", shown)
    tmux.press("C-p")
    capture("palette", wait_until(tmux, palette_listing, "the palette's commands"))
    # Escape then ctrl+q at once reads as alt+ctrl+q in a terminal: quit once it is closed.
    tmux.press("Escape")
    capture("palette-closed", wait_until(tmux, palette_closed, "the palette to close"))
    return number


def _figure(word: str) -> bool:
    """A score in the report's table ("4.6") or its dash for none."""
    return word in ("–", "-") or word.replace(".", "", 1).isdigit()


def documents_shown(shown: str) -> bool:
    """The Documents screen with its folder tree drawn."""
    return "Documents" in shown and "📂" in shown and "a Attach" in shown


def report_drawn(shown: str) -> bool:
    """The report screen, its first indicator's drill-down drawn under the table (its heading
    is the indicator's title and status)."""
    words = flowing(shown)
    return "Gap report" in shown and "Regional labor-market footprint: " in words


def palette_listing(shown: str) -> bool:
    """The command palette, open, with its commands listed."""
    return "Search for commands" in shown and all(
        command in shown for command in ("New assessment", "Attach documents", "Report")
    )


def palette_closed(shown: str) -> bool:
    return "Gap report" in shown and "Search for commands" not in shown


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
    tmux = Tmux(Path(tempfile.mkdtemp(prefix="nextgen-tmux-")))
    print(f"tmux -S {tmux.socket} attach  # to watch", file=sys.stderr)
    started = time.monotonic()
    tmux.run("new-session", "-d", "-x", columns, "-y", rows, "-s", SESSION, command)
    try:
        steps = run(tmux, out)
        answered = time.monotonic() - started
        quitting = time.monotonic()
        tmux.press("C-q")
        while not done.exists():
            if time.monotonic() - quitting > 30:
                raise SystemExit("the app did not quit within 30 s")
            time.sleep(POLL_SECONDS)
        print(
            f"{steps} steps captured in {out} in {answered:.1f} s; "
            f"ctrl+q took {time.monotonic() - quitting:.2f} s"
        )
    finally:
        tmux.stop()
        shutil.rmtree(Path(tmux.socket).parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
