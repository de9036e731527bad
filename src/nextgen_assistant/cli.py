"""The `nextgen` command line: each command is a few lines that call the layers below."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console

from nextgen_assistant import __version__
from nextgen_assistant.clock import system_clock
from nextgen_assistant.errors import ConfigError, NextGenError
from nextgen_assistant.rubric import Rubric, load_rubric

if TYPE_CHECKING:  # imported where used, so that start-up stays fast
    from nextgen_assistant.dialogue.model import AssessmentRecord
    from nextgen_assistant.signals.model import DocumentResult, ScanResult

app = typer.Typer(
    name="nextgen",
    help="How far is a regional sector partnership from being a Next Gen Sector Partnership, "
    "and what should it do next? Run with no command for the interactive self-assessment.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class ListFormat(StrEnum):
    """Formats of the listing commands."""

    table = "table"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nextgen {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """With no command: start the interactive self-assessment."""
    if ctx.invoked_subcommand is None:
        from nextgen_assistant.cli_start import start_default

        start_default()


def _rubric(rubric: Path | None) -> Rubric:
    return load_rubric(rubric) if rubric else load_rubric()


RubricOption = Annotated[
    Path | None, typer.Option("--rubric", help="A rubric file to use instead of the shipped one.")
]


@app.command()
def indicators(
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    rubric: RubricOption = None,
) -> None:
    """List the seven Next Gen indicators, their checks and gates."""
    loaded = _rubric(rubric)
    if format is ListFormat.json:
        typer.echo(loaded.model_dump_json(indent=2))
        return
    from nextgen_assistant.report.console import print_rubric

    print_rubric(loaded, Console())


class ScanFormat(StrEnum):
    """Formats of `nextgen scan`."""

    json = "json"
    table = "table"
    csv = "csv"
    md = "md"


def _as_of(value: str | None) -> date:
    if value is None:
        return system_clock().date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date like 2026-11-25") from None


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot write {output}: {error.strerror or error}") from None
    sys.stderr.write(f"nextgen: wrote {output}\n")


@contextmanager
def _output_stream(output: Path | None) -> Iterator[TextIO]:
    """stdout, or the output file, for output written piece by piece."""
    if output is None:
        yield sys.stdout
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as out:
            yield out
    except OSError as error:
        raise ConfigError(f"cannot write {output}: {error.strerror or error}") from None
    sys.stderr.write(f"nextgen: wrote {output}\n")


def _progress_bar() -> tuple[Callable[[int, int, str], None] | None, Callable[[], None]]:
    """A rich progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from nextgen_assistant.safe_text import markup_text

    bar = Progress(
        TextColumn("scanning"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("", total=None)
    bar.start()

    def advance(done: int, total: int, path: str) -> None:
        name = markup_text(Path(path).name[:40])  # a file name is text, never markup
        bar.update(task, completed=done, total=total, description=name)

    return advance, bar.stop


PathsArgument = Annotated[
    list[Path], typer.Argument(help="Files or folders of one partnership's documents.")
]
LexiconsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--lexicons",
        help="A folder of your own rules (YAML; a passage model of your own in its "
        "models/passages/); may repeat.",
    ),
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Fix 'today' (YYYY-MM-DD) for date judgements.")
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", min=1, help="Documents scanned in parallel.")
]
ModelOption = Annotated[
    str | None, typer.Option("--model", help="An installed spaCy model to use (optional).")
]
MaxMbOption = Annotated[
    float, typer.Option("--max-mb", min=0.001, help="Largest file read, in MB.")
]


def _scan_settings(as_of: str | None, lexicons: list[Path] | None, max_mb: float):  # type: ignore[no-untyped-def]
    """The settings of every scan the CLI runs (`scan`, `report --docs`, `portfolio`): one
    entry point, the same options."""
    from nextgen_assistant.documents import ReadLimits
    from nextgen_assistant.signals.scan import ScanSettings

    return ScanSettings(
        as_of=_as_of(as_of),
        lexicons=tuple(lexicons or ()),
        limits=ReadLimits(max_file_bytes=int(max_mb * 1024 * 1024)),
    )


