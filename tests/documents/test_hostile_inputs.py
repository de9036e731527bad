"""Hostile and careless inputs to the documents layer (issue 20): text is bounded before the
checker sees it, long files come in parts with the file's line numbers, links never lead out of
the folder, unreadable folders and odd names are reported, UTF-16 without a BOM is text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nextgen_assistant.documents import ReadLimits, read_document, read_document_parts, walk_paths
from nextgen_assistant.documents.walk import partnership_folders
from nextgen_assistant.errors import ConfigError

LIMITS = ReadLimits()


def test_runs_of_punctuation_and_long_tokens_are_cut(tmp_path: Path) -> None:
    path = tmp_path / "rules.txt"
    path.write_text(
        "Before\n" + "=" * 20_000 + "\n" + "[" * 400_000 + " x" + "a" * 5_000 + "\nAfter\n"
    )
    document = read_document(path)
    longest = max(len(token) for block in document.blocks for token in block.text.split())
    assert longest <= LIMITS.max_token_chars
    assert all(len(block.text) <= LIMITS.max_block_chars for block in document.blocks)
    after = next(block for block in document.blocks if "After" in block.text)
    assert after.line_at(after.text.index("After")) == 4  # no line lost or added


def test_a_huge_paragraph_is_split_into_bounded_blocks_keeping_lines(tmp_path: Path) -> None:
    path = tmp_path / "wall.txt"
    lines = [f"Sentence number {n} of the wall of text." for n in range(150_000)]
    path.write_text("Title\n\n" + "\n".join(lines) + "\n")
    document = read_document(path)
    assert all(len(block.text) <= LIMITS.max_block_chars for block in document.blocks)
    for number in (0, 77_777, 149_999):
        needle = f"Sentence number {number} of"
        block = next(b for b in document.blocks if needle in b.text)
        assert block.line_at(block.text.index(needle)) == number + 3


@pytest.mark.parametrize("suffix", ["txt", "md", "csv"])
def test_a_long_file_is_read_in_parts_with_the_files_line_numbers(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"long.{suffix}"
    head = "name,notes\n" if suffix == "csv" else ""
    rows = [
        f"Row {n},the partnership met" if suffix == "csv" else f"Line {n} text."
        for n in range(60_000)
    ]
    path.write_text(head + "\n\n".join(rows) + "\n", newline="\n")
    limits = ReadLimits(piece_bytes=64 * 1024)
    parts = list(read_document_parts(path, limits))
    assert len(parts) > 5
    for part in parts:
        assert sum(len(b.text) for b in part.blocks) < 3 * limits.piece_bytes
    blocks = [b for part in parts for b in part.blocks]
    for number in (0, 31_415, 59_999):
        if suffix == "csv":
            block = next(b for b in blocks if b.cells and b.cells[0] == f"Row {number}")
        else:
            block = next(b for b in blocks if b.text == f"Line {number} text.")
        assert block.line == len(head.splitlines()) + 2 * number + 1, (number, block.line)


def test_a_csv_cell_over_the_csv_modules_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text('name,notes\nAcme,"' + "x " * 200_000 + '"\nSummit,chairs the partnership\n')
    document = read_document(path)
    assert document.blocks[-1].cells == ["Summit", "chairs the partnership"]
    assert all(len(block.text) <= LIMITS.max_block_chars for block in document.blocks)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("Employers set the agenda; the café hosts it.\n".encode(encoding))
    assert read_document(path).blocks[0].text == "Employers set the agenda; the café hosts it."


def test_c1_controls_are_dropped_from_document_text(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Red \x9b31m text \x1b[2J here\x85.\n")
    text = read_document(path).blocks[0].text
    assert not any(0x80 <= ord(c) <= 0x9F or ord(c) == 0x1B for c in text)


def test_links_stay_inside_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd.txt").write_text("root:x:0:0\n")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "plan.txt").write_text("A plan.\n")
    (folder / "etc").symlink_to(outside)
    (folder / "passwd.txt").symlink_to(outside / "passwd.txt")
    (folder / "plan-again.txt").symlink_to(folder / "plan.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "here").symlink_to(folder)
    entries = {entry.path.name: entry for entry in walk_paths([folder])}
    assert entries["etc"].action == "skipped" and "outside" in (entries["etc"].reason or "")
    assert entries["passwd.txt"].action == "skipped"
    assert "loop" in (entries["loop.txt"].reason or "")
    assert "missing" in (entries["gone.txt"].reason or "")
    read = [e for e in entries.values() if e.action == "read"]
    assert len(read) == 1 and read[0].path.name in ("plan.txt", "plan-again.txt")
    assert not any("root:x" in e.path.read_text() for e in read)
    # A file named on the command line is read even when it is a link: the user named it.
    named = list(walk_paths([folder / "passwd.txt"]))
    assert [e.action for e in named] == ["read"]


def test_an_unreadable_subfolder_is_an_error_not_silence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "docs"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "x.txt").write_text("hidden\n")
    (folder / "open.txt").write_text("seen\n")
    locked = str(folder / "locked")
    if os.geteuid() == 0:  # root reads every folder: refuse it the way the kernel would
        real_scandir = os.scandir

        def scandir(path: str | os.PathLike[str] = ".") -> object:
            if os.fspath(path) == locked:
                raise PermissionError(13, "Permission denied", locked)
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        os.chmod(locked, 0)
    try:
        entries = list(walk_paths([folder]))
    finally:
        os.chmod(locked, 0o755)
    errors = [e for e in entries if e.action == "error"]
    assert len(errors) == 1 and "permission denied" in (errors[0].reason or "")
    assert errors[0].name == "docs/locked"
    assert [e.path.name for e in entries if e.action == "read"] == ["open.txt"]


def test_a_file_name_that_is_not_utf8_is_shown_with_replacement_characters(
    tmp_path: Path,
) -> None:
    raw = os.fsencode(tmp_path) + b"/minutes-caf\xe9.txt"
    with open(raw, "w") as handle:
        handle.write("Minutes.\n")
    [entry] = list(walk_paths([tmp_path]))
    assert entry.action == "read" and entry.name.endswith("minutes-caf\ufffd.txt")
    entry.name.encode("utf-8")  # writable anywhere


def test_portfolio_folders_do_not_follow_links_out(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    root = tmp_path / "root"
    (root / "mesa").mkdir(parents=True)
    (root / "etc").symlink_to(tmp_path / "outside")
    folders, passed_over = partnership_folders(root)
    assert [f.name for f in folders] == ["mesa"]
    assert [(p.name, "outside" in why) for p, why in passed_over] == [("etc", True)]
    with pytest.raises(ConfigError):
        partnership_folders(tmp_path / "missing")
