"""Scanning many documents as one partnership's: walk, read, check, aggregate; per-document
parallelism across processes, results streamed so memory does not grow with the batch."""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from nextgen_assistant.documents import ReadLimits, read_document_parts, walk_paths
from nextgen_assistant.errors import ConfigError, DocumentError
from nextgen_assistant.safe_text import printable_path
from nextgen_assistant.signals.aggregate import (
    EvidenceTally,
    aggregate,
    merge_facts,
    strongest_signals,
)
from nextgen_assistant.signals.checker import Checker
from nextgen_assistant.signals.model import DocumentResult, ScanResult, Signal, SkippedFile

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ScanSettings:
    """What a scan needs besides the paths; picklable, so worker processes can rebuild a Checker."""

    as_of: date
    lexicons: tuple[Path, ...] = ()
    model: str | None = None
    limits: ReadLimits = field(default_factory=ReadLimits)


_worker: tuple[ScanSettings, Checker] | None = None
REPEATS_KEPT = 25
"""Of a document read in parts (a long file), the signals kept per rule, polarity and context."""


def _checker_for(settings: ScanSettings) -> Checker:
    global _worker
    if _worker is None or _worker[0] != settings:
        _worker = (settings, Checker(settings.lexicons, settings.model))
    return _worker[1]


def scan_one(path: Path, settings: ScanSettings, name: str | None = None) -> DocumentResult:
    """Read and check one document; every failure becomes an error result, never an exception.
    `name` is how reports show the document (see `WalkEntry.name`); its evidence carries it."""
    try:
        result = _read_and_check(path, settings)
    except ConfigError:  # the user's lexicons: a usage error for the whole scan (exit 2)
        raise
    except Exception as error:  # one bad document must never stop a scan
        result = _failure(
            path,
            f"could not be checked ({type(error).__name__}); the rest of the scan went on: "
            "check that the file opens, or send it to the maintainers",
        )
    result.path = printable_path(path)
    result.name = name or printable_path(path.name)
    for signal in result.signals:
        signal.path = result.name
    return result


def _failure(path: Path, sentence: str) -> DocumentResult:
    return DocumentResult(
        path=printable_path(path),
        format=printable_path(path.suffix.lstrip(".").lower()) or None,
        status="error",
        error=sentence,
    )


def _read_and_check(path: Path, settings: ScanSettings) -> DocumentResult:
    """A long document is read and checked in parts (see `read_document_parts`), so memory
    holds one part at a time; the parts' results are joined as they come."""
    checker = _checker_for(settings)
    joined: DocumentResult | None = None
    try:
        for index, part in enumerate(read_document_parts(path, settings.limits)):
            if index:
                # The last part's Docs are held in reference cycles (pieces and the false
                # friends they share), which the collector would free only after several more
                # parts: a 15 MB file peaked at 570 MB, 280 MB with this.
                gc.collect()
            result = checker.check_document(part, settings.as_of)
            joined = result if joined is None else _join(joined, result)
    except DocumentError as error:
        return _failure(path, str(error))
    except (OSError, ValueError, RuntimeError, MemoryError, RecursionError) as error:
        return _failure(
            path,
            f"could not be read ({type(error).__name__}: {error}); check that the file opens",
        )
    if joined is None:  # pragma: no cover - a reader always yields at least one part
        return _failure(path, "nothing could be read from this file")
    return joined


def _join(first: DocumentResult, then: DocumentResult) -> DocumentResult:
    """Two parts of one long document as one result. A long file repeats itself: each rule's
    signals in each context are kept up to REPEATS_KEPT, so memory stays bounded."""
    seen: dict[tuple[str, str, str], int] = {}
    signals: list[Signal] = []
    for signal in (*first.signals, *then.signals):
        key = (signal.rule, signal.polarity, signal.context)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= REPEATS_KEPT:
            signals.append(signal)
    return first.model_copy(
        update={
            "signals": signals,
            "words": first.words + then.words,
            "warnings": list(dict.fromkeys([*first.warnings, *then.warnings])),
            "facts": merge_facts([first, then]),
        }
    )


def _scan_in_worker(job: tuple[Path, ScanSettings, str]) -> DocumentResult:
    return scan_one(*job)


