"""The `Document` model every reader produces and the signal detector reads."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

BlockKind = Literal["heading", "paragraph", "list_item", "table_row"]
DocumentFormat = Literal["txt", "md", "docx", "pdf", "html", "csv"]


class Block(BaseModel):
    """A run of text in reading order, with where it came from.

    `text` may hold newlines: the block's lines are `line`, `line + 1`, ... of the extracted text
    of its page (PDF) or file. A table row keeps its `cells`, and `header` names them.
    """

    text: str
    kind: BlockKind = "paragraph"
    page: int | None = None
    line: int = Field(ge=1)
    cells: list[str] | None = None
    header: list[str] | None = None

    def line_at(self, offset: int) -> int:
        """The line of the character at `offset` in `text`."""
        return self.line + self.text.count("\n", 0, max(0, offset))


class Document(BaseModel):
    """One partnership document, read into blocks."""

    path: str
    format: DocumentFormat
    title: str | None = None
    pages: int | None = None
    blocks: list[Block] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @property
    def word_count(self) -> int:
        """Whitespace-separated words in all blocks."""
        return sum(len(block.text.split()) for block in self.blocks)


class ReadLimits(BaseModel):
    """Safety limits for reading untrusted files; every one can be changed."""

    max_file_bytes: int = Field(default=50 * 1024 * 1024, gt=0)
    max_unzipped_bytes: int = Field(default=200 * 1024 * 1024, gt=0)
    max_zip_ratio: float = Field(default=100.0, gt=1.0)
    max_zip_members: int = Field(default=5000, gt=0)
    max_pdf_pages: int = Field(default=2000, gt=0)
    max_block_chars: int = Field(default=5_000, ge=200)
    """Longer paragraphs are split: the checker reads bounded blocks."""
    max_token_chars: int = Field(default=100, ge=20)
    """Longer runs of non-space characters are cut (no word is this long)."""
    max_symbol_run: int = Field(default=10, ge=3)
    """Longer runs of punctuation ('=====', '[[[[') are cut: spaCy's tokenizer is quadratic
    on them."""
    piece_bytes: int = Field(default=2 * 1024 * 1024, ge=4096)
    """Text files are read and checked this many bytes at a time, so memory stays flat."""