@app.command()
def scan(
    paths: PathsArgument,
    format: Annotated[
        ScanFormat | None,
        typer.Option("--format", "-f", help="Default: table on a terminal, else json."),
    ] = None,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    jobs: JobsOption = 1,
    lexicons: LexiconsOption = None,
    model: ModelOption = None,
    max_mb: MaxMbOption = 50.0,
) -> None:
    """Scan one partnership's documents for evidence for and against each indicator."""
    from dataclasses import replace

    from nextgen_assistant.report import scan_output
    from nextgen_assistant.signals.scan import scan_streaming

    settings = replace(_scan_settings(as_of, lexicons, max_mb), model=model)
    chosen = format or (
        ScanFormat.table if sys.stdout.isatty() and output is None else ScanFormat.json
    )
    advance, stop = _progress_bar()
    try:
        # Streamed: every document's result goes to a spool file, so memory holds only counts,
        # facts and the strongest evidence, however many documents there are.
        streamed = scan_streaming(paths, settings, jobs=jobs, progress=advance)
    finally:
        stop()
    result = streamed.summary
    rubric = load_rubric()
    try:
        if chosen is ScanFormat.table and output is None:
            scan_output.print_scan_table(result, rubric, Console())
        elif chosen is ScanFormat.table:
            console = Console(file=io.StringIO(), width=120, no_color=True)
            scan_output.print_scan_table(result, rubric, console)
            _emit(console.file.getvalue(), output)  # type: ignore[attr-defined]
        elif chosen is ScanFormat.md:
            _emit(scan_output.scan_markdown(result, rubric), output)
        else:
            with _output_stream(output) as out:
                if chosen is ScanFormat.csv:
                    scan_output.write_scan_csv(streamed.documents(), out, streamed.summary.findings)
                else:
                    scan_output.write_scan_json(result, streamed.documents_json(), out)
    finally:
        streamed.close()
    if result.failed:
        if not (chosen is ScanFormat.table and output is None):  # the table already names them
            _say_unread(result.failed)
        raise typer.Exit(1)


class PortfolioFormat(StrEnum):
    """Formats of `nextgen portfolio`."""

    table = "table"
    csv = "csv"
    json = "json"
    md = "md"
    html = "html"


@app.command()
def portfolio(
    root: Annotated[
        Path, typer.Argument(help="A folder whose immediate subfolders are partnerships.")
    ],
    format: Annotated[PortfolioFormat, typer.Option("--format", "-f")] = PortfolioFormat.table,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    jobs: JobsOption = 1,
    lexicons: LexiconsOption = None,
    max_mb: MaxMbOption = 50.0,
) -> None:
    """For a coordinator: every subfolder of ROOT scanned as one partnership, as a matrix."""
    from nextgen_assistant.documents.walk import partnership_folders
    from nextgen_assistant.report import portfolio as render
    from nextgen_assistant.safe_text import terminal_text
    from nextgen_assistant.signals.scan import scan as run_scan

    if not root.is_dir():
        raise ConfigError(f"{root} is not a folder of partnership folders")
    folders, passed_over = partnership_folders(root)
    for folder, reason in passed_over:
        sys.stderr.write(f"nextgen: {terminal_text(str(folder))}: {reason}\n")
    if not folders:
        raise ConfigError(f"{root} has no partnership subfolders")
    settings = _scan_settings(as_of, lexicons, max_mb)
    advance, stop = _progress_bar()
    try:
        results = {
            folder.name: run_scan([folder], settings, jobs=jobs, progress=advance)
            for folder in folders
        }
    finally:
        stop()
    rubric = load_rubric()
    paged = output if format in (PortfolioFormat.table, PortfolioFormat.html) else None
    summaries = _portfolio_summaries(folders, results, settings.as_of, paged)
    if format is PortfolioFormat.table:
        render.print_portfolio(results, rubric, Console(), summaries)
        if output is not None:
            _emit(render.portfolio_html(results, rubric, summaries), output)
    elif format is PortfolioFormat.csv:
        _emit(render.portfolio_csv(results, rubric, summaries), output)
    elif format is PortfolioFormat.json:
        _emit(render.portfolio_json(results, summaries), output)
    elif format is PortfolioFormat.md:
        _emit(render.portfolio_markdown(results, rubric, summaries), output)
    else:
        _emit(render.portfolio_html(results, rubric, summaries), output)
    for name, result in results.items():
        _say_unread(result.failed, f"{name}: ")
    if any(result.failed for result in results.values()):
        raise typer.Exit(1)


def _say_unread(failed: Sequence[DocumentResult], where: str = "") -> None:
    """One line on stderr for each document that could not be read, so a script that sees exit
    1 learns why without opening the report."""
    from nextgen_assistant.safe_text import terminal_text

    for document in failed:
        sys.stderr.write(terminal_text(f"nextgen: {where}{document.path}: {document.error}") + "\n")


