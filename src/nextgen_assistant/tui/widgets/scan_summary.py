"""What a scan found, as the Documents screen shows it: how many files were read, every file not
read with the reason, then the evidence per indicator."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from nextgen_assistant.documents.reader import SUPPORTED_SUFFIXES
from nextgen_assistant.rubric import load_rubric
from nextgen_assistant.signals.model import ScanResult


def files_not_read(result: ScanResult, attached: list[Path]) -> list[tuple[str, str]]:
    """(name, why) of every file the scan could not use, by name: damaged or unreadable
    documents, documents with no text in them, and files of a kind the tool does not read."""
    rows = [(d.name or Path(d.path).name, d.error or "it could not be read") for d in result.failed]
    rows += [
        (d.name or Path(d.path).name, "; ".join(d.warnings) or "there is no text in it")
        for d in result.documents
        if d.status == "ok" and not d.words
    ]
    rows += [(_shown_under(Path(s.path), attached), s.reason) for s in result.skipped]
    return sorted(rows)


def _shown_under(path: Path, attached: list[Path]) -> str:
    """A file found inside an attached folder, named as the scan names documents: the folder's
    name, then the path inside it (never the machine's whole path)."""
    for folder in attached:
        if path.is_relative_to(folder):
            return (Path(folder.name) / path.relative_to(folder)).as_posix()
    return path.name


def _formats_read() -> str:
    kinds = list(dict.fromkeys(SUPPORTED_SUFFIXES.values()))
    return ", ".join(f".{kind}" for kind in kinds[:-1]) + f" and .{kinds[-1]}"


def scan_summary(result: ScanResult, attached: list[Path]) -> Text:
    """The scan as text (names from the disk are appended as plain text, never markup)."""
    not_read = files_not_read(result, attached)
    read = sum(1 for d in result.documents if d.status == "ok" and d.words)
    text = Text()
    headline = f"{read} document{'' if read == 1 else 's'} read"
    text.append(headline + (f", {len(not_read)} not read." if not_read else "."), style="bold")
    if not_read:
        text.append("\n\nNot read:\n")
        for name, why in not_read:
            text.append("  ✗ ", style="red")
            text.append(f"{name}: {why}\n")
        if result.skipped:
            text.append(f"  The tool reads {_formats_read()} files.\n", style="dim")
    titles = {i.id: i.title for i in load_rubric().indicators}
    text.append("\nEvidence per indicator (supporting / against):\n")
    for item in result.indicators:
        score = "–" if item.score is None else f"{item.score:.1f}"
        text.append(
            f"  {titles.get(item.id, item.id)}: {item.status} {score} "
            f"(+{item.supporting} / -{item.red_flags})\n"
        )
    text.append("\nF7 shows the report.")
    return text
