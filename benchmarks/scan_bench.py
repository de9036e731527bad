"""Scan speed and memory, from one run:

    python benchmarks/scan_bench.py [--docs 1000] [--words 1500]

1. checker throughput (lemmas, context, extractors) against bare spacy.blank("en") tokenisation of
   the same extracted text, in this process;
2. wall time of `nextgen scan` over the corpus with --jobs 1 and --jobs 2;
3. peak memory (max RSS of the scanning process) for a quarter of the corpus and all of it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spacy

from benchmarks.corpus import make_corpus
from nextgen_assistant.documents import read_document
from nextgen_assistant.signals.checker import Checker

_MEASURE = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _scan(paths: list[Path], jobs: int) -> tuple[float, float]:
    """Wall seconds and peak memory (MB, the largest process: the scan or one of its workers)
    of one `nextgen scan`, run under a fresh parent so each run's peak is its own."""
    command = [
        sys.executable,
        "-m",
        "nextgen_assistant",
        "scan",
        *map(str, paths),
        "--jobs",
        str(jobs),
        "--format",
        "json",
        "-o",
        "/dev/null",
        "--as-of",
        "2026-11-25",
    ]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], check=True, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    return wall, int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parent / "corpus")
    args = parser.parse_args()
    if len(list(args.corpus.glob("doc-*"))) != args.docs:
        for old in args.corpus.glob("doc-*"):
            old.unlink()
        make_corpus(args.corpus, args.docs, args.words)
    paths = sorted(args.corpus.glob("doc-*"))

    start = time.perf_counter()
    documents = [read_document(p) for p in paths]
    read_seconds = time.perf_counter() - start
    words = sum(d.word_count for d in documents)
    texts = [b.text.replace("\n", " ") for d in documents for b in d.blocks]
    blank = spacy.blank("en")
    start = time.perf_counter()
    for _ in blank.pipe(texts, batch_size=64):
        pass
    baseline = time.perf_counter() - start
    checker = Checker()
    start = time.perf_counter()
    for document in documents:
        checker.check_document(document, date(2026, 11, 25))
    checking = time.perf_counter() - start
    del documents

    print(f"corpus: {len(paths)} documents, {words:,} words (txt, md, docx, pdf, html, csv)")
    print(
        f"reading:   {len(paths) / read_seconds:,.0f} documents/s, {words / read_seconds:,.0f} words/s"
    )
    print(f"baseline:  spacy.blank('en') tokenisation {words / baseline:,.0f} words/s")
    print(
        f"checker:   {words / checking:,.0f} words/s, {len(paths) / checking:,.0f} documents/s; "
        f"ratio to the baseline {baseline / checking:.2f} (goal 0.5)"
    )
    quarter = paths[: len(paths) // 4]
    wall, peak = _scan(quarter, 1)
    print(f"nextgen scan, {len(quarter)} documents, --jobs 1: {wall:.1f} s, peak {peak:.0f} MB")
    wall1, peak1 = _scan(paths, 1)
    print(f"nextgen scan, {len(paths)} documents, --jobs 1: {wall1:.1f} s, peak {peak1:.0f} MB")
    wall2, peak2 = _scan(paths, 2)
    print(
        f"nextgen scan, {len(paths)} documents, --jobs 2: {wall2:.1f} s, peak per process {peak2:.0f} MB; "
        f"speed-up {wall1 / wall2:.2f}x"
    )


if __name__ == "__main__":
    main()
