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
# C0 controls but tab and line ends, DEL, and C1 controls (ESC starts terminal sequences).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Normalise line ends, ligatures, soft hyphens and spaces; join words hyphenated at line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_LIGATURES).translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text)
    text = _HYPHEN_BREAK.sub(r"\1\2\n", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SAMPLE_BYTES = 256 * 1024


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text saved as UTF-16 without a byte-order mark: mostly
    Latin text, so one byte of nearly every pair is zero, and the pairs decode."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_zeros = sample[0 : pairs * 2 : 2].count(0)
    odd_zeros = sample[1 : pairs * 2 : 2].count(0)
    for encoding, zeros, others in (
        ("utf-16-le", odd_zeros, even_zeros),
        ("utf-16-be", even_zeros, odd_zeros),
    ):
        if zeros >= 0.6 * pairs and others <= 0.05 * pairs:
            try:
                decoded = sample[: pairs * 2].decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _CONTROL.search(decoded.replace("\x00", "")):
                return encoding
    return None


def detect_encoding(sample: bytes, what: str = "file", *, complete: bool = True) -> str:
    """The codec of a file's text from its first bytes: its BOM, UTF-16 without a BOM, UTF-8, or
    detection (Windows-1252, Latin-1...). `complete` says the sample is the whole file.

    Raises DocumentError for bytes that are not text at all.
    """
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    utf16 = _utf16_without_bom(sample)
    if utf16 is not None:
        return utf16
    if b"\x00" in sample or _looks_binary(sample):
        raise DocumentError(
            f"this {what} holds binary data, not text: check that it is the document you meant "
            "and that its name ends in the right extension"
        )
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise DocumentError(f"the {what}'s text encoding could not be recognised: save it as UTF-8")
    return str(best.encoding)


def bom_error(encoding: str, what: str) -> DocumentError:
    """The sentence for a file whose byte-order mark promises an encoding its bytes break."""
    return DocumentError(
        f"the {what} starts with a {encoding} byte-order mark but is not valid {encoding}"
    )


def decode_bytes(raw: bytes, what: str = "file") -> str:
    """Decode text by its BOM, as UTF-8 or UTF-16, or by detection (Windows-1252, Latin-1...).

    Raises DocumentError for bytes that are not text at all.
    """
    encoding = detect_encoding(raw[:SAMPLE_BYTES], what, complete=len(raw) <= SAMPLE_BYTES)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        if any(encoding == name for _bom, name in _BOMS):
            raise bom_error(encoding, what) from None
    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        raise DocumentError(f"the {what}'s text encoding could not be recognised: save it as UTF-8")
    return str(best)


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    control = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return control / len(sample) > 0.05
