"""Walking the paths a user names: folders recursively, hidden files skipped, symbolic links never
followed out of the folder named, loops and unreadable folders reported, each file once."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from nextgen_assistant.documents.reader import SUPPORTED_SUFFIXES, format_of
from nextgen_assistant.safe_text import printable_path

LINK_OUTSIDE = (
    "a symbolic link to a place outside the folder scanned: not followed "
    "(name its target on the command line to scan it)"
)
LINK_LOOP = "a symbolic link that leads back to itself (a loop): not followed"
LINK_BROKEN = "a symbolic link whose target is missing"


class WalkEntry(BaseModel):
    """A file to read, a file skipped inside a folder, or a path that cannot be read."""

    path: Path
    action: Literal["read", "skipped", "error"]
    reason: str | None = None
    name: str = ""
    """The path as reports show it: relative to the folder named, under that folder's name
    (`mesa-valley/minutes/2026-10.md`), or a named file's own name; never a machine's path.
    Bytes of a file name that are not UTF-8 are shown as the replacement character."""


def _resolved(path: Path) -> Path | str:
    """The real path, or why there is none (a loop, a missing target)."""
    try:
        return path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 and 3.12 report a loop so
        return LINK_LOOP
    except OSError as error:
        return LINK_LOOP if error.errno == errno.ELOOP else LINK_BROKEN


def _link_problem(link: Path, root: Path) -> str | None:
    """Why a symbolic link inside `root` is not followed, or None when it stays inside."""
    target = _resolved(link)
    if isinstance(target, str):
        return target
    return None if target.is_relative_to(root) else LINK_OUTSIDE


def _unreadable(error: OSError) -> str:
    why = "permission denied" if isinstance(error, PermissionError) else error.strerror
    return f"this folder cannot be read ({why}): ask its owner for access, or leave it out"


def _walk_folder(folder: Path) -> Iterator[WalkEntry]:
    label = folder.name or folder.resolve().name or "."
    root = folder.resolve()
    problems: list[OSError] = []

    def shown(path: Path) -> str:
        return printable_path((Path(label) / path.relative_to(folder)).as_posix())

    def reported() -> Iterator[WalkEntry]:
        while problems:
            error = problems.pop(0)
            path = Path(error.filename) if error.filename else folder
            yield WalkEntry(path=path, action="error", reason=_unreadable(error), name=shown(path))

    for current, dirnames, filenames in os.walk(folder, onerror=problems.append):
        yield from reported()
        kept = []
        for name in sorted(dirnames):
            path = Path(current) / name
            if name.startswith("."):
                continue
            if path.is_symlink():
                # A link to a folder inside is walked there already; one leading out is not.
                problem = _link_problem(path, root)
                if problem is not None:
                    yield WalkEntry(path=path, action="skipped", reason=problem, name=shown(path))
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(current) / name
            if path.is_symlink():
                problem = _link_problem(path, root)
                if problem is not None:
                    yield WalkEntry(path=path, action="skipped", reason=problem, name=shown(path))
                    continue
            if format_of(path) is None:
                yield WalkEntry(
                    path=path,
                    action="skipped",
                    reason=f"'{printable_path(path.suffix or name)}' files are not read",
                    name=shown(path),
                )
            else:
                yield WalkEntry(path=path, action="read", name=shown(path))
    yield from reported()


def _named(given: Path) -> list[WalkEntry]:
    """A path named on the command line that is not a folder: read if we can."""
    if given.is_symlink() and isinstance(_resolved(given), str):
        return [WalkEntry(path=given, action="error", reason=str(_resolved(given)))]
    if not given.exists():
        return [WalkEntry(path=given, action="error", reason="no such file or folder")]
    if format_of(given) is None:
        supported = " ".join(SUPPORTED_SUFFIXES)
        return [
            WalkEntry(
                path=given,
                action="error",
                reason=f"'{printable_path(given.suffix or given.name)}' files are not read; "
                f"supported: {supported}",
            )
        ]
    return [WalkEntry(path=given, action="read")]


def walk_paths(paths: Iterable[Path]) -> Iterator[WalkEntry]:
    """Every document under the given paths, in a stable order, each exactly once. A path named
    is read even when it is a link; inside a folder, links are followed only within it."""
    emitted: set[Path] = set()
    for given in paths:
        entries: Iterable[WalkEntry] = _walk_folder(given) if given.is_dir() else _named(given)
        for entry in entries:
            entry.name = entry.name or printable_path(given.name or str(given))
            if entry.action == "read":
                resolved = _resolved(entry.path)
                key = resolved if isinstance(resolved, Path) else entry.path.absolute()
                if key in emitted:
                    continue
                emitted.add(key)
            yield entry


def partnership_folders(root: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The visible subfolders of `root`, one per partnership, in name order; and the ones passed
    over with why (a link leading out of `root`, or a loop). Raises ConfigError when `root`
    cannot be listed."""
    from nextgen_assistant.errors import ConfigError

    top = root.resolve()
    try:
        children = sorted(root.iterdir())
    except OSError as error:
        raise ConfigError(f"{printable_path(root)}: {_unreadable(error)}") from None
    folders: list[Path] = []
    passed_over: list[tuple[Path, str]] = []
    for child in children:
        if child.name.startswith(".") or not child.is_dir():
            continue
        problem = _link_problem(child, top) if child.is_symlink() else None
        if problem is None:
            folders.append(child)
        else:
            passed_over.append((child, problem))
    return folders, passed_over