def iter_scan(
    paths: list[Path],
    settings: ScanSettings,
    jobs: int = 1,
    skipped: list[SkippedFile] | None = None,
    progress: Progress | None = None,
) -> Iterator[DocumentResult]:
    """Every document's result as soon as it is ready, in a stable order."""
    to_read: list[tuple[Path, str]] = []
    errors: list[DocumentResult] = []
    for entry in walk_paths(paths):
        if entry.action == "read":
            to_read.append((entry.path, entry.name))
        elif entry.action == "skipped" and skipped is not None:
            skipped.append(
                SkippedFile(path=printable_path(entry.path), reason=entry.reason or "not read")
            )
        elif entry.action == "error":
            errors.append(
                _failure(entry.path, entry.reason or "could not be read").model_copy(
                    update={"name": entry.name}
                )
            )
    total = len(to_read) + len(errors)
    done = 0
    yield from errors
    done += len(errors)
    jobs = max(1, min(jobs, os.cpu_count() or 1, len(to_read) or 1))
    if jobs == 1:
        results: Iterator[DocumentResult] = (
            scan_one(path, settings, name) for path, name in to_read
        )
        for result in results:
            done += 1
            if progress:
                progress(done, total, result.path)
            yield result
        return
    jobs_list = [(p, settings, n) for p, n in to_read]
    finished = 0
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for result in pool.map(_scan_in_worker, jobs_list, chunksize=4):
                done += 1
                finished += 1
                if progress:
                    progress(done, total, result.path)
                yield result
    except BrokenProcessPool:
        # A worker died (killed for memory, or a crash in a native library): the documents not
        # yet reported are checked here one by one, and the one that kills this process too is
        # the only one lost; nothing already reported is scanned twice.
        for path, _, name in jobs_list[finished:]:
            result = scan_one(path, settings, name)
            done += 1
            if progress:
                progress(done, total, result.path)
            yield result


def scan(
    paths: list[Path], settings: ScanSettings, jobs: int = 1, progress: Progress | None = None
) -> ScanResult:
    """Scan documents as one partnership's and aggregate the indicators over all of them."""
    checker = _checker_for(settings)
    skipped: list[SkippedFile] = []
    documents = list(iter_scan(paths, settings, jobs, skipped, progress))
    indicators, findings = aggregate(documents, checker.rubric, checker.lexicons)
    return ScanResult(
        as_of=settings.as_of,
        documents=documents,
        skipped=skipped,
        indicators=indicators,
        findings=findings,
        partnership_facts=merge_facts(documents),
    )


@dataclass
class StreamedScan:
    """A scan whose documents went to a spool file as they were checked, so memory holds only
    counts, facts and the strongest evidence. `summary` is a ScanResult whose documents keep
    their status, error, warnings and facts, and only the signals among the `keep` strongest
    per indicator; `documents()` reads every full result back, one at a time."""

    summary: ScanResult
    spool: IO[str]

    def documents(self) -> Iterator[DocumentResult]:
        self.spool.seek(0)
        for line in self.spool:
            yield DocumentResult.model_validate_json(line)

    def documents_json(self) -> Iterator[str]:
        """Each document's JSON, as written."""
        self.spool.seek(0)
        for line in self.spool:
            yield line.rstrip("\n")

    def close(self) -> None:
        self.spool.close()


def scan_streaming(
    paths: list[Path],
    settings: ScanSettings,
    jobs: int = 1,
    progress: Progress | None = None,
    keep: int = 5,
) -> StreamedScan:
    """Like `scan`, with memory that does not grow with the number of signals: each document's
    result is written to a temporary spool file as soon as it is ready."""
    checker = _checker_for(settings)
    skipped: list[SkippedFile] = []
    spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed by StreamedScan
    tally = EvidenceTally()
    kept: dict[str, list[Signal]] = {}
    light: list[DocumentResult] = []
    for result in iter_scan(paths, settings, jobs, skipped, progress):
        spool.write(result.model_dump_json() + "\n")
        tally.add_document(result)
        chosen: set[int] = set()
        by_indicator: dict[str, list[Signal]] = {}
        for signal in result.signals:
            by_indicator.setdefault(signal.indicator, []).append(signal)
        for indicator, signals in by_indicator.items():
            best = strongest_signals([*kept.get(indicator, []), *signals], keep)
            kept[indicator] = best
            chosen.update(id(s) for s in best)
        light.append(
            result.model_copy(update={"signals": [s for s in result.signals if id(s) in chosen]})
        )
    # Signals pushed out of the top by later documents are dropped from the light copies too.
    final = {id(s) for signals in kept.values() for s in signals}
    for document in light:
        document.signals = [s for s in document.signals if id(s) in final]
    spool.flush()
    indicators, findings = tally.conclude(checker.rubric, checker.lexicons)
    return StreamedScan(
        summary=ScanResult(
            as_of=settings.as_of,
            documents=light,
            skipped=skipped,
            indicators=indicators,
            findings=findings,
            partnership_facts=merge_facts(light),
        ),
        spool=spool,
    )
