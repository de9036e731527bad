"""Small pieces of sentence-making shared by the rubric, the gates and the advice."""

from __future__ import annotations


def joined(items: list[str], word: str = "and") -> str:
    """Items in a sentence: "a", "a and b", "a, b and c" (or "or")."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def in_sentence(text: str) -> str:
    """A sentence or a name as it reads inside another sentence: its first letter lower-case,
    unless it starts an acronym ("KPIs are tracked", "K-12 schools")."""
    if not text or text[:2].isupper() or text[1:2] == "-":
        return text
    return text[0].lower() + text[1:]
