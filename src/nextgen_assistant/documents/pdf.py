"""PDF with pypdfium2: fast, permissively licensed, page by page."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from nextgen_assistant.documents.model import Block, ReadLimits
from nextgen_assistant.documents.plain import text_blocks
from nextgen_assistant.errors import DocumentError


def pdf_blocks(path: Path, limits: ReadLimits) -> tuple[list[Block], str | None, int]:
    """Blocks of every page (page numbers 1-based), the title from metadata, and the page count."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message:
            raise DocumentError(
                "this PDF is encrypted: remove the password (print it to a new PDF) and scan again"
            ) from None
        raise DocumentError(
            "this PDF is damaged or truncated and could not be opened: get a fresh copy"
        ) from None
    try:
        page_count = len(pdf)
        if page_count > limits.max_pdf_pages:
            raise DocumentError(
                f"this PDF has {page_count} pages, over the {limits.max_pdf_pages}-page limit"
            )
        title = (pdf.get_metadata_dict().get("Title") or "").strip() or None
        blocks: list[Block] = []
        for number in range(page_count):
            page = pdf[number]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
            blocks.extend(text_blocks(text, page=number + 1))
    except pdfium.PdfiumError:
        raise DocumentError("this PDF is damaged and its text could not be read") from None
    finally:
        pdf.close()
    if page_count and not blocks:
        raise DocumentError(
            f"this PDF has {page_count} page(s) but no text layer (it looks scanned): "
            "run it through OCR, or scan the original document instead"
        )
    return blocks, title, page_count