@app.command("eval")
def evaluate_command(
    labels: Annotated[Path, typer.Option("--labels", help="The labeled set (labels.yaml).")] = Path(
        "sample_docs/labels.yaml"
    ),
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    jobs: JobsOption = 1,
    lexicons: LexiconsOption = None,
    mismatches: Annotated[
        bool,
        typer.Option(
            "--mismatches/--summary",
            help="List every disagreement, or only the figures (a first run on a new batch "
            "need not be read sentence by sentence).",
        ),
    ] = True,
    skip_missing: Annotated[
        bool,
        typer.Option(
            "--skip-missing",
            help="Score the labeled documents that are on this machine and leave out, counted, "
            "those that are not (published pages disappear: some cannot be gathered again).",
        ),
    ] = False,
) -> None:
    """Score the document checker against a labeled set; exit 1 below the set's floors."""
    from nextgen_assistant.report.eval_output import evaluation_json, print_evaluation
    from nextgen_assistant.signals.evaluation import evaluate

    if not labels.is_file():
        raise ConfigError(
            f"{labels}: no such labels file (run from the repository, or pass --labels)"
        )
    result = evaluate(labels, jobs=jobs, lexicons=tuple(lexicons or ()), skip_missing=skip_missing)
    if format is ListFormat.json:
        _emit(evaluation_json(result), None)
    else:
        print_evaluation(result, Console(), mismatches=mismatches)
    if not result.passed:
        raise typer.Exit(1)


DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="The assessment database (default: NEXTGEN_DB or your data folder)."),
]


def _store(db: Path | None, as_of: date | None = None):  # type: ignore[no-untyped-def]
    """The assessment database; with `--as-of`, what is stored is dated that day."""
    from nextgen_assistant.clock import clock_for
    from nextgen_assistant.dialogue.store import Store

    return Store(db, clock_for(as_of))


