"""Decoding bytes to text and cleaning text without moving lines.

Clean-up never adds or removes a newline inside a block, so a line number computed from the
clean text is the line of the extracted text.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from nextgen_assistant.errors import DocumentError

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_INVISIBLE = str.maketrans({"\u00ad": None, "\u200b": None, "\ufeff": None, "\u00a0": " "})
# A word broken at a line end ("busi-\nness"): join it and keep the newline after the word.
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w+)([ \t]?)")
_SPACES = re.compile(r"[ \t\f\v]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Normalise line ends, ligatures, soft hyphens and spaces; join words hyphenated at line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_LIGATURES).translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text)
    text = _HYPHEN_BREAK.sub(r"\1\2\n", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def decode_bytes(raw: bytes, what: str = "file") -> str:
    """Decode text by its BOM, as UTF-8, or by detection (Windows-1252, Latin-1...).

    Raises DocumentError for bytes that are not text at all.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                raise DocumentError(
                    f"the {what} starts with a {encoding} byte-order mark but is not valid {encoding}"
                ) from None
    sample = raw[:65536]
    if b"\x00" in sample or _looks_binary(sample):
        raise DocumentError(
            f"this {what} holds binary data, not text: check that it is the document you meant "
            "and that its name ends in the right extension"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        raise DocumentError(f"the {what}'s text encoding could not be recognised: save it as UTF-8")
    return str(best)


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    control = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return control / len(sample) > 0.05
