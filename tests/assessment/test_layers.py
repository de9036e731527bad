"""The layering the README describes, enforced by import-linter's contracts in pyproject.toml
(documents < signals < dialogue < assessment < report < tui, cli; Textual only in tui; spaCy
only in signals)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.mark.skipif(
    not LINT_IMPORTS.exists() and shutil.which("lint-imports") is None,
    reason="import-linter is not installed (pip install -e '.[dev]')",
)
def test_every_import_contract_is_kept() -> None:
    command = str(LINT_IMPORTS) if LINT_IMPORTS.exists() else "lint-imports"
    done = subprocess.run(
        [command, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert (
        "Layers: documents < signals < dialogue < assessment < report < tui, cli KEPT"
        in done.stdout
    )
    assert "Contracts: 3 kept, 0 broken." in done.stdout
