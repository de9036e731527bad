"""Word documents (.docx) with python-docx: paragraphs and tables in document order."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from nextgen_assistant.documents.model import Block, BlockKind, ReadLimits
from nextgen_assistant.documents.safety import check_zip
from nextgen_assistant.documents.text import clean_text
from nextgen_assistant.errors import DocumentError


def _paragraph_kind(paragraph: Paragraph, style_names: dict[str, str]) -> BlockKind:
    # python-docx's `paragraph.style` searches every style on each call; look the id up once.
    style = style_names.get(paragraph._p.style or "", "")
    if style.startswith(("Heading", "Title")):
        return "heading"
    properties = paragraph._p.pPr
    if style.startswith("List") or (properties is not None and properties.numPr is not None):
        return "list_item"
    return "paragraph"


def docx_blocks(path: Path, limits: ReadLimits) -> tuple[list[Block], str | None]:
    """Blocks in document order; a block's line is its line in the extracted text."""
    check_zip(path, limits, "docx")
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many kinds for damaged packages
        raise DocumentError(
            f"this docx could not be opened ({type(error).__name__}): re-save it in a word processor"
        ) from None
    style_names = {style.style_id: style.name or "" for style in document.styles}
    blocks: list[Block] = []
    line = 1
    title = (document.core_properties.title or "").strip() or None
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = clean_text(item.text)
            if not text:
                continue
            kind = _paragraph_kind(item, style_names)
            if kind == "heading" and title is None:
                title = text
            blocks.append(Block(text=text, kind=kind, line=line))
            line += text.count("\n") + 1
        elif isinstance(item, Table):
            header: list[str] | None = None
            for row in item.rows:
                cells = [clean_text(cell.text).replace("\n", " ") for cell in row.cells]
                if header is None:
                    header = cells
                    continue
                text = "; ".join(
                    f"{h}: {c}" if h else c for h, c in zip(header, cells, strict=False)
                )
                blocks.append(
                    Block(text=text, kind="table_row", line=line, cells=cells, header=header)
                )
                line += 1
    return blocks, title
