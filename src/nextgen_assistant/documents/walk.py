"""Walking the paths a user names: folders recursively, hidden files skipped, loops safe."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from nextgen_assistant.documents.reader import format_of


class WalkEntry(BaseModel):
    """A file to read, a file skipped inside a folder, or a named path that cannot be read."""

    path: Path
    action: Literal["read", "skipped", "error"]
    reason: str | None = None
    name: str = ""
    """The path as reports show it: relative to the folder named, under that folder's name
    (`mesa-valley/minutes/2026-10.md`), or a named file's own name; never a machine's path."""


def _folder_label(folder: Path) -> str:
    return folder.name or folder.resolve().name or "."


def _walk_folder(folder: Path) -> Iterator[WalkEntry]:
    label = _folder_label(folder)
    seen: set[tuple[int, int]] = set()
    for current, dirnames, filenames in os.walk(folder, followlinks=True, onerror=None):
        try:
            stat = os.stat(current)
        except OSError:
            dirnames[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in seen:  # a symlink loop, or the same folder reached twice
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(current) / name
            shown = (Path(label) / path.relative_to(folder)).as_posix()
            if format_of(path) is None:
                yield WalkEntry(
                    path=path,
                    action="skipped",
                    reason=f"'{path.suffix or name}' files are not read",
                    name=shown,
                )
            else:
                yield WalkEntry(path=path, action="read", name=shown)


def walk_paths(paths: Iterable[Path]) -> Iterator[WalkEntry]:
    """Every document under the given paths, in a stable order, each exactly once."""
    emitted: set[Path] = set()
    for given in paths:
        if given.is_dir():
            entries: Iterable[WalkEntry] = _walk_folder(given)
        elif not given.exists():
            entries = [WalkEntry(path=given, action="error", reason="no such file or folder")]
        elif format_of(given) is None:
            entries = [
                WalkEntry(
                    path=given,
                    action="error",
                    reason=f"'{given.suffix or given.name}' files are not read; "
                    "supported: .txt .md .docx .pdf .html .htm .csv",
                )
            ]
        else:
            entries = [WalkEntry(path=given, action="read")]
        for entry in entries:
            entry.name = entry.name or given.name or str(given)
            resolved = entry.path.resolve()
            if resolved in emitted:
                continue
            emitted.add(resolved)
            yield entry
