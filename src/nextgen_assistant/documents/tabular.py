"""CSV with its header row: each row a table-row block that keeps its cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import TextIO

from nextgen_assistant.documents.model import Block
from nextgen_assistant.documents.text import clean_text
from nextgen_assistant.errors import DocumentError


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample[:8192], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def iter_csv_blocks(stream: TextIO, sample: str, max_cell_chars: int) -> Iterator[Block]:
    """One block per data row, read row by row from `stream` (newlines already translated);
    `line` is the row's line in the file (the header is line 1). A malformed file raises
    DocumentError naming the line."""
    # A cell may be as long as the file (the size limit bounds it); the checker gets it cut.
    csv.field_size_limit(max(csv.field_size_limit(), max_cell_chars))
    reader = csv.reader(stream, _dialect(sample))
    header: list[str] | None = None
    try:
        for row in reader:
            cells = [clean_text(cell).replace("\n", " ") for cell in row]
            if not any(cells):
                continue
            if header is None:
                header = cells
                continue
            text = "; ".join(
                f"{name}: {cell}" for name, cell in zip(header, cells, strict=False) if cell
            )
            yield Block(
                text=text, kind="table_row", line=reader.line_num, cells=cells, header=header
            )
    except csv.Error as error:
        raise DocumentError(
            f"this CSV is malformed near line {reader.line_num} ({error}): "
            "open it in a spreadsheet and save it again as CSV"
        ) from None


def csv_blocks(source: str, max_cell_chars: int = 131_072) -> list[Block]:
    """One block per data row of a CSV already in memory."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    return list(iter_csv_blocks(io.StringIO(source), source, max_cell_chars))
