"""Saved assessments in SQLite: a versioned schema, WAL, and every answer in its own transaction,
so killing the program at any moment loses no answer already given."""

from __future__ import annotations

import builtins
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import platformdirs
from pydantic import ValidationError

from nextgen_assistant.clock import Clock, system_clock
from nextgen_assistant.dialogue.model import Answer, AssessmentRecord, Partnership, Respondent
from nextgen_assistant.errors import StoreError
from nextgen_assistant.signals.model import ScanResult

MIGRATIONS: list[str] = [
    # 1: partnerships, assessments, answers
    """
    CREATE TABLE partnerships (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        industry TEXT,
        region TEXT
    );
    CREATE TABLE assessments (
        id INTEGER PRIMARY KEY,
        partnership_id INTEGER NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
        respondent_role TEXT NOT NULL DEFAULT 'other',
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE answers (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        body TEXT NOT NULL,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, question_id)
    );
    """,
    # 2: the folder of documents last scanned for each partnership (the terminal app's
    # Documents screen opens there); a path as the file system's bytes, any name kept whole
    """
    CREATE TABLE document_folders (
        partnership_id INTEGER PRIMARY KEY REFERENCES partnerships(id) ON DELETE CASCADE,
        path BLOB NOT NULL,
        scanned_at TEXT NOT NULL
    );
    """,
    # 3: that scan's results (the JSON of `nextgen scan`), so a report after a restart uses the
    # documents as it did before (null: none kept, or cleared)
    """
    ALTER TABLE document_folders ADD COLUMN scan TEXT;
    """,
]


# The name a conversation gives its partnership until the person names it (see services and
# engine): such a session always gets a partnership row of its own.
_UNNAMED = re.compile(r"New partnership(?: \d{4}-\d{2}-\d{2})?", re.IGNORECASE)


def default_db_path() -> Path:
    """`NEXTGEN_DB` when set, else the user's data folder."""
    chosen = os.environ.get("NEXTGEN_DB")
    if chosen:
        return Path(chosen)
    return Path(platformdirs.user_data_dir("nextgen-assistant")) / "assessments.sqlite3"


