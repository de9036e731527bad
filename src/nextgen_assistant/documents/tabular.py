"""CSV with its header row: each row a table-row block that keeps its cells."""

from __future__ import annotations

import csv
import io

from nextgen_assistant.documents.model import Block
from nextgen_assistant.documents.text import clean_text


def csv_blocks(source: str) -> list[Block]:
    """One block per data row; `line` is the row's line in the file (the header is line 1)."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    sample = source[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(source), dialect)
    blocks: list[Block] = []
    header: list[str] | None = None
    for row in reader:
        cells = [clean_text(cell).replace("\n", " ") for cell in row]
        if not any(cells):
            continue
        if header is None:
            header = cells
            continue
        line = reader.line_num
        text = "; ".join(
            f"{name}: {cell}" for name, cell in zip(header, cells, strict=False) if cell
        )
        blocks.append(Block(text=text, kind="table_row", line=line, cells=cells, header=header))
    return blocks
