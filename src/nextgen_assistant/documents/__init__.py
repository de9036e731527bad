"""Documents layer: one reader per format turns a file into a `Document` of located blocks."""

from nextgen_assistant.documents.model import Block, BlockKind, Document, ReadLimits
from nextgen_assistant.documents.reader import (
    SUPPORTED_SUFFIXES,
    read_document,
    read_document_parts,
)
from nextgen_assistant.documents.walk import WalkEntry, walk_paths

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Block",
    "BlockKind",
    "Document",
    "ReadLimits",
    "WalkEntry",
    "read_document",
    "read_document_parts",
    "walk_paths",
]