def _create_privately(path: Path, own_folder: bool) -> None:
    """Create the database file readable by its owner only (0600), in a folder of the owner's
    only (0700) when the folder is new or is the default data folder; SQLite gives its journal
    files the database file's permissions."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        folder.chmod(0o700)  # mkdir's mode is reduced by the umask
    elif own_folder:
        folder.chmod(0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        path.chmod(0o600)


def _retry_while_locked(step: Callable[[], object], attempts: int = 50) -> None:
    """Run a step that needs the write lock; several processes opening a new database at once
    can meet 'database is locked' outside the busy timeout, so wait a moment and try again."""
    for attempt in range(attempts):
        try:
            step()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


class Store:
    """The assessment database."""

    def __init__(self, path: Path | None = None, clock: Clock = system_clock) -> None:
        self.path = path or default_db_path()
        self.clock = clock
        try:
            # Only our own data folder is tightened; a folder named by --db or NEXTGEN_DB (/tmp,
            # a shared drive) is the user's to set.
            own_folder = path is None and not os.environ.get("NEXTGEN_DB")
            _create_privately(self.path, own_folder=own_folder)
            # The terminal app answers from a worker thread, one at a time (exclusive workers).
            self._db = sqlite3.connect(
                self.path, isolation_level=None, timeout=10, check_same_thread=False
            )
            _retry_while_locked(lambda: self._db.execute("PRAGMA journal_mode=WAL"))
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA synchronous=NORMAL")
            _retry_while_locked(self._migrate)
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"the assessment database {self.path} cannot be opened ({error}); "
                "choose another with --db or NEXTGEN_DB"
            ) from None
        except OSError as error:
            raise StoreError(
                f"cannot create {self.path.parent} ({error.strerror}); choose another with --db"
            ) from None

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            yield self._db
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as error:
            self._db.execute("ROLLBACK") if self._db.in_transaction else None
            raise StoreError(
                f"could not save to {self.path} ({error}); check the disk and try again"
            ) from None
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _migrate(self) -> None:
        """Bring the schema up to date. The version is read under the write lock, so of several
        processes opening a new database at once, one migrates and the others see it done."""
        if self._db.execute("PRAGMA user_version").fetchone()[0] >= len(MIGRATIONS):
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version={number}")
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def start(
        self,
        partnership: Partnership,
        respondent: Respondent | None = None,
        answers: list[Answer] | None = None,
    ) -> int:
        """A new assessment (and its partnership, when new); answers given are stored with it.
        A partnership named joins the partnership of that name; an unnamed one (a conversation
        not yet told the name) gets a row of its own, shared with no other assessment."""
        now = self.clock().isoformat()
        with self._transaction() as db:
            if _UNNAMED.fullmatch(partnership.name.strip()):
                partnership_id = self._own_partnership(db, partnership)
            else:
                partnership_id = self._named_partnership(db, partnership)
            assessment_id = db.execute(
                "INSERT INTO assessments (partnership_id, respondent_role, started_at, updated_at) VALUES (?, ?, ?, ?)",
                (partnership_id, (respondent or Respondent()).role, now, now),
            ).lastrowid
            for answer in answers or []:
                self._write_answer(db, int(assessment_id or 0), answer)
        return int(assessment_id or 0)

    def _named_partnership(self, db: sqlite3.Connection, partnership: Partnership) -> int:
        """The row of the partnership of this name, created if new; details given fill it in."""
        row = db.execute(
            "SELECT id FROM partnerships WHERE name = ?", (partnership.name,)
        ).fetchone()
        if row is None:
            return int(
                db.execute(
                    "INSERT INTO partnerships (name, industry, region) VALUES (?, ?, ?)",
                    (partnership.name, partnership.industry, partnership.region),
                ).lastrowid
                or 0
            )
        db.execute(
            "UPDATE partnerships SET industry = COALESCE(?, industry), "
            "region = COALESCE(?, region) WHERE id = ?",
            (partnership.industry, partnership.region, row[0]),
        )
        return int(row[0])

    def _own_partnership(self, db: sqlite3.Connection, partnership: Partnership) -> int:
        """A new partnership row for an unnamed session: 'New partnership 2026-11-28 (7)'."""
        placeholder = f"unnamed {time.monotonic_ns()} {os.getpid()}"
        partnership_id = int(
            db.execute(
                "INSERT INTO partnerships (name, industry, region) VALUES (?, ?, ?)",
                (placeholder, partnership.industry, partnership.region),
            ).lastrowid
            or 0
        )
        name = f"New partnership {self.clock():%Y-%m-%d} ({partnership_id})"
        db.execute("UPDATE partnerships SET name = ? WHERE id = ?", (name, partnership_id))
        return partnership_id

    def _write_answer(self, db: sqlite3.Connection, assessment_id: int, answer: Answer) -> None:
        stamped = answer.model_copy(update={"answered_at": answer.answered_at or self.clock()})
        db.execute(
            "INSERT INTO answers (assessment_id, question_id, body, answered_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (assessment_id, question_id) DO UPDATE SET body = excluded.body, answered_at = excluded.answered_at",
            (
                assessment_id,
                answer.question_id,
                stamped.model_dump_json(),
                stamped.answered_at.isoformat() if stamped.answered_at else "",
            ),
        )
        db.execute(
            "UPDATE assessments SET updated_at = ? WHERE id = ?",
            (self.clock().isoformat(), assessment_id),
        )

    def save_answer(self, assessment_id: int, answer: Answer) -> None:
        """Store (or replace) one answer, committed at once."""
        with self._transaction() as db:
            self._write_answer(db, assessment_id, answer)

    def forget_answer(self, assessment_id: int, question_id: str) -> None:
        """Remove one answer (a follow-up whose condition no longer holds)."""
        with self._transaction() as db:
            db.execute(
                "DELETE FROM answers WHERE assessment_id = ? AND question_id = ?",
                (assessment_id, question_id),
            )

    def update_partnership(
        self,
        assessment_id: int,
        name: str | None = None,
        industry: str | None = None,
        region: str | None = None,
        role: str | None = None,
    ) -> None:
        """Fill in the partnership's details (and the respondent's role) as the opening is answered."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT partnership_id FROM assessments WHERE id = ?", (assessment_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"there is no assessment {assessment_id}")
            if name:
                row = (self._name_partnership(db, assessment_id, row[0], name),)
            if industry:
                db.execute("UPDATE partnerships SET industry = ? WHERE id = ?", (industry, row[0]))
            if region:
                db.execute("UPDATE partnerships SET region = ? WHERE id = ?", (region, row[0]))
            if role:
                db.execute(
                    "UPDATE assessments SET respondent_role = ? WHERE id = ?", (role, assessment_id)
                )

    def _name_partnership(
        self, db: sqlite3.Connection, assessment_id: int, current: int, name: str
    ) -> int:
        """Give an assessment's partnership a name, touching no other assessment: a name that
        exists joins that partnership; a row shared with others is left as it is and this
        assessment gets a new one; a row left without assessments is removed. The name it
        already has changes nothing (a respondent who joined a partnership and answers its
        name again stays in it)."""
        if db.execute(
            "SELECT 1 FROM partnerships WHERE id = ? AND name = ?", (current, name)
        ).fetchone():
            return current
        clash = db.execute(
            "SELECT id FROM partnerships WHERE name = ? AND id != ?", (name, current)
        ).fetchone()
        shared = db.execute(
            "SELECT COUNT(*) FROM assessments WHERE partnership_id = ? AND id != ?",
            (current, assessment_id),
        ).fetchone()[0]
        if clash is not None:
            target = int(clash[0])
        elif shared:
            target = int(
                db.execute(
                    "INSERT INTO partnerships (name, industry, region) "
                    "SELECT ?, industry, region FROM partnerships WHERE id = ?",
                    (name, current),
                ).lastrowid
                or 0
            )
        else:
            db.execute("UPDATE partnerships SET name = ? WHERE id = ?", (name, current))
            return current
        db.execute(
            "UPDATE assessments SET partnership_id = ? WHERE id = ?", (target, assessment_id)
        )
        if not shared:
            # Documents scanned before the partnership had its name go with it (the later
            # scan wins when the partnership named has one too).
            db.execute(
                "INSERT INTO document_folders (partnership_id, path, scanned_at, scan) "
                "SELECT ?, path, scanned_at, scan FROM document_folders WHERE partnership_id = ? "
                "ON CONFLICT (partnership_id) DO UPDATE SET path = excluded.path, "
                "scanned_at = excluded.scanned_at, scan = excluded.scan "
                "WHERE excluded.scanned_at > scanned_at",
                (target, current),
            )
            db.execute("DELETE FROM partnerships WHERE id = ?", (current,))
        return target

    def remember_documents_folder(
        self, assessment_id: int, folder: Path, scan: ScanResult | None = None
    ) -> None:
        """The folder whose documents were just scanned for this assessment's partnership, and
        the scan's results (kept for the partnership's reports after a restart)."""
        body = scan.model_dump_json() if scan is not None else None
        with self._transaction() as db:
            db.execute(
                "INSERT INTO document_folders (partnership_id, path, scanned_at, scan) "
                "SELECT partnership_id, ?, ?, ? FROM assessments WHERE id = ? "
                "ON CONFLICT (partnership_id) DO UPDATE SET path = excluded.path, "
                "scanned_at = excluded.scanned_at, scan = excluded.scan",
                (os.fsencode(folder), self.clock().isoformat(), body, assessment_id),
            )

    def documents_folder(self, assessment_id: int) -> Path | None:
        """The folder last scanned for this assessment's partnership (by any respondent), if
        any; it may have been moved or removed since."""
        row = self._db.execute(
            "SELECT f.path FROM document_folders f JOIN assessments a "
            "ON a.partnership_id = f.partnership_id WHERE a.id = ?",
            (assessment_id,),
        ).fetchone()
        return Path(os.fsdecode(row[0])) if row else None

    def last_scan(self, assessment_id: int) -> ScanResult | None:
        """The results of the last scan for this assessment's partnership (by any respondent),
        if kept; a scan stored by a version whose results no longer read is as none."""
        row = self._db.execute(
            "SELECT f.scan FROM document_folders f JOIN assessments a "
            "ON a.partnership_id = f.partnership_id WHERE a.id = ?",
            (assessment_id,),
        ).fetchone()
        if not row or row[0] is None:
            return None
        try:
            return ScanResult.model_validate_json(row[0])
        except ValidationError:
            return None

    def forget_scan(self, assessment_id: int) -> None:
        """Documents cleared: the partnership's reports no longer use the last scan (the
        folder is still where the Documents screen opens)."""
        with self._transaction() as db:
            db.execute(
                "UPDATE document_folders SET scan = NULL WHERE partnership_id = "
                "(SELECT partnership_id FROM assessments WHERE id = ?)",
                (assessment_id,),
            )

    def load(self, assessment_id: int) -> AssessmentRecord:
        """An assessment with every answer."""
        row = self._db.execute(
            "SELECT a.id, p.name, p.industry, p.region, a.respondent_role, a.started_at, a.updated_at "
            "FROM assessments a JOIN partnerships p ON p.id = a.partnership_id WHERE a.id = ?",
            (assessment_id,),
        ).fetchone()
        if row is None:
            raise StoreError(
                f"there is no assessment {assessment_id} in {self.path}: `nextgen sessions list` shows them"
            )
        answers = {
            question_id: Answer.model_validate_json(body)
            for question_id, body in self._db.execute(
                "SELECT question_id, body FROM answers WHERE assessment_id = ? ORDER BY answered_at",
                (assessment_id,),
            )
        }
        return AssessmentRecord(
            id=row[0],
            partnership=Partnership(name=row[1], industry=row[2], region=row[3]),
            respondent=Respondent(role=row[4]),
            started_at=datetime.fromisoformat(row[5]),
            updated_at=datetime.fromisoformat(row[6]),
            answers=answers,
        )

    def list(self, not_counted: Iterable[str] = ()) -> list[tuple[int, str, str, int, str]]:
        """(id, partnership, started, answered, updated) of every assessment, newest first;
        answered counts real answers only, as the conversation does (not skips or don't-knows,
        nor the questions `not_counted`: follow-ups asked only sometimes)."""
        return [
            (r[0], r[1], r[2], r[3], r[4])
            for r in self._db.execute(
                "SELECT a.id, p.name, a.started_at, (SELECT COUNT(*) FROM answers x WHERE x.assessment_id = a.id "
                "AND json_extract(x.body, '$.status') = 'answered' "
                "AND x.question_id NOT IN (SELECT value FROM json_each(?))), "
                "a.updated_at FROM assessments a JOIN partnerships p ON p.id = a.partnership_id ORDER BY a.updated_at DESC, a.id DESC",
                (json.dumps(sorted(not_counted)),),
            )
        ]

    def earlier(self, assessment_id: int) -> AssessmentRecord | None:
        """The previous assessment of the same partnership by a respondent of the same role, if
        any (another respondent's answers are a second view, not an earlier one)."""
        row = self._db.execute(
            "SELECT b.id FROM assessments a JOIN assessments b ON b.partnership_id = a.partnership_id "
            "AND b.respondent_role = a.respondent_role "
            "WHERE a.id = ? AND b.id < a.id ORDER BY b.id DESC LIMIT 1",
            (assessment_id,),
        ).fetchone()
        return self.load(row[0]) if row else None

    def partnership(self, name: str) -> Partnership | None:
        """The partnership record of this name (any case), or None."""
        row = self._db.execute(
            "SELECT name, industry, region FROM partnerships WHERE name = ?", (name.strip(),)
        ).fetchone()
        return Partnership(name=row[0], industry=row[1], region=row[2]) if row else None

    def partnerships(self) -> builtins.list[tuple[Partnership, int]]:
        """Every partnership with at least one assessment, and how many respondents it has,
        by name."""
        return [
            (Partnership(name=r[0], industry=r[1], region=r[2]), r[3])
            for r in self._db.execute(
                "SELECT p.name, p.industry, p.region, COUNT(a.id) FROM partnerships p "
                "JOIN assessments a ON a.partnership_id = p.id GROUP BY p.id ORDER BY p.name"
            )
        ]

    def add_respondent(self, name: str) -> int:
        """A new assessment in the stored partnership of this name, its name, industry and
        region already answered, so the respondent is not asked them again."""
        from nextgen_assistant.dialogue.answers_file import OPENING

        partnership = self.partnership(name)
        if partnership is None:
            raise StoreError(f"no partnership named '{name}' is stored")
        given = [
            Answer(question_id=question_id, value=value, raw=value)
            for question_id, field in OPENING.items()
            if (value := getattr(partnership, field))
        ]
        return self.start(partnership, None, given)

    def respondent_roles(self) -> dict[int, str]:
        """Every assessment's respondent role, by assessment id (never a name: there is none)."""
        return {
            int(row[0]): str(row[1])
            for row in self._db.execute("SELECT id, respondent_role FROM assessments")
        }

    def respondents(self, name: str) -> builtins.list[AssessmentRecord]:
        """Every assessment of the partnership of this name (any case), oldest first: the
        group a group report merges. An unknown name is an error that says where to look."""
        rows = self._db.execute(
            "SELECT a.id FROM assessments a JOIN partnerships p ON p.id = a.partnership_id "
            "WHERE p.name = ? ORDER BY a.id",
            (name.strip(),),
        ).fetchall()
        if not rows:
            raise StoreError(
                f"no partnership named '{name}' has an assessment in {self.path}: "
                "`nextgen sessions list` shows them"
            )
        return [self.load(row[0]) for row in rows]

    def delete(self, assessment_id: int) -> None:
        """Delete one assessment and its answers."""
        self.load(assessment_id)
        with self._transaction() as db:
            db.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))
