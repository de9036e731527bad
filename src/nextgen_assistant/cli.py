"""The `nextgen` command line: each command is a few lines that call the layers below."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from nextgen_assistant import __version__
from nextgen_assistant.errors import NextGenError
from nextgen_assistant.rubric import Rubric, load_rubric

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


def main() -> None:
    """Entry point: run the CLI, turning the project's errors into one sentence and an exit code."""
    try:
        app()
    except NextGenError as error:
        sys.stderr.write(f"nextgen: {error}\n")
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
