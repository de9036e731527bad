"""Plain text (and each PDF page's text) into paragraph, list and heading blocks."""

from __future__ import annotations

import re

from nextgen_assistant.documents.model import Block, BlockKind
from nextgen_assistant.documents.text import clean_text

_BULLET = re.compile(r"^\s*(?:[-*•◦▪–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_LABEL_LINE = re.compile(r"^[A-Z][\w &/'-]{0,60}:\s*\S")
_NUMBERED_HEADING = re.compile(
    r"^(?:article|section|part|chapter|appendix|§)\s*[\dA-Z]{1,4}[.:)]?\s+[^.!?;]{1,70}$",
    re.IGNORECASE,
)
_ENDS_SENTENCE = (".", ",", ";", ":", "?", "!")


def _heads_paragraph(line: str, following: str) -> bool:
    """Whether a paragraph's first line is a heading written on the line above its text
    ('Article 2. Region', 'Funding outlook', a news headline): short, unpunctuated, and followed by a longer
    line that starts a sentence. Left in, it would run into the first sentence of the text."""
    line = line.strip()
    if _NUMBERED_HEADING.match(line) or _kind_of([line]) == "heading":
        return True
    # A news headline runs to a dozen words or more ("Consortium to pursue creation of a 17th
    # Career Cluster in Oklahoma"); the text under it is a longer line that starts a sentence.
    return (
        len(line) <= 120
        and len(line.split()) <= 18
        and not line.endswith(_ENDS_SENTENCE)
        and following[:1].isupper()
        and len(following.strip()) >= 1.5 * len(line)
    )


def _kind_of(lines: list[str]) -> BlockKind:
    if len(lines) == 1:
        line = lines[0]
        if line.startswith("#"):
            return "heading"
        if (
            len(line) <= 80
            and not line.rstrip().endswith((".", ",", ";", ":", "?", "!"))
            and (line.isupper() or line.istitle())
            and len(line.split()) <= 10
        ):
            return "heading"
    return "paragraph"


def text_blocks(raw_text: str, page: int | None = None, first_line: int = 1) -> list[Block]:
    """Split text into blocks: blank lines end paragraphs; bullets and `Label:` lines stand alone.
    `first_line` is the file line the text starts on (a piece of a long file)."""
    lines = clean_text(raw_text).split("\n")
    blocks: list[Block] = []
    current: list[str] = []
    start = first_line

    def flush() -> None:
        if current:
            blocks.append(
                Block(text="\n".join(current), kind=_kind_of(current), page=page, line=start)
            )
            current.clear()

    for number, line in enumerate(lines, start=first_line):
        if not line:
            flush()
            continue
        if _BULLET.match(line):
            flush()
            blocks.append(Block(text=line, kind="list_item", page=page, line=number))
            continue
        if _LABEL_LINE.match(line) and current:
            flush()
        elif len(current) == 1 and _heads_paragraph(current[0], line):
            blocks.append(Block(text=current[0], kind="heading", page=page, line=start))
            current.clear()
        if not current:
            start = number
        current.append(line)
    flush()
    return blocks
