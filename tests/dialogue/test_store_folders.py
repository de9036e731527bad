"""The store remembers which folder of documents was last scanned for each partnership."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

from nextgen_assistant.clock import fixed_clock
from nextgen_assistant.dialogue.model import Partnership
from nextgen_assistant.dialogue.store import MIGRATIONS, Store

TODAY = date(2026, 11, 25)


def test_each_partnership_keeps_its_last_folder_for_every_respondent(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3", fixed_clock(TODAY))
    mesa = store.start(Partnership(name="Mesa Valley Healthcare"))
    plains = store.start(Partnership(name="High Plains Manufacturing"))
    assert store.documents_folder(mesa) is None
    odd = Path(os.fsdecode(b"/shared/caf\xe9 minutes"))  # a name that is not UTF-8, kept whole
    store.remember_documents_folder(mesa, Path("/shared/mesa"))
    store.remember_documents_folder(mesa, odd)
    store.remember_documents_folder(plains, Path("/shared/plains"))
    second = store.add_respondent("Mesa Valley Healthcare")
    assert store.documents_folder(second) == odd
    assert store.documents_folder(plains) == Path("/shared/plains")


def test_a_folder_scanned_before_the_name_stays_with_the_partnership(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3", fixed_clock(TODAY))
    first = store.start(Partnership(name="Mesa Valley Healthcare"))
    unnamed = store.start(Partnership(name=f"New partnership {TODAY:%Y-%m-%d}"))
    store.remember_documents_folder(unnamed, Path("/shared/mesa"))
    store.update_partnership(unnamed, name="Mesa Valley Healthcare")  # joins the first
    assert store.documents_folder(unnamed) == Path("/shared/mesa")
    assert store.documents_folder(first) == Path("/shared/mesa")


def test_a_database_of_the_first_version_gains_the_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0] + "PRAGMA user_version=1;")
    store = Store(path, fixed_clock(TODAY))
    assert store.schema_version == len(MIGRATIONS)
    mesa = store.start(Partnership(name="Mesa Valley Healthcare"))
    store.remember_documents_folder(mesa, Path("/shared/mesa"))
    assert store.documents_folder(mesa) == Path("/shared/mesa")


def test_the_last_scan_is_kept_for_the_partnership_until_cleared(tmp_path: Path) -> None:
    from nextgen_assistant.signals.model import DocumentResult, ScanResult

    path = tmp_path / "a.sqlite3"
    store = Store(path, fixed_clock(TODAY))
    unnamed = store.start(Partnership(name=f"New partnership {TODAY:%Y-%m-%d}"))
    scan = ScanResult(
        as_of=TODAY, documents=[DocumentResult(path="mesa/charter.txt", format="txt")]
    )
    store.remember_documents_folder(unnamed, Path("/shared/mesa"), scan)
    store.update_partnership(unnamed, name="Mesa Valley Healthcare")  # the scan goes with it
    store.close()
    again = Store(path, fixed_clock(TODAY))  # a restart
    second = again.add_respondent("Mesa Valley Healthcare")
    assert again.last_scan(unnamed) == scan
    assert again.last_scan(second) == scan  # any respondent's scan counts
    again.forget_scan(second)
    assert again.last_scan(unnamed) is None
    assert again.documents_folder(unnamed) == Path("/shared/mesa")  # still opens there
