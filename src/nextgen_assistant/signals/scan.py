"""Scanning many documents as one partnership's: walk, read, check, aggregate; per-document
parallelism across processes, results streamed so memory does not grow with the batch."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from nextgen_assistant.documents import ReadLimits, read_document, walk_paths
from nextgen_assistant.errors import DocumentError
from nextgen_assistant.signals.aggregate import aggregate, merge_facts
from nextgen_assistant.signals.checker import Checker
from nextgen_assistant.signals.model import DocumentResult, ScanResult, SkippedFile

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ScanSettings:
    """What a scan needs besides the paths; picklable, so worker processes can rebuild a Checker."""

    as_of: date
    lexicons: tuple[Path, ...] = ()
    model: str | None = None
    limits: ReadLimits = field(default_factory=ReadLimits)


_worker: tuple[ScanSettings, Checker] | None = None


def _checker_for(settings: ScanSettings) -> Checker:
    global _worker
    if _worker is None or _worker[0] != settings:
        _worker = (settings, Checker(settings.lexicons, settings.model))
    return _worker[1]


def scan_one(path: Path, settings: ScanSettings) -> DocumentResult:
    """Read and check one document; every failure becomes an error result, never an exception."""
    try:
        document = read_document(path, settings.limits)
    except DocumentError as error:
        return DocumentResult(
            path=str(path),
            format=path.suffix.lstrip(".").lower() or None,
            status="error",
            error=str(error),
        )
    except (OSError, ValueError, RuntimeError, MemoryError, RecursionError) as error:
        return DocumentResult(
            path=str(path),
            format=path.suffix.lstrip(".").lower() or None,
            status="error",
            error=f"could not be read ({type(error).__name__}: {error}); check that the file opens",
        )
    return _checker_for(settings).check_document(document, settings.as_of)


def _scan_in_worker(job: tuple[Path, ScanSettings]) -> DocumentResult:
    return scan_one(*job)


def iter_scan(
    paths: list[Path],
    settings: ScanSettings,
    jobs: int = 1,
    skipped: list[SkippedFile] | None = None,
    progress: Progress | None = None,
) -> Iterator[DocumentResult]:
    """Every document's result as soon as it is ready, in a stable order."""
    to_read: list[Path] = []
    errors: list[DocumentResult] = []
    for entry in walk_paths(paths):
        if entry.action == "read":
            to_read.append(entry.path)
        elif entry.action == "skipped" and skipped is not None:
            skipped.append(SkippedFile(path=str(entry.path), reason=entry.reason or "not read"))
        elif entry.action == "error":
            errors.append(
                DocumentResult(
                    path=str(entry.path),
                    status="error",
                    error=entry.reason,
                    format=entry.path.suffix.lstrip(".").lower() or None,
                )
            )
    total = len(to_read) + len(errors)
    done = 0
    yield from errors
    done += len(errors)
    jobs = max(1, min(jobs, os.cpu_count() or 1, len(to_read) or 1))
    if jobs == 1:
        results: Iterator[DocumentResult] = (scan_one(path, settings) for path in to_read)
        for result in results:
            done += 1
            if progress:
                progress(done, total, result.path)
            yield result
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(_scan_in_worker, [(p, settings) for p in to_read], chunksize=4):
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
    shrinkage = checker.lexicons.extractors.thresholds.get("evidence_shrinkage", 1.0)
    return ScanResult(
        as_of=settings.as_of,
        documents=documents,
        skipped=skipped,
        indicators=aggregate(documents, checker.rubric, shrinkage),
        partnership_facts=merge_facts(documents),
    )
