"""The answers file (shared/CONTRACT.md): YAML or JSON in, validated in full before anything is
stored; and an assessment exported back to the same shape."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from nextgen_assistant.dialogue.model import Answer, AssessmentRecord, Partnership, Respondent
from nextgen_assistant.dialogue.questions import DONT_KNOW, QuestionBank, parse_answer
from nextgen_assistant.dialogue.understanding import Understand, understand_text
from nextgen_assistant.errors import AnswerError
from nextgen_assistant.knowledge import read_yaml, validate

OPENING = {"partnership_name": "name", "industry": "industry", "region": "region"}


class AnswersFile(BaseModel):
    """The file's shape."""

    model_config = ConfigDict(extra="forbid")

    partnership: Partnership
    respondent: Respondent = Field(default_factory=Respondent)
    answers: dict[str, Any] = Field(default_factory=dict)


def read_answers_file(
    path: Path, bank: QuestionBank, today: date, understand: Understand | None = None
) -> tuple[Partnership, Respondent, list[Answer]]:
    """Every answer parsed, or one AnswerError naming each bad question id and what it accepts."""
    data = validate(AnswersFile, read_yaml(path), path)
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
        if isinstance(raw, str) and raw.strip().lower() in DONT_KNOW and question.type != "text":
            answers.append(Answer(question_id=question_id, status="dont_know", raw=raw))
            continue
        try:
            value = parse_answer(question, raw, today)
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
