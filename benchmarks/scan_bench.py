"""Scan speed and memory, from one run:

    python benchmarks/scan_bench.py [--docs 1000] [--words 1500] [--no-scan]

1. checker throughput (lemmas, matching, actors, context, extractors) against bare
   spacy.blank("en") tokenisation of the same text as the checker runs it: warm (the vocabulary
   already holds the corpus's words), one Doc per document (its blocks joined as the checker
   joins them), in this process, alternating rounds, the best round of each, in CPU time of
   this process (a busy shared machine moves wall time far more);
2. where the checker's time goes: each stage timed in a further round (timers wrapped around the
   stages only here, so the measured rounds above carry none);
3. wall time of `nextgen scan` over the corpus with --jobs 1 and --jobs 2 (not with --no-scan);
4. peak memory (max RSS of the scanning process) for a quarter of the corpus and all of it.

The corpus is generated once (benchmarks/corpus/, not in git); `--docs 200` takes its first 200.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spacy

from benchmarks.corpus import make_corpus
from nextgen_assistant.documents import Document, read_document
from nextgen_assistant.signals import actors, checker, context, matching
from nextgen_assistant.signals.checker import Checker
from nextgen_assistant.signals.extractors import (
    attendance,
    funding,
    geography,
    headcounts,
    longevity,
    metrics,
    passages,
    plan_dates,
)

AS_OF = date(2026, 11, 25)
ROUNDS = 3
NESTED = ("context cues", "false friends")
REST = "rest (false friends of matches, overlaps, results)"

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


def _tokenise(blank: Any, texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        blank(text)
    return time.process_time() - start


def _check(checker: Checker, documents: list[Document]) -> float:
    start = time.process_time()
    for document in documents:
        checker.check_document(document, AS_OF)
    return time.process_time() - start


def _timed(owner: Any, name: str, stage: str, spent: dict[str, float]) -> Callable[[], None]:
    """Wrap owner.name in a timer adding to spent[stage]; returns the undo."""
    original = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - start

    setattr(owner, name, timed)
    return lambda: setattr(owner, name, original)


def _stages(checker_: Checker, documents: list[Document]) -> tuple[dict[str, float], float]:
    """Seconds per stage over one round (nested stages are subtracted from their callers)."""
    spent: dict[str, float] = defaultdict(float)
    undo = [
        _timed(checker.Checker, "_rule_signal", "rule signals (quotes, Signal objects)", spent),
        _timed(matching.RuleMatcher, "__call__", "phrase and token-pattern matching", spent),
        _timed(matching.RuleMatcher, "_fuzzy_matches", "fuzzy matching", spent),
        _timed(
            matching.RuleMatcher,
            # once per Doc (false_friends_in), or per sentence in the checker before issue 17
            "false_friends_in"
            if hasattr(matching.RuleMatcher, "false_friends_in")
            else "false_friend_tokens",
            "false friends",
            spent,
        ),
        _timed(actors.ActorRoleFinder, "__call__", "actors and roles", spent),
        _timed(
            context.ContextFinder,
            # every context asked for, by the checker (on token bounds) and the extractors
            "context_in" if hasattr(context.ContextFinder, "context_in") else "context_of",
            "context cues",
            spent,
        ),
    ]
    if hasattr(checker, "_Found"):  # a rule signal's pydantic model, made once it is kept
        undo.append(
            _timed(checker._Found, "signal", "rule signals (quotes, Signal objects)", spent)
        )
    extractors = (
        attendance,
        geography,
        plan_dates,
        funding,
        metrics,
        longevity,
        headcounts,
        passages,
    )
    for module in extractors:
        undo.append(_timed(module, "run", f"extractor {module.__name__.rsplit('.', 1)[1]}", spent))
    original = checker.Checker._process

    def process(self: Checker, blocks: Any) -> Iterator[Any]:
        chunks = original(self, blocks)
        while True:
            start = time.process_time()
            try:
                chunk = next(chunks)
            except StopIteration:
                spent["tokenise, sentences, lemmas"] += time.process_time() - start
                return
            spent["tokenise, sentences, lemmas"] += time.process_time() - start
            yield chunk

    checker.Checker._process = process  # type: ignore[method-assign]
    try:
        total = _check(checker_, documents)
    finally:
        checker.Checker._process = original  # type: ignore[method-assign]
        for step in undo:
            step()
    # Nested: fuzzy inside matching; context cues inside rule signals and extractors; false
    # friends inside the checker's loop over matches (counted in "rest") and extractors.
    spent["phrase and token-pattern matching"] -= spent["fuzzy matching"]
    spent[REST] = total - sum(v for k, v in spent.items() if k not in NESTED)
    return spent, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parent / "corpus")
    parser.add_argument("--no-scan", action="store_true", help="the checker only, no nextgen scan")
    args = parser.parse_args()
    if len(list(args.corpus.glob("doc-*"))) < args.docs:
        for old in args.corpus.glob("doc-*"):
            old.unlink()
        make_corpus(args.corpus, args.docs, args.words)
    paths = sorted(args.corpus.glob("doc-*"))[: args.docs]

    start = time.perf_counter()
    documents = [read_document(p) for p in paths]
    read_seconds = time.perf_counter() - start
    words = sum(d.word_count for d in documents)
    checker_ = Checker()
    # The text of each Doc exactly as the checker makes it (one per document, or per chunk of a
    # long one), tokenised by a bare blank English pipeline.
    texts = [text for d in documents for text in checker_.doc_texts(d.blocks)]
    blank = spacy.blank("en")
    _tokenise(blank, texts)  # warm: every word in the vocabulary, as in the checker's
    _check(checker_, documents)
    baseline = checking = float("inf")
    for _ in range(ROUNDS):
        baseline = min(baseline, _tokenise(blank, texts))
        checking = min(checking, _check(checker_, documents))
    spent, total = _stages(checker_, documents)

    print(f"corpus: {len(paths)} documents, {words:,} words (txt, md, docx, pdf, html, csv)")
    print(
        f"reading:   {len(paths) / read_seconds:,.0f} documents/s, {words / read_seconds:,.0f} words/s"
    )
    print(
        f"baseline:  spacy.blank('en') tokenisation, warm, one Doc per document: "
        f"{words / baseline:,.0f} words/s ({baseline:.2f} s)"
    )
    print(
        f"checker:   {words / checking:,.0f} words/s, {len(paths) / checking:,.0f} documents/s "
        f"({checking:.2f} s); checker / tokenisation {baseline / checking:.3f} (goal 0.10)"
    )
    print(f"stages (one more round, timed: {total:.2f} s; ms per document, share):")
    for stage, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        nested = " (inside others)" if stage in NESTED else ""
        print(
            f"  {stage:52s} {1000 * seconds / len(paths):6.2f} ms  {seconds / total:4.0%}{nested}"
        )
    if args.no_scan:
        return
    del documents
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
