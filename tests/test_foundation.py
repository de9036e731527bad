"""The package, the rubric as data, the `nextgen` command and the layering rules."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
import yaml

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.errors import ConfigError
from nextgen_assistant.rubric import Rubric, load_rubric
from tests.conftest import REPO, run_nextgen

SRC = REPO / "src" / "nextgen_assistant"


def test_version_and_help() -> None:
    version = run_nextgen("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("nextgen ")
    helptext = run_nextgen("--help")
    assert helptext.returncode == 0
    assert "indicators" in helptext.stdout


def test_indicators_table_lists_seven_in_contract_order() -> None:
    result = run_nextgen("indicators")
    assert result.returncode == 0
    positions = [result.stdout.index(indicator_id) for indicator_id in INDICATOR_IDS]
    assert positions == sorted(positions)
    assert "[gate]" in result.stdout


def test_indicators_json_is_the_rubric() -> None:
    result = run_nextgen("indicators", "--format", "json")
    data = json.loads(result.stdout)
    assert [i["id"] for i in data["indicators"]] == list(INDICATOR_IDS)
    rubric = Rubric.model_validate(data)
    gates = {i.id: [c.id for c in i.gates] for i in rubric.indicators}
    assert "business_outnumbers_public" in gates["private_sector_leadership"]
    assert "plan_current" in gates["shared_action_plan"]
    assert "partner_type_coverage" in gates["public_partner_team"]


@pytest.mark.parametrize(
    ("score", "status"),
    [
        (None, "unknown"),
        (1.0, "gap"),
        (2.99, "gap"),
        (3.0, "partial"),
        (3.9, "partial"),
        (4.0, "meets"),
        (5.0, "meets"),
    ],
)
def test_score_bands(score: float | None, status: str) -> None:
    assert load_rubric().status_for(score) == status


def _broken_rubric(tmp_path: Path, edit: str) -> Path:
    data = yaml.safe_load((REPO / "lexicons" / "rubric.yaml").read_text())
    if edit == "missing_title":
        del data["indicators"][2]["title"]
    else:
        data["indicators"][4]["id"] = "shared_plan_typo"
    path = tmp_path / "rubric.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_broken_rubric_missing_field_names_file_entry_and_field(tmp_path: Path) -> None:
    path = _broken_rubric(tmp_path, "missing_title")
    result = run_nextgen("indicators", "--rubric", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert str(path) in message
    assert "industry_driven_agenda" in message
    assert "title" in message


def test_broken_rubric_unknown_indicator_id(tmp_path: Path) -> None:
    path = _broken_rubric(tmp_path, "unknown_id")
    with pytest.raises(ConfigError, match="shared_plan_typo"):
        load_rubric(path)
    result = run_nextgen("indicators", env={"NEXTGEN_RUBRIC": str(path)})
    assert result.returncode == 2
    assert "shared_plan_typo" in result.stderr and "Traceback" not in result.stderr


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize(("library", "home"), [("textual", "tui"), ("spacy", "signals")])
def test_layers_keep_their_libraries(library: str, home: str) -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if library in _imported_modules(path) and path.relative_to(SRC).parts[0] != home
    ]
    assert offenders == [], f"{library} imported outside {home}/"


def test_core_imports_without_textual_or_spacy() -> None:
    """The domain layers import with textual and spacy made unimportable."""
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('textual', 'spacy'):\n"
        "            raise ImportError('blocked ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import importlib, pkgutil, nextgen_assistant as p\n"
        "for m in pkgutil.walk_packages(p.__path__, 'nextgen_assistant.'):\n"
        "    if m.name.split('.')[1] in ('tui', '__main__') or m.name.startswith('nextgen_assistant.signals.'):\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
        "print('ok')\n"
    )
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr
