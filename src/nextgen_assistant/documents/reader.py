"""Read one file into a `Document`, choosing the reader by extension; every failure is a sentence."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nextgen_assistant.documents.html import html_blocks
from nextgen_assistant.documents.markdown import markdown_blocks
from nextgen_assistant.documents.model import Block, Document, DocumentFormat, ReadLimits
from nextgen_assistant.documents.office import docx_blocks
from nextgen_assistant.documents.pdf import pdf_blocks
from nextgen_assistant.documents.plain import text_blocks
from nextgen_assistant.documents.tabular import csv_blocks
from nextgen_assistant.documents.text import decode_bytes
from nextgen_assistant.errors import DocumentError

SUPPORTED_SUFFIXES: dict[str, DocumentFormat] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
}


def format_of(path: Path) -> DocumentFormat | None:
    """The format a file's extension names, or None when it is not one we read."""
    return SUPPORTED_SUFFIXES.get(path.suffix.lower())


@contextmanager
def _file_errors() -> Iterator[None]:
    """The operating system's refusals, as sentences a person can act on."""
    try:
        yield
    except FileNotFoundError:
        raise DocumentError(
            "the file is no longer there (moved or deleted while scanning)"
        ) from None
    except PermissionError:
        raise DocumentError("permission denied: ask the owner for read access") from None
    except OSError as error:
        raise DocumentError(f"the file could not be read ({error.strerror or error})") from None


def _check_file(path: Path, limits: ReadLimits) -> int:
    with _file_errors():
        stat = path.stat()
    if not path.is_file():
        raise DocumentError("not a regular file")
    if stat.st_size > limits.max_file_bytes:
        raise DocumentError(
            f"the file is {stat.st_size / 1_048_576:.0f} MB, over the "
            f"{limits.max_file_bytes / 1_048_576:.0f} MB limit: split it, or raise --max-mb"
        )
    return stat.st_size


def _read_bytes(path: Path) -> bytes:
    with _file_errors():
        return path.read_bytes()


def read_document(path: Path, limits: ReadLimits | None = None) -> Document:
    """Read one document. Raises DocumentError with a sentence a person can act on."""
    limits = limits or ReadLimits()
    kind = format_of(path)
    if kind is None:
        supported = ", ".join(sorted({s for s in SUPPORTED_SUFFIXES}))
        raise DocumentError(
            f"'{path.suffix or 'no extension'}' files are not read; supported: {supported}"
        )
    size = _check_file(path, limits)
    title: str | None = None
    pages: int | None = None
    blocks: list[Block]
    if kind == "pdf":
        if size == 0:
            raise DocumentError("this PDF is empty (0 bytes): get a fresh copy")
        blocks, title, pages = pdf_blocks(path, limits)
    elif kind == "docx":
        if size == 0:
            raise DocumentError("this docx is empty (0 bytes): get a fresh copy")
        blocks, title = docx_blocks(path, limits)
    else:
        text = decode_bytes(_read_bytes(path), what=f"{kind} file")
        if kind == "md":
            blocks, title = markdown_blocks(text)
        elif kind == "html":
            blocks, title = html_blocks(text)
        elif kind == "csv":
            blocks = csv_blocks(text)
        else:
            blocks = text_blocks(text)
    document = Document(path=str(path), format=kind, title=title, pages=pages, blocks=blocks)
    if not blocks:
        document.warnings.append("the document is empty or holds only whitespace: nothing to scan")
    return document
