"""HTML with lxml: scripts, styles, navigation, headers and footers dropped; entities not expanded."""

from __future__ import annotations

from typing import cast

from lxml import etree, html

from nextgen_assistant.documents.model import Block, BlockKind
from nextgen_assistant.documents.text import clean_text

_DROP = ("script", "style", "nav", "header", "footer", "noscript", "template", "head", "form")
_BLOCK_KIND: dict[str, BlockKind] = {
    **{f"h{level}": "heading" for level in range(1, 7)},
    "p": "paragraph",
    "li": "list_item",
    "dd": "paragraph",
    "dt": "paragraph",
    "blockquote": "paragraph",
    "pre": "paragraph",
    "caption": "heading",
}
_CONTAINERS = {"div", "section", "article", "main", "body", "td", "th", "aside", "figure"}


def _text(element: etree._Element) -> str:
    return str(etree.tostring(element, method="text", encoding="unicode", with_tail=False))


def _parser() -> html.HTMLParser:
    return html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)


def html_blocks(source: str) -> tuple[list[Block], str | None]:
    """Visible text blocks in reading order, and the page's <title>."""
    root = html.document_fromstring(source or "<html></html>", parser=_parser())
    title_el = root.find(".//title")
    title = clean_text(_text(title_el)) if title_el is not None else None
    for element in list(root.iter(*_DROP)):
        if element.getparent() is not None:
            cast(html.HtmlElement, element).drop_tree()
    blocks: list[Block] = []
    line = 1

    def emit(
        text: str, kind: BlockKind, cells: list[str] | None = None, header: list[str] | None = None
    ) -> None:
        nonlocal line
        text = clean_text(text).strip()
        if text:
            blocks.append(Block(text=text, kind=kind, line=line, cells=cells, header=header))
            line += text.count("\n") + 1

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table":
            header: list[str] | None = None
            for row in element.iter("tr"):
                cells = [
                    clean_text(_text(c)).replace("\n", " ") for c in row if c.tag in ("td", "th")
                ]
                is_head = (
                    all(c.tag == "th" for c in row if isinstance(c.tag, str)) and header is None
                )
                if is_head:
                    header = cells
                    continue
                text = "; ".join(
                    f"{h}: {c}" if h else c
                    for h, c in zip(header or [""] * len(cells), cells, strict=False)
                )
                emit(text, "table_row", cells, header)
            return
        if tag in _BLOCK_KIND and not any(
            child.tag in _BLOCK_KIND or child.tag == "table"
            for child in element.iter()
            if child is not element
        ):
            emit(_text(element), _BLOCK_KIND[tag])
            return
        if tag in _CONTAINERS or tag in _BLOCK_KIND or tag in ("ul", "ol", "dl", "html"):
            if element.text and element.text.strip():
                emit(element.text, "paragraph")
            for child in element:
                walk(child)
                if child.tail and child.tail.strip():
                    emit(child.tail, "paragraph")
            return
        emit(_text(element), "paragraph")

    body = root.find("body")
    walk(body if body is not None else root)
    return blocks, title or None
