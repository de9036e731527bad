"""What a scan found, as the Documents screen shows it: how many files were read, every document
that could not be read with the reason, the files passed over, then the evidence per indicator."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from nextgen_assistant.documents.reader import SUPPORTED_SUFFIXES
from nextgen_assistant.report.wording import held_note
from nextgen_assistant.rubric import load_rubric
from nextgen_assistant.signals.model import ScanResult
from nextgen_assistant.tui.widgets.path_text import Part


def files_not_read(result: ScanResult) -> list[tuple[str, str]]:
    """(name, why) of every document the scan could not use: damaged or unreadable documents,
    and documents with no text in them."""
    rows = [(d.name or Path(d.path).name, d.error or "it could not be read") for d in result.failed]
    rows += [
        (d.name or Path(d.path).name, "; ".join(d.warnings) or "there is no text in it")
        for d in result.documents
        if d.status == "ok" and not d.words
    ]
    return sorted(rows)


def files_passed_over(result: ScanResult, attached: list[Path]) -> tuple[list[str], list[str]]:
    """Files in an attached folder the scan left alone, which is no failure: the names of
    those of a kind the tool does not read (an answers.yaml beside the documents), and
    'name (why)' for the others (a link leading out of the folder)."""
    other_kind: list[str] = []
    other_reason: list[str] = []
    for skipped in result.skipped:
        name = _shown_under(Path(skipped.path), attached)
        if Path(skipped.path).suffix.lower() not in SUPPORTED_SUFFIXES:
            other_kind.append(name)
        else:
            other_reason.append(f"{name} ({skipped.reason})")
    return sorted(other_kind), sorted(other_reason)


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


def scan_summary(result: ScanResult, attached: list[Path]) -> list[Part]:
    """The scan as prose and paths, for a `PathText`: each file passed over on a line of its
    own, never broken mid-name (names from the disk are plain text, never markup)."""
    not_read = files_not_read(result)
    other_kind, other_reason = files_passed_over(result, attached)
    read = sum(1 for d in result.documents if d.status == "ok" and d.words)
    text = Text()
    headline = f"{read} document{'' if read == 1 else 's'} read"
    text.append(headline + (f", {len(not_read)} not read." if not_read else "."), style="bold")
    if not_read:
        text.append("\n\nNot read:")
        for name, why in not_read:
            text.append("\n  ✗ ", style="red")
            text.append(f"{name}: {why}")
    parts: list[Part] = [(text, False), (Text(), False)]
    if other_kind:
        heading = f"Passed over (the tool reads {_formats_read()} files):"
        parts.append((Text(heading, style="dim"), False))
        parts += [(Text(f"  {name}", style="dim"), True) for name in other_kind]
    if other_reason:
        parts.append((Text("Passed over: " + "; ".join(other_reason) + ".", style="dim"), False))
    if other_kind or other_reason:
        parts.append((Text(), False))
    rubric = load_rubric()
    titles = {i.id: i.title for i in rubric.indicators}
    evidence = Text("Evidence per indicator (supporting / against):")
    for item in result.indicators:
        score = "–" if item.score is None else f"{item.score:.1f}"
        held = held_note(item, result, rubric)
        evidence.append(
            f"\n  {titles.get(item.id, item.id)}: {item.status} {score} "
            f"(+{item.supporting} / -{item.red_flags})"
            + (f"; {held.removeprefix('held at partial: ')}" if held else "")
        )
    return [*parts, (evidence, False), (Text(), False), (Text("F7 shows the report."), False)]
