"""Finding and loading the knowledge files in `lexicons/`, validated by pydantic.

Every error names the file, the entry (by its `id` where it has one) and the field, in one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from nextgen_assistant.errors import ConfigError

ModelT = TypeVar("ModelT", bound=BaseModel)


def lexicon_dir() -> Path:
    """The folder of shipped knowledge: inside the wheel when installed, the repo's otherwise."""
    packaged = Path(__file__).parent / "lexicons"
    if packaged.is_dir():
        return packaged
    source_tree = Path(__file__).resolve().parents[2] / "lexicons"
    if source_tree.is_dir():
        return source_tree
    raise ConfigError("the lexicons folder is missing from this installation: reinstall nextgen")


def read_yaml(path: Path) -> Any:
    """Parse a YAML (or JSON) file safely; a syntax error names the file and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise ConfigError(f"{path}:{where} {problem}") from None


def _describe_location(data: Any, loc: tuple[int | str, ...]) -> tuple[str, str]:
    """Turn a pydantic error location into (entry, field): entries are named by their `id`."""
    entry = ""
    node = data
    field_parts: list[str] = []
    for step in loc:
        if isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            if isinstance(node, dict) and "id" in node:
                entry = f"entry '{node['id']}'"
                field_parts = []
            else:
                field_parts.append(f"[{step}]")
            continue
        node = node[step] if isinstance(node, dict) and step in node else None
        field_parts.append(str(step))
    if not entry:
        entry = "top level"
    return entry, ".".join(field_parts).replace(".[", "[") or "(whole entry)"


def format_validation_error(path: Path | str, data: Any, error: ValidationError) -> str:
    """One line per problem: file, entry, field and what is wrong."""
    lines = []
    for problem in error.errors():
        entry, field = _describe_location(data, tuple(problem["loc"]))
        lines.append(f"{path}: {entry}, field '{field}': {problem['msg']}")
    return "; ".join(lines[:3]) + (f" (and {len(lines) - 3} more)" if len(lines) > 3 else "")


def validate(model: type[ModelT], data: Any, path: Path | str) -> ModelT:
    """Validate `data` read from `path` into `model`, or raise a ConfigError naming the place."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ConfigError(format_validation_error(path, data, error)) from None


def load_model(model: type[ModelT], path: Path) -> ModelT:
    """Read and validate one knowledge file."""
    return validate(model, read_yaml(path), path)


def yaml_files(folder: Path) -> Iterator[Path]:
    """The YAML files of a folder, in a stable order."""
    yield from sorted(p for p in folder.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())
