"""The hostile folder of issue 20, made on the spot (nothing hostile is committed): six good
documents of sample_docs/mesa-valley-healthcare beside files that once stopped a scan, leaked out
of the folder or reached the terminal as control codes. Used by tests/test_hostile_scan.py and
benchmarks/hostile_bench.py."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from benchmarks.large_file_bench import write_large_text

SAMPLE_DOCS = Path(__file__).resolve().parents[1] / "sample_docs"
GOOD = ["action-plan.pdf", "bylaws.txt", "funding-note.txt", "minutes-2026-10-08.md",
        "results-2026.docx", "roster.csv"]  # fmt: skip


def make_hostile_folder(tmp_path: Path) -> Path:
    """`tmp_path/mesa`: six good documents and, in `hostile/`, every hostile case of issue 20;
    `tmp_path/outside` holds a secret the scan must not read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("The secret plan: business leaders never attend.\n")
    docs = tmp_path / "mesa"
    docs.mkdir()
    for name in GOOD:
        shutil.copy(SAMPLE_DOCS / "mesa-valley-healthcare" / name, docs / name)
    hostile = docs / "hostile"
    hostile.mkdir()
    # Resources: spaCy's tokenizer is quadratic on runs of punctuation; E088 over 1,000,000 chars.
    (hostile / "equals.txt").write_text("=" * 20_000 + "\n")
    (hostile / "brackets.txt").write_text("[" * 400_000)
    (hostile / "one-paragraph.txt").write_text("minutes " * 700_000 + "\n")
    (hostile / "long-token.md").write_text("a." * 300_000 + "\n")
    (hostile / "big-cell.csv").write_text('name,notes\nAcme,"' + "x " * 200_000 + '"\n')
    write_large_text(hostile / "large.txt", 3)  # read and checked in two parts
    # One line of text dense with evidence: every sentence shares one line number.
    write_large_text(hostile / "one-line.txt", 1.9, breaks=" ")
    # Encodings and names.
    (hostile / "utf16.txt").write_bytes(
        "Employers set the agenda for the partnership.\n".encode("utf-16-le")
    )
    os.mkdir(os.fsencode(hostile) + b"/caf\xe9-\xff")
    (Path(os.fsdecode(os.fsencode(hostile) + b"/caf\xe9-\xff")) / "notes.txt").write_text(
        "The chamber attends.\n"
    )
    (hostile / "bell\x07\x1b]0;owned\x07\x1b[31m.txt").write_text("Red \x9b31m text \x1b[2J.\n")
    (hostile / "[link=javascript:alert(1)]x[-x].md").write_text("<script>alert(1)</script>\n")
    (hostile / "=HYPERLINK(1)`tick`.txt").write_text("@SUM(1+1) -2 +3\n")
    # Unreadable, so the table names them: the names must show as plain text.
    marked = hostile / "[link=javascript:alert(1)]evil["  # with its file: ".../evil[/x]..."
    marked.mkdir()
    (marked / "x]broken.pdf").write_bytes(b"%PDF-1.4 nonsense")
    (hostile / "title\x1b]0;owned\x07\x9b2J.pdf").write_bytes(b"%PDF-1.4 nonsense")
    # Links: a loop, one to nothing, two leading out, one inside (read once).
    (hostile / "loop-a.txt").symlink_to(hostile / "loop-b.txt")
    (hostile / "loop-b.txt").symlink_to(hostile / "loop-a.txt")
    (hostile / "nothing.txt").symlink_to(hostile / "missing.txt")
    (hostile / "secret.txt").symlink_to(outside / "secret.txt")
    (hostile / "outside-folder").symlink_to(outside)
    (hostile / "again.txt").symlink_to(docs / "bylaws.txt")
    (hostile / "self").symlink_to(docs)
    # Unreadable documents: each its own error.
    (hostile / "broken.pdf").write_bytes(b"%PDF-1.4 nonsense")
    (hostile / "fake.docx").write_text("not a zip")
    with zipfile.ZipFile(hostile / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 3_000_000)
    (hostile / "binary.txt").write_bytes(bytes(range(256)) * 40)
    return docs
