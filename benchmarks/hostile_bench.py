"""Time and memory of `nextgen scan` on issue 20's hostile folder (every file that once stopped a
scan, leaked or hung, beside six good documents; benchmarks/hostile.py):

    python benchmarks/hostile_bench.py [--runs 3]

The baseline, in the same run: the six good documents alone, scanned the same way. The ratio says
what the hostile files cost on top of them; the goal is the whole folder under 30 s and 1 GB.
Each figure is the median of `--runs` runs in a fresh process (start-up included, as a user
sees it).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.hostile import GOOD, make_hostile_folder


def scan_folder(folder: Path) -> tuple[float, float, int]:
    """Wall seconds, peak memory (MB) of the scan process, and its exit code."""
    measure = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    command = [sys.executable, "-m", "nextgen_assistant", "scan", str(folder), "--format",
               "json", "--as-of", "2026-11-25"]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", measure, *command], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - started
    code, peak_kb = done.stdout.split()
    return seconds, int(peak_kb) / 1024, int(code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        hostile = make_hostile_folder(Path(scratch))
        good = Path(scratch) / "good"
        good.mkdir()
        for name in GOOD:
            shutil.copy(hostile / name, good / name)
        rows = []
        for label, folder in (("six good documents (baseline)", good), ("hostile folder", hostile)):
            runs = [scan_folder(folder) for _ in range(args.runs)]
            seconds = statistics.median(run[0] for run in runs)
            peak = max(run[1] for run in runs)
            rows.append((label, seconds, peak, runs[0][2]))
        base = rows[0][1]
        print("| folder | scan (median) | vs baseline | peak memory | exit |")
        print("|---|---|---|---|---|")
        for label, seconds, peak, code in rows:
            print(f"| {label} | {seconds:.1f} s | {seconds / base:.2f}x | {peak:.0f} MB | {code} |")


if __name__ == "__main__":
    main()
