"""The answers file (shared/CONTRACT.md): YAML or JSON in, validated in full before anything is
stored; and an assessment exported back to the same shape."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from nextgen_assistant.dialogue.model import Answer, AssessmentRecord, Partnership, Respondent
from nextgen_assistant.dialogue.questions import DONT_KNOW, Question, QuestionBank
from nextgen_assistant.dialogue.reading import parse_answer
from nextgen_assistant.dialogue.understanding import Understand, understand_text
from nextgen_assistant.errors import AnswerError, NextGenError
from nextgen_assistant.knowledge import validate

OPENING = {"partnership_name": "name", "industry": "industry", "region": "region"}
MAX_FILE_BYTES = 1_000_000
MAX_TEXT_CHARS = 10_000
"""A text answer longer than this is an error: it is read as an answer, not a document."""


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without anchors and aliases: an answers file never needs them, and nested aliases
    (a 'billion laughs') expand to gigabytes when read."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not accepted in an answers file", mark
            )
        return super().compose_node(parent, index)


def _load(path: Path) -> Any:
    """The file's data, or an AnswerError naming the file and what is wrong with it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise AnswerError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise AnswerError(
            f"{path}: {len(raw) // 1000} KB is far more than an answers file holds "
            f"(the limit is {MAX_FILE_BYTES // 1000} KB): is it the right file?"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnswerError(
            f"{path}: not UTF-8 text (byte {error.start}): save it as UTF-8 and try again"
        ) from None
    try:
        return yaml.load(text, Loader=_NoAliasLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise AnswerError(f"{path}:{where} {problem}") from None


def _kind(raw: object) -> str:
    if isinstance(raw, bool):
        return "true/false"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, dict):
        return "a mapping"
    return f"'{raw}'"


def _checked(question: Question, raw: object) -> object:
    """`raw` if its type fits the question, else AnswerError naming the question: no list where
    text is asked for, no infinite or overflowing number, nothing too long to be an answer."""

    def wrong() -> AnswerError:
        return AnswerError(f"{question.id} accepts {question.accepts()}; got {_kind(raw)}")

    if isinstance(raw, dict) or (isinstance(raw, list) and question.type != "multi"):
        raise wrong()
    if isinstance(raw, bool):
        raise wrong()
    if isinstance(raw, list):
        if not all(isinstance(item, str | int) and not isinstance(item, bool) for item in raw):
            raise wrong()
        return raw
    if isinstance(raw, float) and not math.isfinite(raw):
        raise wrong()
    if isinstance(raw, str):
        if len(raw) > MAX_TEXT_CHARS:
            raise AnswerError(
                f"{question.id}: the answer is {len(raw):,} characters; an answer holds at most "
                f"{MAX_TEXT_CHARS:,}"
            )
        if question.type in ("number", "agree"):
            try:
                number = float(raw.replace(",", "").strip())
            except ValueError:
                return raw  # "about 12": the question's own parser reads the number in it
            if not math.isfinite(number):
                raise wrong()
    return raw


class AnswersFile(BaseModel):
    """The file's shape."""

    model_config = ConfigDict(extra="forbid")

    partnership: Partnership | None = None
    respondent: Respondent = Field(default_factory=Respondent)
    answers: dict[str, Any] = Field(default_factory=dict)


def read_answers_file(
    path: Path,
    bank: QuestionBank,
    today: date,
    understand: Understand | None = None,
    joining: Partnership | None = None,
) -> tuple[Partnership, Respondent, list[Answer]]:
    """Every answer parsed, or one AnswerError naming each bad question id and what it accepts.
    `joining`: a stored partnership the respondent joins (the file may then leave out its
    `partnership`; one it names must be the same)."""
    try:
        data = validate(AnswersFile, _load(path), path)
    except AnswerError:
        raise
    except NextGenError as error:  # the file's shape: one sentence naming the field
        raise AnswerError(str(error)) from None
    if joining is not None:
        if (
            data.partnership is not None
            and data.partnership.name.strip().lower() != joining.name.lower()
        ):
            raise AnswerError(
                f"{path} is about '{data.partnership.name}', not '{joining.name}': "
                "leave out --partnership or the file's partnership. Nothing was stored."
            )
        data.partnership = joining
    if data.partnership is None:
        raise AnswerError(
            f"{path} names no partnership: add `partnership: {{name: ...}}` or give "
            "--partnership NAME to join one already stored. Nothing was stored."
        )
    known = {q.id: q for q in bank.all_questions()}
    problems: list[str] = []
    answers: list[Answer] = []
    for question_id, raw in data.answers.items():
        question = known.get(question_id)
        if question is None:
            problems.append(f"unknown question id '{question_id}' (`nextgen questions` lists them)")
            continue
        if raw is None or (isinstance(raw, str) and raw.strip().lower() == "skip"):
            answers.append(Answer(question_id=question_id, status="skipped", raw=str(raw or "")))
            continue
        if isinstance(raw, str) and raw.strip().lower() in DONT_KNOW:
            answers.append(Answer(question_id=question_id, status="dont_know", raw=raw))
            continue
        try:
            value = parse_answer(question, _checked(question, raw), today)
        except AnswerError as error:
            problems.append(str(error))
            continue
        answer = Answer(
            question_id=question_id, value=value, raw=raw if isinstance(raw, str) else str(raw)
        )
        if question.type == "text":
            understanding = understand_text(str(value), understand)
            answer.understood, answer.understood_places = (
                understanding.signals,
                understanding.places,
            )
        answers.append(answer)
    if problems:
        raise AnswerError(f"{path}: " + "; ".join(problems) + ". Nothing was stored.")
    given = {a.question_id for a in answers}
    for question_id, field in OPENING.items():
        value = getattr(data.partnership, field)
        if value and question_id not in given:
            answers.append(Answer(question_id=question_id, value=value, raw=value))
    if "respondent_role" not in given:
        answers.append(
            Answer(
                question_id="respondent_role", value=data.respondent.role, raw=data.respondent.role
            )
        )
    return data.partnership, data.respondent, answers


def export_answers(record: AssessmentRecord) -> dict[str, Any]:
    """An assessment as an answers file (skipped answers as `skip`, unknown ones as `dont_know`)."""
    answers: dict[str, Any] = {}
    for question_id, answer in record.answers.items():
        if question_id in OPENING or question_id == "respondent_role":
            continue
        if answer.status == "skipped":
            answers[question_id] = "skip"
        elif answer.status == "dont_know":
            answers[question_id] = "dont_know"
        elif isinstance(answer.value, date):
            answers[question_id] = answer.value.isoformat()
        else:
            answers[question_id] = answer.value
    return {
        "partnership": record.partnership.model_dump(exclude_none=True),
        "respondent": record.respondent.model_dump(),
        "answers": answers,
    }
