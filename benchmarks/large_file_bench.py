"""Time and memory of `nextgen scan` on one large text file (10, 50 and 100 MB by default):

    python benchmarks/large_file_bench.py [--sizes 10 50 100] [--out DIR]

Each file is meeting-note prose mixed with the lexicons' own example sentences (so the checker
has real work), fixed seed. Two baselines are measured in the same run:

- reading: a plain `read_bytes().decode()` of the same file, seconds per MB;
- a 1 MB file scanned the same way, seconds per MB: a ratio near 1 at 100 MB means time grows
  linearly with size (the file is read and checked in bounded parts).

Seconds per MB leave out the start-up (Python, spaCy, the lexicons: a scan of a 1 KB file).

Peak memory is the maximum resident size of the scanning process (goal: under 500 MB).
`--one-paragraph` writes each large file as one paragraph on one line, the case a reader cannot
split at a blank line or a line end.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import FILLER
from nextgen_assistant.signals.lexicon import load_lexicons

_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL,"
    " stderr=subprocess.PIPE, text=True)\n"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.stderr.write(done.stderr[-2000:])\n"
)
MB = 1024 * 1024


def write_large_text(path: Path, megabytes: float, seed: int = 7, *, breaks: str = "\n\n") -> None:
    """Paragraphs of three to seven sentences until the file reaches `megabytes`, separated by
    `breaks` (a space: the whole file one paragraph on one line)."""
    rng = random.Random(seed)
    bank = [s for rule in load_lexicons().rules for s in rule.examples.match]
    target = int(megabytes * MB)
    with path.open("w", encoding="utf-8") as out:
        while out.tell() < target:
            sentences = [
                rng.choice(bank) if rng.random() < 0.35 else rng.choice(FILLER)
                for _ in range(rng.randint(3, 7))
            ]
            out.write(" ".join(sentences) + breaks)


def scan_file(path: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one `nextgen scan` of `path`, in a fresh parent."""
    size_mb = path.stat().st_size / MB
    command = [
        sys.executable,
        "-m",
        "nextgen_assistant",
        "scan",
        str(path),
        "--format",
        "json",
        "-o",
        "/dev/null",
        "--as-of",
        "2026-11-25",
        "--max-mb",
        str(int(size_mb) + 10),
    ]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], check=True, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    status, peak_kb = done.stdout.split()
    if status != "0":
        raise SystemExit(f"scan of {path} failed ({status}): {done.stderr}")
    return wall, int(peak_kb) / 1024


def read_seconds_per_mb(path: Path) -> float:
    """The baseline: reading and decoding the file, nothing else."""
    start = time.perf_counter()
    path.read_bytes().decode("utf-8")
    return (time.perf_counter() - start) / (path.stat().st_size / MB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 50, 100])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--one-paragraph",
        action="store_true",
        help="each large file one paragraph on one line (no line breaks at all)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.out or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        tiny = folder / "one-kb.txt"
        write_large_text(tiny, 1 / 1024)
        startup, startup_peak = scan_file(tiny)
        print(f"start-up (a 1 KB file): {startup:.1f} s, {startup_peak:.0f} MB")
        small = folder / "one-mb.txt"
        write_large_text(small, 1)
        base_wall, base_peak = scan_file(small)
        base_rate = (base_wall - startup) / (small.stat().st_size / MB)
        print(
            f"baseline: 1 MB scanned in {base_wall:.1f} s ({base_rate:.2f} s/MB), {base_peak:.0f} MB"
        )
        print("| file | scan | s per MB | vs 1 MB file | vs plain read | peak memory |")
        print("|---|---|---|---|---|---|")
        for size in args.sizes:
            path = folder / f"large-{size:g}mb.txt"
            write_large_text(path, size, breaks=" " if args.one_paragraph else "\n\n")
            read_rate = read_seconds_per_mb(path)
            wall, peak = scan_file(path)
            rate = (wall - startup) / (path.stat().st_size / MB)
            print(
                f"| {size:g} MB | {wall:.0f} s | {rate:.2f} | {rate / base_rate:.2f}x "
                f"| {rate / read_rate:,.0f}x | {peak:.0f} MB |",
                flush=True,
            )
            path.unlink()


if __name__ == "__main__":
    main()
