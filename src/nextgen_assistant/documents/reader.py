"""Read one file into a `Document`, choosing the reader by extension; every failure is a sentence.

Text formats (txt, md, csv) larger than `ReadLimits.piece_bytes` are read in pieces, each its own
part-`Document` with the file's line numbers, so memory does not grow with the file's size.
Every block is bounded (`bounds.py`) before the checker sees it.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from nextgen_assistant.documents.bounds import bounded_blocks
from nextgen_assistant.documents.html import html_blocks
from nextgen_assistant.documents.markdown import markdown_blocks
from nextgen_assistant.documents.model import Block, Document, DocumentFormat, ReadLimits
from nextgen_assistant.documents.office import docx_blocks
from nextgen_assistant.documents.pdf import pdf_blocks
from nextgen_assistant.documents.plain import text_blocks
from nextgen_assistant.documents.tabular import csv_blocks, iter_csv_blocks
from nextgen_assistant.documents.text import SAMPLE_BYTES, bom_error, decode_bytes, detect_encoding
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
EMPTY_WARNING = "the document is empty or holds only whitespace: nothing to scan"


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
    except IsADirectoryError:
        raise DocumentError("not a regular file") from None
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


def _open(path: Path) -> BinaryIO:
    with _file_errors():
        return path.open("rb")


def _split_at(buffer: str) -> int:
    """Where a piece of a long text ends: after a blank line, else a line end, else a space."""
    half = len(buffer) // 2
    for mark in ("\n\n", "\n", " "):
        found = buffer.rfind(mark, half)
        if found != -1:
            return found + len(mark)
    return len(buffer)


def _text_pieces(path: Path, limits: ReadLimits, what: str) -> Iterator[tuple[str, int]]:
    """A long text file's text in pieces of about `piece_bytes`, each ending at a paragraph or
    line end where there is one, with line ends normalised; and the file line each starts on."""
    with _open(path) as handle:
        with _file_errors():
            chunk = handle.read(SAMPLE_BYTES)
        encoding = detect_encoding(chunk, what, complete=len(chunk) < SAMPLE_BYTES)
        strict = encoding.startswith(("utf-16", "utf-32", "utf-8-sig"))
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict" if strict else "replace")
        buffer, line = "", 1
        while True:
            try:
                buffer += decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                raise bom_error(encoding, what) from None
            held = ""
            if chunk and buffer.endswith("\r"):  # its "\n" may be in the next chunk
                buffer, held = buffer[:-1], "\r"
            buffer = buffer.replace("\r\n", "\n").replace("\r", "\n")
            while len(buffer) >= limits.piece_bytes or (not chunk and buffer):
                end = _split_at(buffer[: limits.piece_bytes]) if chunk else len(buffer)
                piece, buffer = buffer[:end], buffer[end:]
                yield piece, line
                line += piece.count("\n")
            buffer += held
            if not chunk:
                return
            with _file_errors():
                chunk = handle.read(limits.piece_bytes)


def _csv_parts(path: Path, limits: ReadLimits) -> Iterator[list[Block]]:
    with _open(path) as handle:
        with _file_errors():
            sample = handle.read(SAMPLE_BYTES)
            handle.seek(0)
        encoding = detect_encoding(sample, "csv file", complete=len(sample) < SAMPLE_BYTES)
        stream = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline=None)
        blocks: list[Block] = []
        size = 0
        text_sample = sample.decode(encoding, errors="replace")
        with _file_errors():
            for block in iter_csv_blocks(stream, text_sample, limits.max_file_bytes):
                blocks.append(block)
                size += len(block.text)
                if size >= limits.piece_bytes:
                    yield blocks
                    blocks, size = [], 0
        if blocks:
            yield blocks


def _whole_file_blocks(
    path: Path, kind: DocumentFormat, size: int, limits: ReadLimits
) -> tuple[list[Block], str | None, int | None]:
    if kind == "pdf":
        if size == 0:
            raise DocumentError("this PDF is empty (0 bytes): get a fresh copy")
        return pdf_blocks(path, limits)
    if kind == "docx":
        if size == 0:
            raise DocumentError("this docx is empty (0 bytes): get a fresh copy")
        blocks, title = docx_blocks(path, limits)
        return blocks, title, None
    text = decode_bytes(_read_bytes(path), what=f"{kind} file")
    if kind == "md":
        blocks, title = markdown_blocks(text)
        return blocks, title, None
    if kind == "html":
        blocks, title = html_blocks(text)
        return blocks, title, None
    if kind == "csv":
        return csv_blocks(text, limits.max_file_bytes), None, None
    return text_blocks(text), None, None


def _long_text_parts(
    path: Path, kind: DocumentFormat, limits: ReadLimits
) -> Iterator[tuple[list[Block], str | None]]:
    if kind == "csv":
        for blocks in _csv_parts(path, limits):
            yield blocks, None
        return
    for text, first_line in _text_pieces(path, limits, f"{kind} file"):
        if kind == "md":
            yield markdown_blocks(text, first_line=first_line)
        else:
            yield text_blocks(text, first_line=first_line), None


def read_document_parts(path: Path, limits: ReadLimits | None = None) -> Iterator[Document]:
    """One document as one or more part-Documents of bounded size (a long txt, md or csv file
    gives several, each with the file's line numbers). Raises DocumentError with a sentence a
    person can act on, before the first part or between parts."""
    limits = limits or ReadLimits()
    kind = format_of(path)
    if kind is None:
        supported = ", ".join(sorted({s for s in SUPPORTED_SUFFIXES}))
        raise DocumentError(
            f"'{path.suffix or 'no extension'}' files are not read; supported: {supported}"
        )
    size = _check_file(path, limits)
    if kind in ("txt", "md", "csv") and size > limits.piece_bytes:
        title: str | None = None
        any_blocks = False
        for blocks, part_title in _long_text_parts(path, kind, limits):
            title = title or part_title
            bounded = list(bounded_blocks(blocks, limits))
            any_blocks = any_blocks or bool(bounded)
            yield Document(path=str(path), format=kind, title=title, blocks=bounded)
        if not any_blocks:
            yield Document(path=str(path), format=kind, warnings=[EMPTY_WARNING])
        return
    blocks, title, pages = _whole_file_blocks(path, kind, size, limits)
    document = Document(
        path=str(path),
        format=kind,
        title=title,
        pages=pages,
        blocks=list(bounded_blocks(blocks, limits)),
    )
    if not document.blocks:
        document.warnings.append(EMPTY_WARNING)
    yield document


def read_document(path: Path, limits: ReadLimits | None = None) -> Document:
    """Read one document whole. Raises DocumentError with a sentence a person can act on."""
    parts = list(read_document_parts(path, limits))
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    return first.model_copy(
        update={
            "blocks": [block for part in parts for block in part.blocks],
            "warnings": [warning for part in parts for warning in part.warnings],
        }
    )
