"""How soon the terminal app shows its first question, from a cold process.

    python benchmarks/tui_start.py

Times, in a fresh Python process each: importing Python and Textual alone (the baseline any
Textual app pays), then launching nextgen's app headless to its home screen, and to the first
question of a new assessment (one key press). spaCy and the lexicons load in a background
worker meanwhile; the goal is the first question within 1.5 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BASELINE = (
    "import time; t = time.perf_counter(); import textual.app; print(time.perf_counter() - t)"
)
LAUNCH = """
import asyncio, sys, time
from pathlib import Path
start = time.perf_counter()
from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.screens.conversation import ConversationScreen

async def main():
    app = NextGenApp(db=Path(sys.argv[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = time.perf_counter() - start
        await pilot.press("n")
        while not (isinstance(app.screen, ConversationScreen) and app.conversation and app.conversation.current):
            await pilot.pause(0.01)
        first = time.perf_counter() - start
        print(home, first)

asyncio.run(main())
"""


def _run(code: str, *args: str) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    return [float(x) for x in done.stdout.split()]


def main() -> None:
    runs = 5
    baseline = statistics.median(_run(BASELINE)[0] for _ in range(runs))
    homes, firsts = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(runs):
            home, first = _run(LAUNCH, str(Path(tmp) / f"{index}.sqlite3"))
            homes.append(home)
            firsts.append(first)
    home, first = statistics.median(homes), statistics.median(firsts)
    print(f"import textual.app alone: {baseline:.2f} s (median of {runs} cold processes)")
    print(f"nextgen app to its home screen: {home:.2f} s ({home / baseline:.1f}x the import)")
    print(f"nextgen app to the first question: {first:.2f} s (goal 1.5 s)")


if __name__ == "__main__":
    main()