@app.command()
def questions(
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """List every question: id, type, what it accepts, and the indicator it informs."""
    from nextgen_assistant.dialogue.questions import load_questions

    bank = load_questions()
    if format is ListFormat.json:
        rows = [
            {
                "id": q.id,
                "type": q.type,
                "indicator": q.indicator,
                "check": q.check,
                "text": q.text,
                "accepts": q.accepts(),
                "choices": [c.value for c in q.choices],
                "optional": q.optional,
                "follow_up": q.follow_up_only,
            }
            for q in bank.all_questions()
        ]
        _emit(json.dumps(rows, indent=2), None)
        return
    from rich.table import Table

    table = Table(title="Self-assessment questions (ids for the answers file)", show_lines=False)
    for column in ("id", "type", "indicator", "accepts"):
        table.add_column(column)
    for q in bank.all_questions():
        table.add_row(
            q.id + (" (follow-up)" if q.follow_up_only else ""),
            q.type,
            q.indicator or "opening",
            q.accepts(),
        )
    Console().print(table)


@app.command()
def assess(
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Store an assessment from an answers file (YAML or JSON)."),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option("--plain", help="Plain prompts on stdin/stdout instead of the terminal app."),
    ] = False,
    resume: Annotated[
        int | None, typer.Option("--resume", help="Continue the assessment with this id.")
    ] = None,
    partnership: Annotated[
        str | None,
        typer.Option(
            "--partnership",
            help="Add a respondent to this stored partnership (its name, industry and region "
            "are not asked again).",
        ),
    ] = None,
    db: DbOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Run the self-assessment: the terminal app, --plain prompts, or an answers file."""
    from nextgen_assistant import services

    today = _as_of(as_of)
    store = _store(db, today if as_of else None)
    joining = _stored_partnership(store, partnership) if partnership else None
    if answers is not None:
        from nextgen_assistant.dialogue.answers_file import read_answers_file
        from nextgen_assistant.dialogue.questions import load_questions

        named, respondent, parsed = read_answers_file(
            answers, load_questions(), today, services.understander(today), joining=joining
        )
        assessment_id = store.start(named, respondent, parsed)
        typer.echo(assessment_id)
        from nextgen_assistant.safe_text import terminal_text

        name = terminal_text(named.name, keep_newlines=False)  # from a file: no escape codes
        sys.stderr.write(
            f"nextgen: stored assessment {assessment_id} of {name} "
            f"({len(parsed)} answers); `nextgen report --session {assessment_id}` shows the report"
            f', `nextgen report --partnership "{name}"` the group\'s\n'
        )
        return
    if joining is not None:
        if resume is not None:
            raise ConfigError("give --resume or --partnership, not both")
        resume = store.add_respondent(joining.name)
    if plain or not (sys.stdin.isatty() and sys.stdout.isatty()):
        from nextgen_assistant.dialogue.plain import run_plain

        conversation = services.open_conversation(store, today, resume)

        def read_line() -> str | None:
            try:
                return input("> ")
            except EOFError:
                return None

        run_plain(conversation, read_line, typer.echo)
        return
    from nextgen_assistant.cli_start import start_app

    start_app(db=db, resume=resume, today=today if as_of else None)


def _stored_partnership(store, name: str):  # type: ignore[no-untyped-def]
    """The stored partnership of this name, or an error listing the ones there are."""
    found = store.partnership(name)
    if found is None:
        known = ", ".join(f"'{p.name}'" for p, _ in store.partnerships()[:8]) or "none yet"
        raise ConfigError(
            f"no partnership named '{name}' is stored (known: {known}); the first respondent "
            "names it, in the conversation or an answers file"
        )
    return found


sessions_app = typer.Typer(help="Saved assessments: list, export, delete.", no_args_is_help=True)
app.add_typer(sessions_app, name="sessions")


@sessions_app.command("list")
def sessions_list(db: DbOption = None) -> None:
    """Every saved assessment, newest first."""
    rows = _store(db).list()
    if not rows:
        typer.echo("No assessments yet: `nextgen assess` starts one.")
        return
    from nextgen_assistant.safe_text import terminal_text

    for assessment_id, name, started, answered, _updated in rows:
        shown = terminal_text(name, keep_newlines=False)
        typer.echo(f"{assessment_id:>4}  {started[:10]}  {answered:>3} answered  {shown}")


@sessions_app.command("export")
def sessions_export(assessment_id: int, output: OutputOption = None, db: DbOption = None) -> None:
    """Write an assessment as an answers file (YAML)."""
    import yaml

    from nextgen_assistant.dialogue.answers_file import export_answers

    _emit(
        yaml.safe_dump(
            export_answers(_store(db).load(assessment_id)), sort_keys=False, allow_unicode=True
        ),
        output,
    )


@sessions_app.command("delete")
def sessions_delete(assessment_id: int, db: DbOption = None) -> None:
    """Delete an assessment and its answers."""
    _store(db).delete(assessment_id)
    typer.echo(f"Deleted assessment {assessment_id}.")


class ReportFormat(StrEnum):
    """Formats of `nextgen report`."""

    md = "md"
    html = "html"
    json = "json"
    docx = "docx"


@app.command()
def report(
    session: Annotated[
        list[int] | None,
        typer.Option("--session", help="A stored assessment's id; repeat for a group report."),
    ] = None,
    answers: Annotated[
        list[Path] | None,
        typer.Option(
            "--answers", help="An answers file instead of a stored assessment; may repeat."
        ),
    ] = None,
    partnership: Annotated[
        str | None,
        typer.Option("--partnership", help="Every stored respondent of this partnership."),
    ] = None,
    docs: Annotated[
        list[Path] | None,
        typer.Option("--docs", help="The partnership's documents (files or folders); may repeat."),
    ] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.md,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    jobs: JobsOption = 1,
    lexicons: LexiconsOption = None,
    max_mb: MaxMbOption = 50.0,
    db: DbOption = None,
) -> None:
    """The gap report: answers and documents merged into findings and next steps; several
    respondents (sessions, answers files or a partnership) make one group report."""
    from nextgen_assistant import services
    from nextgen_assistant.report.render import render_report, render_report_docx

    sources = [bool(session), bool(answers), partnership is not None]
    if sum(sources) > 1:
        raise ConfigError("give --session, --answers or --partnership, one kind at a time")
    if not any(sources) and not docs:
        raise ConfigError(
            "nothing to report on: give --session ID, --answers FILE, --partnership NAME or "
            "--docs PATH"
        )
    if format is ReportFormat.docx and output is None and sys.stdout.isatty():
        raise ConfigError("a docx report is a file: give -o FILE.docx")
    settings = _scan_settings(as_of, lexicons, max_mb)
    today = settings.as_of
    records = _respondents(session, answers, partnership, db, today)
    earlier = None
    if session and len(session) == 1:
        earlier = _store(db).earlier(session[0])
    scan = None
    if docs:
        from nextgen_assistant.signals.scan import scan as run_scan

        advance, stop = _progress_bar()
        try:
            scan = run_scan(list(docs), settings, jobs=jobs, progress=advance)
        finally:
            stop()
    if len(records) > 1:
        built = services.make_group_report(today, records, scan)
    else:
        built = services.make_report(today, records[0] if records else None, scan, earlier)
    if format is ReportFormat.docx:
        _emit_bytes(render_report_docx(built), output)
    else:
        _emit(render_report(built, format.value), output)
    if scan is not None and scan.failed:
        _say_unread(scan.failed)
        raise typer.Exit(1)


def _respondents(  # type: ignore[no-untyped-def]
    session: list[int] | None,
    answers: list[Path] | None,
    partnership: str | None,
    db: Path | None,
    today: date,
):
    """The assessments a report merges: stored sessions, answers files, or every respondent of
    a stored partnership (several answers files must be about one partnership)."""
    if session:
        store = _store(db)
        return [store.load(assessment_id) for assessment_id in dict.fromkeys(session)]
    if partnership is not None:
        return _store(db).respondents(partnership)
    if not answers:
        return []
    records: list[AssessmentRecord] = []
    for number, path in enumerate(answers, start=1):
        records.append(_answers_record(path, today, records, 0 if len(answers) == 1 else number))
    return records


def _answers_record(
    path: Path, today: date, group: list[AssessmentRecord], record_id: int
) -> AssessmentRecord:
    """One answers file as an unsaved assessment, dated `today`; after the first file of a
    group, each joins the group's partnership."""
    from nextgen_assistant import services
    from nextgen_assistant.clock import fixed_clock
    from nextgen_assistant.dialogue.answers_file import read_answers_file
    from nextgen_assistant.dialogue.model import AssessmentRecord
    from nextgen_assistant.dialogue.questions import load_questions

    named, respondent, parsed = read_answers_file(
        path,
        load_questions(),
        today,
        services.understander(today),
        joining=group[0].partnership if group else None,
    )
    now = fixed_clock(today)()
    return AssessmentRecord(
        id=record_id,
        partnership=named,
        respondent=respondent,
        started_at=now,
        updated_at=now,
        answers={a.question_id: a for a in parsed},
    )


def _portfolio_summaries(  # type: ignore[no-untyped-def]
    folders: list[Path], results: dict[str, ScanResult], today: date, page: Path | None
):
    """Per partnership folder: its answers files (answers*.yaml, .yml or .json, its
    respondents) merged with its documents into its own report, summarised for the portfolio;
    with `page` (the portfolio page), each report page is written beside it and linked. An
    answers file with an error is named on stderr and left out."""
    from nextgen_assistant import services
    from nextgen_assistant.errors import AnswerError
    from nextgen_assistant.report.html import report_html
    from nextgen_assistant.report.portfolio import report_page_name, summarize
    from nextgen_assistant.safe_text import terminal_text

    pages = page.parent / f"{page.stem}-reports" if page is not None else None
    summaries = {}
    for index, folder in enumerate(folders, start=1):
        records: list[AssessmentRecord] = []
        files = sorted(
            f
            for pattern in ("answers*.yaml", "answers*.yml", "answers*.json")
            for f in folder.glob(pattern)
            if f.is_file() and not f.is_symlink()
        )
        for path in files:
            try:
                records.append(_answers_record(path, today, records, len(records) + 1))
            except AnswerError as error:
                sys.stderr.write(terminal_text(f"nextgen: {folder.name}: {error}") + "\n")
                continue
        scan = results[folder.name]
        if len(records) > 1:
            built = services.make_group_report(today, records, scan)
        else:
            built = services.make_report(today, records[0] if records else None, scan)
        link = None
        if pages is not None:
            pages.mkdir(parents=True, exist_ok=True)
            name = report_page_name(index, folder.name)
            (pages / name).write_text(report_html(built), encoding="utf-8")
            link = f"{pages.name}/{name}"
        summaries[folder.name] = summarize(scan, built if records else None, link)
    return summaries


def _emit_bytes(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise ConfigError(f"cannot write {output}: {error.strerror or error}") from None
    sys.stderr.write(f"nextgen: wrote {output}\n")


@app.command()
def schema() -> None:
    """Print the JSON Schema of `nextgen report --format json`."""
    from nextgen_assistant.assessment.model import Report

    _emit(json.dumps(Report.model_json_schema(), indent=2), None)


def main() -> None:
    """Entry point: run the CLI, turning the project's errors into one sentence and an exit code."""
    try:
        app()
    except NextGenError as error:
        from nextgen_assistant.safe_text import terminal_text

        sys.stderr.write(f"nextgen: {terminal_text(str(error))}\n")
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
