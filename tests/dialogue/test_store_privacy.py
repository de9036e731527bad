"""The store keeps each person's answers private and apart; answers files of the wrong types are
errors that name the question, never stored, never a traceback (issue 20)."""

from __future__ import annotations

import multiprocessing
import stat
from datetime import date, datetime
from pathlib import Path

import pytest

from nextgen_assistant.clock import fixed_clock
from nextgen_assistant.dialogue.model import Partnership
from nextgen_assistant.dialogue.store import Store
from tests.conftest import run_nextgen

TODAY = date(2026, 11, 25)


def _store(path: Path) -> Store:
    return Store(path, fixed_clock(TODAY))


def test_unnamed_sessions_each_get_their_own_partnership(tmp_path: Path) -> None:
    store = _store(tmp_path / "a.sqlite3")
    placeholder = Partnership(name=f"New partnership {TODAY:%Y-%m-%d}")
    first, second = store.start(placeholder), store.start(placeholder)
    store.update_partnership(first, name="High Plains Manufacturing")
    store.update_partnership(second, name="Mesa Valley Healthcare")
    assert store.load(first).partnership.name == "High Plains Manufacturing"
    assert store.load(second).partnership.name == "Mesa Valley Healthcare"
    assert store.earlier(second) is None  # not each other's history


def test_naming_one_assessment_never_renames_another(tmp_path: Path) -> None:
    store = _store(tmp_path / "a.sqlite3")
    shared = Partnership(name="High Plains Manufacturing")
    first, second = store.start(shared), store.start(shared)
    store.update_partnership(second, name="Low Plains Food Processing")
    assert store.load(first).partnership.name == "High Plains Manufacturing"
    assert store.load(second).partnership.name == "Low Plains Food Processing"
    # Naming a session after an existing partnership joins it, and leaves no empty row behind.
    third = store.start(Partnership(name="New partnership"))
    store.update_partnership(third, name="high plains manufacturing")
    assert store.earlier(third) is not None and store.earlier(third).id == first  # type: ignore[union-attr]
    names = {row[1] for row in store.list()}
    assert names == {"High Plains Manufacturing", "Low Plains Food Processing"}


def test_answering_the_name_a_partnership_already_has_changes_nothing(tmp_path: Path) -> None:
    """A second respondent joins a partnership, then edits the name question and gives the same
    name again (the app crashed on the unique name)."""
    store = _store(tmp_path / "a.sqlite3")
    first = store.start(Partnership(name="Dup Co"))
    second = store.start(Partnership(name="New partnership"))
    store.update_partnership(second, name="Dup Co")
    store.update_partnership(second, name="Dup Co")
    store.update_partnership(second, name="dup co")
    assert store.load(second).partnership.name == "Dup Co"
    assert store.earlier(second) is not None and store.earlier(second).id == first  # type: ignore[union-attr]
    assert [row[1] for row in store.list()].count("Dup Co") == 2  # one row per assessment, one name


def test_database_is_private_to_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "deeper" / "a.sqlite3"
    store = _store(path)
    store.start(Partnership(name="Private"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for journal in path.parent.glob("a.sqlite3-*"):  # WAL and shared memory
        assert stat.S_IMODE(journal.stat().st_mode) & 0o077 == 0, journal


def _open_and_start(path: str) -> int:
    store = Store(Path(path), fixed_clock(TODAY))
    assessment_id = store.start(Partnership(name="New partnership"))
    store.close()
    return assessment_id


def test_concurrent_first_opens_all_succeed(tmp_path: Path) -> None:
    for attempt in range(5):
        path = tmp_path / f"race-{attempt}.sqlite3"
        with multiprocessing.get_context("spawn").Pool(6) as pool:
            ids = pool.map(_open_and_start, [str(path)] * 6)
        assert sorted(ids) == [1, 2, 3, 4, 5, 6]
        rows = _store(path).list()
        assert len({name for _id, name, *_rest in rows}) == 6  # six partnerships, one each


@pytest.mark.parametrize(
    ("answers", "named"),
    [
        ("rlm_region_text: [Weld County, Morgan County]\n", "rlm_region_text"),
        ("rlm_counties: 1e400\n", "rlm_counties"),
        ("rlm_counties: .inf\n", "rlm_counties"),
        ("rlm_counties: {many: 3}\n", "rlm_counties"),
        ("rlm_region_text: " + "x" * 20_000 + "\n", "rlm_region_text"),
    ],
)
def test_wrong_types_name_the_question_and_store_nothing(
    tmp_path: Path, answers: str, named: str
) -> None:
    db = tmp_path / "a.sqlite3"
    path = tmp_path / "answers.yaml"
    path.write_text("partnership: {name: Typed}\nanswers:\n  " + answers, encoding="utf-8")
    done = run_nextgen("assess", "--answers", str(path), "--db", str(db), "--as-of", "2026-11-25")
    assert done.returncode == 2, done.stderr
    assert named in done.stderr and "Nothing was stored" in done.stderr
    assert "Traceback" not in done.stderr
    assert _store(db).list() == []


def test_non_utf8_and_alias_bomb_files_are_refused_with_a_sentence(tmp_path: Path) -> None:
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("partnership: {name: Café}\n".encode("latin-1"))
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        laughs.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(
        "\n".join(laughs) + "\npartnership: {name: X}\nanswers:\n  rlm_region_text: *i\n"
    )
    db = tmp_path / "a.sqlite3"
    started = datetime.now()
    for path, words in ((latin, "not UTF-8"), (bomb, "aliases")):
        done = run_nextgen("assess", "--answers", str(path), "--db", str(db))
        assert done.returncode == 2 and words in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert (datetime.now() - started).total_seconds() < 60
    assert _store(db).list() == []


def test_only_our_own_data_folder_is_tightened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEXTGEN_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    ours = tmp_path / "data" / "nextgen-assistant"
    ours.mkdir(parents=True)
    ours.chmod(0o755)  # made by an earlier version
    Store(None, fixed_clock(TODAY)).close()
    assert stat.S_IMODE(ours.stat().st_mode) == 0o700
    assert stat.S_IMODE((ours / "assessments.sqlite3").stat().st_mode) == 0o600
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    _store(shared / "team.sqlite3").close()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755  # the user's folder, left as it is
    assert stat.S_IMODE((shared / "team.sqlite3").stat().st_mode) == 0o600
