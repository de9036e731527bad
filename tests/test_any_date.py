"""The date-sensitive parts of the suite pass on other days: run under libfaketime on two dates
a year apart (and on either side of the dates the tests fix), so a test that reads the real clock
fails here the day it is written, not months later in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO

# Every test module that shows or judges a date: snapshots, conversations, reports.
DATE_SENSITIVE = ["tests/tui/test_snapshots.py", "tests/dialogue", "tests/assessment"]
OTHER_DAYS = ["2025-03-01 09:00:00", "2027-06-15 10:00:00"]


@pytest.mark.parametrize("day", OTHER_DAYS)
def test_date_sensitive_tests_pass_on_another_day(day: str) -> None:
    faketime = shutil.which("faketime")
    if faketime is None:
        if os.environ.get("CI"):
            pytest.fail("faketime is missing: .ci/run installs Debian's faketime package")
        pytest.skip("install Debian's faketime package to run the suite on other dates")
    done = subprocess.run(
        # "@" starts the clock at `day` and lets it run, so waits and timeouts still work.
        [
            faketime,
            "-f",
            f"@{day}",
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            *DATE_SENSITIVE,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, f"on {day}:\n{done.stdout[-3000:]}\n{done.stderr[-2000:]}"
    assert " passed" in done.stdout
