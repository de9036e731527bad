"""Checks on zip-based files (docx) before they are opened: bombs and entity tricks."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from nextgen_assistant.documents.model import ReadLimits
from nextgen_assistant.errors import DocumentError

_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_zip(path: Path, limits: ReadLimits, kind: str) -> None:
    """Refuse a zip whose declared contents are too large, too compressed or carry a DTD."""
    if not zipfile.is_zipfile(path):
        raise DocumentError(
            f"this {kind} file is not a valid {kind} (not a zip archive): it may be damaged, "
            f"or another kind of file renamed to .{kind}; open and re-save it in a word processor"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > limits.max_zip_members:
                raise DocumentError(f"this {kind} holds {len(members)} parts, more than the limit")
            declared = sum(member.file_size for member in members)
            packed = sum(member.compress_size for member in members) or 1
            if declared > limits.max_unzipped_bytes:
                raise DocumentError(
                    f"this {kind} would unpack to {declared // 1_000_000} MB, over the "
                    f"{limits.max_unzipped_bytes // 1_000_000} MB limit (a possible zip bomb); "
                    "raise the limit only if you trust the file"
                )
            if declared / packed > limits.max_zip_ratio and declared > 1_000_000:
                raise DocumentError(
                    f"this {kind} is compressed {declared / packed:.0f} times, more than the "
                    f"{limits.max_zip_ratio:.0f}x limit (a possible zip bomb); not opened"
                )
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    with archive.open(member) as part:
                        if _DTD.search(part.read(4096)):
                            raise DocumentError(
                                f"this {kind} declares XML entities ({member.filename}), which "
                                "real documents never need; not opened for safety"
                            )
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise DocumentError(
            f"this {kind} file is damaged ({error}); re-save it and try again"
        ) from None
