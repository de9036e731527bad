"""Bounding text before it reaches the checker: spaCy's tokenizer slows sharply on long runs of
punctuation and very long tokens, and refuses a text over its `max_length`. Every block a reader
produces passes through `bounded_blocks`, so the checker only ever sees blocks of bounded size.

Bounding never adds or removes a newline inside a block, so line numbers stay those of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from nextgen_assistant.documents.model import Block, ReadLimits

_BREAKS = ("\n", ". ", "; ", ", ", " ")


@cache
def _symbol_runs(limit: int) -> re.Pattern[str]:
    return re.compile(rf"[^\w\s]{{{limit + 1},}}")


@cache
def _long_tokens(limit: int) -> re.Pattern[str]:
    return re.compile(rf"\S{{{limit + 1},}}")


def bound_text(text: str, limits: ReadLimits) -> str:
    """Runs of punctuation cut to `max_symbol_run` characters, tokens to `max_token_chars`."""
    run, token = limits.max_symbol_run, limits.max_token_chars
    text = _symbol_runs(run).sub(lambda m: m.group(0)[:run], text)
    return _long_tokens(token).sub(lambda m: m.group(0)[:token], text)


def _split_point(text: str, start: int, size: int) -> int:
    """Where a piece that begins at `start` ends: at a line, sentence or word break when one
    falls in the second half of the allowed size, else exactly at the size."""
    end = start + size
    for mark in _BREAKS:
        found = text.rfind(mark, start + size // 2, end)
        if found != -1:
            return found + len(mark)
    return end


def _split(block: Block, size: int) -> Iterator[Block]:
    text = block.text
    start = 0
    first = True
    while start < len(text):
        end = len(text) if len(text) - start <= size else _split_point(text, start, size)
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            line = block.line_at(start + lead)
            if first:
                yield block.model_copy(update={"text": piece, "line": line})
            else:  # a table row's cells belong to its first piece
                kind = "paragraph" if block.kind == "table_row" else block.kind
                yield Block(text=piece, kind=kind, page=block.page, line=line)
            first = False
        start = end


def bounded_blocks(blocks: Iterable[Block], limits: ReadLimits) -> Iterator[Block]:
    """Every block with its text bounded, and blocks over `max_block_chars` split in several."""
    for block in blocks:
        text = bound_text(block.text, limits)
        cells = (
            [bound_text(cell, limits)[: limits.max_block_chars] for cell in block.cells]
            if block.cells is not None
            else None
        )
        if text != block.text or cells != block.cells:
            block = block.model_copy(update={"text": text, "cells": cells})
        if len(block.text) <= limits.max_block_chars:
            yield block
        else:
            yield from _split(block, limits.max_block_chars)
