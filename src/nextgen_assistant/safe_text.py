"""Text taken from documents and file names, made safe for where it is shown: a terminal (no
control characters or escape sequences, Rich markup escaped), Markdown (no raw HTML, no live
links, code spans that hold any backticks) and spreadsheets (no formulas)."""

from __future__ import annotations

import html
import os
import re
from pathlib import PurePath

from rich.markup import escape

# ESC sequences (CSI, OSC, DCS... and two-character ones), then any other C0 or C1 control.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)"  # OSC, DCS, SOS, PM, APC: titles, hyperlinks
    r"|\x1b[ -/]*[0-~]?",  # the short ones, and a lone ESC
    re.DOTALL,
)
_C1_SEQUENCE = re.compile(r"[\x9b][0-?]*[ -/]*[@-~]|[\x9d\x90\x98\x9e\x9f].*?(?:\x07|\x9c|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Inline only: what starts a block (#, -) is harmless inside a line. Markdown's own escape, a
# backslash, keeps < and > from making HTML and & from starting an entity: an entity such as
# "&amp;" is HTML's escape, and a reader of the .md file saw it as it stands.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~<>]|&(?=#?\w+;))")
_UNSAFE_SCHEME = re.compile(r"\b(javascript|vbscript|data|file)(\s*):", re.IGNORECASE)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def printable_path(path: str | PurePath) -> str:
    """A path as text that can always be written: bytes that are not UTF-8 in a file name
    (kept by Python as surrogate escapes) become the replacement character."""
    raw = os.fspath(path)
    return raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def terminal_text(text: str, *, keep_newlines: bool = True) -> str:
    """`text` without escape sequences or control characters (tabs and, if asked, newlines kept),
    so a document or a file name cannot move the cursor, retitle the window or forge a link."""
    text = printable_path(text)
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _C1_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    return text if keep_newlines else text.replace("\n", " ")


def html_text(text: str) -> str:
    """`text` as HTML character data: escaped, and without the escape sequences and control
    characters that would act on a terminal that prints the page's source."""
    return html.escape(terminal_text(text))


def markup_text(text: str) -> str:
    """`text` made safe for a terminal and for Rich markup: `[link=...]` stays literal text."""
    return escape(terminal_text(text))


def markdown_text(text: str) -> str:
    """`text` as literal Markdown: no HTML, no emphasis, no links (`javascript:` defused), on
    one line."""
    text = terminal_text(text, keep_newlines=False)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _UNSAFE_SCHEME.sub(r"\1\2\\:", text)


def markdown_code(text: str) -> str:
    """`text` as an inline code span that its own backticks cannot close (CommonMark: a fence
    longer than any run of backticks inside, padded with spaces)."""
    text = terminal_text(text, keep_newlines=False)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def csv_cell(value: object) -> object:
    """A spreadsheet cell that cannot run as a formula (OWASP: text that starts with = + - @, a
    tab or a carriage return gets a leading apostrophe); numbers are left as they are."""
    if not isinstance(value, str):
        return value
    value = terminal_text(value)
    return "'" + value if value.startswith(_FORMULA_START) else value
