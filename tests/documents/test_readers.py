"""Each format reads into located blocks; every bad input fails alone with a clear sentence."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from benchmarks.writers import write_csv, write_docx, write_html, write_image_only_pdf, write_pdf

from nextgen_assistant.documents import ReadLimits, read_document, walk_paths
from nextgen_assistant.errors import DocumentError


def _find(document, needle: str):  # type: ignore[no-untyped-def]
    for block in document.blocks:
        if needle in block.text:
            return block, block.line_at(block.text.index(needle))
    raise AssertionError(f"{needle!r} not found in {[b.text for b in document.blocks]}")


def test_txt_lines_paragraphs_lists_and_cleanup(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_bytes(
        "MEETING MINUTES\r\n\r\nThe partnership is busi-\r\nness-led and meets monthly.\r\n"
        "The ﬁrst action team met.\u00ad\r\n\r\n- Present: Acme Manufacturing Inc\r\n"
        "- Present:   Weld County   Workforce Board\r\n".encode()
    )
    document = read_document(path)
    assert document.format == "txt"
    heading = document.blocks[0]
    assert (heading.kind, heading.text, heading.line) == ("heading", "MEETING MINUTES", 1)
    block, line = _find(document, "business")
    assert line == 3 and "business\nness-led" not in block.text
    assert _find(document, "first action team")[1] == 5
    items = [b for b in document.blocks if b.kind == "list_item"]
    assert [(b.line, b.text) for b in items] == [
        (7, "- Present: Acme Manufacturing Inc"),
        (8, "- Present: Weld County Workforce Board"),
    ]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b""), ("cp1252", b"")],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "Café owners’ co-chair said “we hire across the region” — naïve résumé.\n" * 3
    path = tmp_path / "note.txt"
    path.write_bytes(prefix + text.encode(encoding))
    document = read_document(path)
    assert "we hire across the region" in document.blocks[0].text
    assert "Café" in document.blocks[0].text


def test_markdown_keeps_headings_lists_tables_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# Action Plan\n\nLast updated March 2026.\n\n- Recruit two champions\n- Refresh plan\n\n"
        "| Name | Organization |\n|---|---|\n| Ana Ruiz | Acme Manufacturing Inc |\n"
        "| Bo Lee | Larimer County |\n"
    )
    document = read_document(path)
    assert document.title == "Action Plan"
    kinds = [(b.kind, b.line) for b in document.blocks]
    assert kinds[:4] == [("heading", 1), ("paragraph", 3), ("list_item", 5), ("list_item", 6)]
    rows = [b for b in document.blocks if b.kind == "table_row"]
    assert rows[0].cells == ["Ana Ruiz", "Acme Manufacturing Inc"]
    assert rows[0].header == ["Name", "Organization"]
    assert [r.line for r in rows] == [10, 11]


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "charter.docx",
        [
            ("Heading 1", "Charter"),
            ("", "Business leaders chair the partnership."),
            ("List Bullet", "Meet quarterly"),
        ],
        table=[["Name", "Organization"], ["Ana Ruiz", "Acme Manufacturing Inc"]],
    )
    document = read_document(path)
    assert [(b.kind, b.line) for b in document.blocks] == [
        ("heading", 1),
        ("paragraph", 2),
        ("list_item", 3),
        ("table_row", 4),
    ]
    assert document.blocks[-1].cells == ["Ana Ruiz", "Acme Manufacturing Inc"]
    assert document.title == "Charter"


def test_pdf_pages_and_lines(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "report.pdf",
        [
            ["Annual Report", "", "Page one text."],
            ["Results", "", "We placed 42 apprentices.", "Wages rose 8 percent."],
        ],
        title="Annual Report 2026",
    )
    document = read_document(path)
    assert document.pages == 2 and document.title == "Annual Report 2026"
    block, line = _find(document, "Wages rose")
    assert block.page == 2 and line == 3  # pdfium extracts no line for a blank gap
    assert _find(document, "Page one")[0].page == 1


def test_hundred_page_pdf_reads(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "long.pdf", [[f"Page {n} line {i}" for i in range(40)] for n in range(100)]
    )
    document = read_document(path)
    assert document.pages == 100
    assert _find(document, "Page 99 line 39")[0].page == 100


def test_html_drops_chrome_and_keeps_tables(tmp_path: Path) -> None:
    path = write_html(
        tmp_path / "news.html",
        "Press release",
        ["The partnership placed 30 apprentices."],
        table=[["Name", "Organization"], ["Ana", "Acme Inc"]],
    )
    document = read_document(path)
    text = "\n".join(b.text for b in document.blocks)
    assert document.title == "Press release"
    assert "apprentices" in text
    for dropped in ("tracking", "Home", "Site banner", "Copyright", "color:red"):
        assert dropped not in text
    assert document.blocks[-1].cells == ["Ana", "Acme Inc"]


def test_csv_rows_keep_header_and_cells(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "roster.csv",
        [
            ["Name", "Organization", "Type"],
            ["Ana", "Acme Inc", "business"],
            ["Bo", "Aims Community College", "public"],
        ],
    )
    document = read_document(path)
    assert [b.line for b in document.blocks] == [2, 3]
    assert document.blocks[1].cells == ["Bo", "Aims Community College", "public"]
    assert document.blocks[0].header == ["Name", "Organization", "Type"]


# --- bad input -----------------------------------------------------------------------------


def _error(path: Path, limits: ReadLimits | None = None) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path, limits)
    message = str(caught.value)
    assert "Traceback" not in message and len(message) > 20
    return message


def test_corrupt_and_truncated_pdf(tmp_path: Path) -> None:
    good = write_pdf(tmp_path / "good.pdf", [["Some text here."]]).read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    for name in ("truncated.pdf", "garbage.pdf"):
        message = _error(tmp_path / name)
        assert "damaged" in message or "no text layer" in message


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "secret.pdf", [["Confidential plan."]], password="s3cret")
    assert "encrypted" in _error(path) and "password" in _error(path)


def test_scanned_pdf_says_no_text_layer(tmp_path: Path) -> None:
    assert "no text layer" in _error(write_image_only_pdf(tmp_path / "scan.pdf"))


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("I am plain text pretending to be Word.")
    assert "not a zip" in _error(path)


def test_zip_bomb_is_refused_before_opening(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * 5_000_000)
    assert "zip bomb" in _error(path)
    assert "zip bomb" in _error(
        path, ReadLimits(max_unzipped_bytes=1_000_000, max_zip_ratio=10_000)
    )


def test_docx_entity_expansion_is_refused(tmp_path: Path) -> None:
    good = write_docx(tmp_path / "ok.docx", [("", "Hello")])
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = (
                    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + data.split(b"?>", 1)[1]
                )
            dst.writestr(item, data)
    assert "entities" in _error(evil)


def test_html_entities_do_not_expand(tmp_path: Path) -> None:
    path = tmp_path / "evil.html"
    path.write_text(
        '<!DOCTYPE html [<!ENTITY a "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        "<html><body><p>Partnership news &b;</p></body></html>"
    )
    document = read_document(path)
    text = " ".join(b.text for b in document.blocks)
    assert "AAAAAAAA" not in text


def test_binary_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 50)
    assert "binary" in _error(path)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  "])
def test_empty_file_is_a_warning(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(content)
    document = read_document(path)
    assert document.blocks == [] and "empty" in document.warnings[0]


def test_file_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 300_000)
    assert "limit" in _error(path, ReadLimits(max_file_bytes=1_000_000))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret")
    path.chmod(0)
    assert "permission" in _error(path)


def test_file_that_disappears(tmp_path: Path) -> None:
    assert "no longer there" in _error(tmp_path / "gone.txt")


def test_walk_skips_hidden_and_unsupported_and_survives_loops(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "plan.md").write_text("# Plan")
    (tmp_path / "a" / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("hidden")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    entries = list(walk_paths([tmp_path, tmp_path / "a" / "plan.md", tmp_path / "x.exe"]))
    actions = {(e.path.name, e.action) for e in entries}
    assert ("plan.md", "read") in actions
    assert ("logo.png", "skipped") in actions
    assert ("x.exe", "error") in actions
    assert all(".git" not in str(e.path) and "hidden" not in e.path.name for e in entries)
    assert sum(1 for e in entries if e.path.name == "plan.md") == 1


def test_a_heading_on_the_line_above_its_text_is_its_own_block() -> None:
    from nextgen_assistant.documents.plain import text_blocks

    blocks = text_blocks(
        "Article 2. Region\n"
        "The partnership serves a three-county region on the Western Slope. Our members\n"
        "recruit across county lines.\n"
        "\n"
        "Funding outlook\n"
        "The partnership has three sources of money this year and expects a fourth soon.\n"
        "\n"
        "We met on Tuesday\n"
        "and agreed on the next steps for the housing study and the apprenticeship cohort.\n"
        "\n"
        "Harbor contractors form a partnership to train a new generation of crane operators\n"
        "Owners of nine construction firms in three counties have formed the Harbor Construction "
        "Partnership to train crane operators and heavy-equipment mechanics together.\n"
    )
    assert [(b.kind, b.line, b.text.split("\n")[0]) for b in blocks] == [
        ("heading", 1, "Article 2. Region"),
        (
            "paragraph",
            2,
            "The partnership serves a three-county region on the Western Slope. Our members",
        ),
        ("heading", 5, "Funding outlook"),
        (
            "paragraph",
            6,
            "The partnership has three sources of money this year and expects a fourth soon.",
        ),
        ("paragraph", 8, "We met on Tuesday"),  # a sentence running on, not a heading
        # a news headline of a dozen words above its story
        (
            "heading",
            11,
            "Harbor contractors form a partnership to train a new generation of crane operators",
        ),
        (
            "paragraph",
            12,
            "Owners of nine construction firms in three counties have formed the "
            "Harbor Construction Partnership to train crane operators and heavy-equipment mechanics "
            "together.",
        ),
    ]
