"""Markdown with headings, lists and tables kept, using markdown-it-py's token line maps."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from nextgen_assistant.documents.model import Block, BlockKind
from nextgen_assistant.documents.text import clean_text

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")


def _plain(inline: Token) -> str:
    """An inline token's text without emphasis, link or code markers; soft breaks as newlines."""
    if not inline.children:
        return inline.content
    parts = []
    for child in inline.children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def markdown_blocks(source: str, first_line: int = 1) -> tuple[list[Block], str | None]:
    """Blocks in reading order, and the first heading as the title. `first_line` is the file
    line the text starts on (a piece of a long file)."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    tokens = _PARSER.parse(source)
    blocks: list[Block] = []
    title: str | None = None
    kind_stack: list[BlockKind] = []
    row_cells: list[str] | None = None
    row_line = first_line
    shift = first_line - 1
    header: list[str] | None = None
    in_head = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            kind_stack.append("heading")
        elif token.type == "list_item_open":
            kind_stack.append("list_item")
        elif token.type in {"heading_close", "list_item_close"}:
            kind_stack.pop()
        elif token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row_cells = []
            row_line = (token.map[0] + 1 + shift) if token.map else row_line
        elif token.type == "tr_close" and row_cells is not None:
            if in_head:
                header = row_cells
            else:
                text = "; ".join(
                    f"{name}: {cell}" if name else cell
                    for name, cell in zip(header or [""] * len(row_cells), row_cells, strict=False)
                )
                blocks.append(
                    Block(
                        text=text, kind="table_row", line=row_line, cells=row_cells, header=header
                    )
                )
            row_cells = None
        elif token.type == "inline":
            text = clean_text(_plain(token))
            if row_cells is not None:
                row_cells.append(text)
                continue
            opener = tokens[index - 1] if index else token
            line = (opener.map[0] + 1 + shift) if opener.map else first_line
            kind = kind_stack[-1] if kind_stack else "paragraph"
            if not text:
                continue
            if kind == "heading" and title is None:
                title = text
            blocks.append(Block(text=text, kind=kind, line=line))
        elif token.type in {"fence", "code_block"} and token.content.strip():
            line = (token.map[0] + 2 + shift) if token.map else first_line
            blocks.append(Block(text=clean_text(token.content).strip(), line=line))
    return blocks, title
