"""The conversation: the next question follows from the answers stored so far (so a resumed
session continues exactly where it stopped); each answer is parsed, reflected back and saved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from nextgen_assistant.clock import months_ago, months_between
from nextgen_assistant.dialogue.model import Answer, AssessmentRecord, Partnership
from nextgen_assistant.dialogue.questions import (
    AnswerNotUnderstood,
    Question,
    QuestionBank,
)
from nextgen_assistant.dialogue.reading import (
    parse_answer,
    read_in_words,
    unrecognised_items,
)
from nextgen_assistant.dialogue.store import Store
from nextgen_assistant.dialogue.understanding import (
    Understand,
    phrase_matches,
    reflect,
    understand_text,
)
from nextgen_assistant.signals.model import Signal, SignalLocation

COMMANDS = "back · skip · don't know · why · summary · edit N (a question's number) · help"


@dataclass
class Reply:
    """What the assistant says after an answer: messages (Markdown), then the next question."""

    messages: list[str] = field(default_factory=list)
    question: Question | None = None
    done: bool = False
    prompt: str = ""
    """The question as asked (with its choices), or the closing line when all are answered."""


@dataclass(frozen=True)
class Progress:
    """How far the conversation has got: answers, skips and don't-knows counted apart."""

    answered: int
    skipped: int
    dont_know: int
    total: int

    @property
    def given(self) -> int:
        """Questions with any answer, a skip or a don't-know included."""
        return self.answered + self.skipped + self.dont_know


class Conversation:
    """One self-assessment in progress, backed by the store."""

    def __init__(
        self,
        bank: QuestionBank,
        store: Store,
        assessment_id: int | None,
        today: date,
        understand: Understand | None = None,
        summarize: Callable[[AssessmentRecord], str] | None = None,
        partnership: Partnership | None = None,
    ) -> None:
        self.bank = bank
        self.store = store
        self.assessment_id = assessment_id
        self.today = today
        self.understand = understand
        self.summarize = summarize
        self.vocabulary = bank.understanding
        if assessment_id is None:
            # A new assessment is stored with its first answer: opening and leaving saves nothing.
            now = store.clock()
            self.record = AssessmentRecord(
                id=0,
                partnership=partnership or Partnership(name="New partnership"),
                started_at=now,
                updated_at=now,
            )
        else:
            self.record = store.load(assessment_id)
        self._cursor: str | None = None
        self._misread: str | None = None
        """The question whose reading was just said to be wrong: skip then keeps the words."""
        self._confirming: str | None = None

    # --- the sequence ----------------------------------------------------------------------
    def _condition_holds(
        self, question: Question, when: dict[str, object], answer: Answer | None
    ) -> bool:
        if answer is None or answer.status != "answered":
            return False
        value = answer.value
        if "at_most" in when and isinstance(value, int | float):
            return value <= float(str(when["at_most"]))
        if "older_than_months" in when and isinstance(value, date):
            return months_between(value, self.today) > int(str(when["older_than_months"]))
        if when.get("names_one_county"):
            counties = [p for p in answer.understood_places if p.endswith("County")]
            return len(counties) == 1
        return False

    def sequence(self) -> list[Question]:
        """The questions to ask, follow-ups placed after the answers that call for them."""
        answers = self.record.answers
        out: list[Question] = []
        for question in self.bank.questions:
            if question.follow_up_only:
                continue
            out.append(question)
            answer = answers.get(question.id)
            if question.type == "agree" and self._condition_holds(
                question, self.bank.barrier_follow_up.when, answer
            ):
                out.append(self.bank.barrier_for(question))
            for follow in question.follow_ups:
                if self._condition_holds(question, follow.when, answer):
                    out.append(self.bank[follow.ask])
        return out

    @property
    def confirming(self) -> bool:
        """Whether the assistant is waiting for a yes or no on its reading of free text."""
        return self._confirming is not None

    @property
    def current(self) -> Question | None:
        """The question being asked now (None when every question has an answer); while a
        reading is being checked, the question it answers."""
        if self._confirming is not None:
            return self.bank[self._confirming]
        if self._cursor is not None:
            return self.bank[self._cursor]
        for question in self.sequence():
            if question.id not in self.record.answers:
                return question
        return None

    def progress(self) -> tuple[int, int]:
        """(answered, total) over the current sequence; skips and don't-knows are not answers."""
        counts = self.counts()
        return counts.answered, counts.total

    def counts(self) -> Progress:
        """Answers, skips and don't-knows over the questions everyone is asked (the total the
        headings show: follow-ups asked only sometimes are not counted)."""
        sequence = [q for q in self.sequence() if not q.follow_up_only]
        given = [self.record.answers[q.id].status for q in sequence if q.id in self.record.answers]
        return Progress(
            answered=given.count("answered"),
            skipped=given.count("skipped"),
            dont_know=given.count("dont_know"),
            total=len(sequence),
        )

    def numbers(self) -> dict[str, str]:
        """Each question's number as people read it: the questions everyone is asked count 1,
        2, 3...; a follow-up asked only after some answers takes its question's number and a
        letter ("22a"), so asking it never changes the numbers or the total ("of 30" became
        "of 31" when an old plan called for a follow-up)."""
        numbers: dict[str, str] = {}
        counted = 0
        letters = iter("")
        for question in self.sequence():
            if question.follow_up_only:
                numbers[question.id] = f"{counted}{next(letters, '+')}"
            else:
                counted += 1
                letters = iter("abcdefghijklmnopqrstuvwxyz")
                numbers[question.id] = str(counted)
        return numbers

    def number(self, question: Question) -> str:
        """The question's number ("22", or "22a" for a follow-up)."""
        return self.numbers().get(question.id, str(self.total()))

    def total(self) -> int:
        """How many questions everyone is asked (follow-ups asked only sometimes apart)."""
        return sum(1 for question in self.sequence() if not question.follow_up_only)

    def answered_so_far(self) -> list[tuple[Question, Answer]]:
        """Every question with an answer, in the order asked: what a resumed session shows."""
        answers = self.record.answers
        return [(q, answers[q.id]) for q in self.sequence() if q.id in answers]

    def shown(self, question: Question, answer: Answer) -> str:
        """An answer as the person would say it back: choice labels, never stored values."""
        if answer.status == "skipped":
            return "(skipped)"
        if answer.status == "dont_know":
            return "(don't know)"
        value = answer.value
        if question.type == "choice":
            return next((c.label for c in question.choices if c.value == value), answer.raw)
        if question.type == "multi" and isinstance(value, list):
            labels = [c.label for c in question.choices if c.value in value]
            return "; ".join(labels) if labels else "none of these"
        if question.type == "agree" and isinstance(value, int):
            return f"{value}: {self.bank.agree_scale[value]}"
        if question.type == "date" and isinstance(value, date):
            return f"{value:%B %Y}"
        return answer.raw or str(value)

    def closing(self) -> str:
        """What is said once every question has had its turn."""
        counts = self.counts()
        parts = [f"{counts.answered} answered"]
        if counts.skipped:
            parts.append(f"{counts.skipped} skipped")
        if counts.dont_know:
            parts.append(f"{counts.dont_know} don't know")
        return "That's the last question: " + ", ".join(parts) + f" of {counts.total}."

    # --- talking ----------------------------------------------------------------------------
    def prompt(self, question: Question | None = None) -> str:
        """A question as the assistant asks it, with its choices or scale."""
        question = question or self.current
        if question is None:
            return self.closing()
        lines = [f"**{question.text}**"]
        if question.type == "agree":
            lines.append(
                "  ".join(f"{point} {words}" for point, words in self.bank.agree_scale.items())
                + "  · don't know"
            )
        elif question.type in ("choice", "multi"):
            lines += [f"{n}. {c.label}" for n, c in enumerate(question.choices, start=1)]
            if question.type == "multi":
                lines.append("(numbers separated by commas, or `none`)")
        if question.optional:
            lines.append("(optional: `skip` to move on)")
        lines.append(
            f"_Question {self.number(question)} of {self.total()} · type `why` for why we ask, `help` for commands_"
        )
        return "\n".join(lines)

    def opening(self, how_to: str = f"Commands: {COMMANDS}.") -> Reply:
        """The greeting, or a welcome back on resume, and the current question; `how_to`: how
        the person gives commands where they answer (typed words here, keys in the app)."""
        counts = self.counts()
        if counts.given:
            skipped = counts.skipped + counts.dont_know
            greeting = (
                f"Welcome back to the assessment of **{self.record.partnership.name}**: "
                f"{counts.answered} of {counts.total} questions answered"
                + (f" ({skipped} skipped or don't know)" if skipped else "")
                + "; here is where we stopped."
            )
        else:
            greeting = (
                "I'll ask about the seven Next Gen indicators, one question at a time. Every answer is saved "
                "as you give it. " + how_to
            )
        question = self.current
        return Reply([greeting], question, question is None, self.prompt(question))

    def say(self, text: str) -> Reply:
        """Take what the person typed: a command, a confirmation or an answer."""
        said = text.strip()
        lowered = self.vocabulary.normal(said)
        if self._confirming is not None:
            return self._confirm(lowered, said)
        if lowered in ("help", "commands"):
            return self._again(f"Commands: {COMMANDS}.")
        if lowered == "summary":
            return self._again(self.summary())
        if lowered in ("why", "why?", "why do you ask", "why do we ask this?"):
            question = self.current
            return self._again(question.why if question else "There is no open question.")
        if lowered == "back":
            return self._back()
        if lowered.startswith("edit"):
            return self._edit(said[4:].strip())
        question = self.current
        if question is None:
            return Reply([], None, True, self.closing())
        misread, self._misread = self._misread, None
        if lowered == "skip":
            if misread == question.id:
                # "Sorry, I misread that ... (or skip to keep your words as they are)": the
                # words stay, saved as typed, with no reading of them.
                self._cursor = None
                following = self.current
                return Reply(
                    ["Kept your words as you wrote them."],
                    following,
                    following is None,
                    self.prompt(following),
                )
            return self._store(
                question, Answer(question_id=question.id, status="skipped", raw=said), "Skipped."
            )
        try:
            value = parse_answer(question, said, self.today, self.record.respondent.role)
        except AnswerNotUnderstood as error:
            return self._again(error.spoken)
        if value is None:
            return self._store(
                question,
                Answer(question_id=question.id, status="dont_know", raw=said),
                "Noted: you don't know.",
            )
        answer = Answer(question_id=question.id, value=value, raw=said)
        if read_in_words(question, said):
            # A list answered in words: the reading is shown back before it counts.
            self._save(question, answer)
            self._confirming = question.id
            reading = self._acknowledge(question, answer).removeprefix("Noted: ")
            return Reply([f"I read that as: {reading} Is that right?"], question, False)
        if question.type == "text":
            understanding = understand_text(said, self.understand)
            if not understanding.signals:
                understanding.signals = self._read_by_question(question, said)
            answer.understood = understanding.signals
            answer.understood_places = understanding.places
            reflection = reflect(self.bank, understanding)
            if reflection:
                self._save(question, answer)
                self._confirming = question.id
                return Reply([reflection], question, False)
        return self._store(question, answer, self._acknowledge(question, answer))

    # --- helpers ----------------------------------------------------------------------------
    def _read_by_question(self, question: Question, said: str) -> list[Signal]:
        """The question's own words (`reads` in questions.yaml) when the checker found nothing:
        the longest phrase said decides."""
        if question.indicator is None:
            return []
        found = [
            (phrase_matches(self.vocabulary, said, phrases), polarity, phrases)
            for polarity, phrases in question.reads.items()
        ]
        found = [f for f in found if f[0]]
        if not found:
            return []
        _, polarity, phrases = max(found)
        words = max(
            (p for p in phrases if phrase_matches(self.vocabulary, said, [p])),
            key=len,
        )
        return [
            Signal(
                indicator=question.indicator,
                polarity=polarity,
                rule=f"question.{question.id}",
                matched=words,
                quote=said,
                location=SignalLocation(line=1),
                confidence=0.7,
            )
        ]

    def _again(self, message: str) -> Reply:
        question = self.current
        return Reply([message], question, question is None, self.prompt(question))

    def _save(self, question: Question, answer: Answer) -> None:
        answer.answered_at = self.store.clock()
        if self.assessment_id is None:
            self.assessment_id = self.store.start(self.record.partnership, self.record.respondent)
            self.record = self.record.model_copy(update={"id": self.assessment_id})
        self.store.save_answer(self.assessment_id, answer)
        self.record.answers[question.id] = answer
        self._apply_opening(question, answer)
        self._drop_orphaned_follow_ups()

    def _store(self, question: Question, answer: Answer, acknowledgement: str) -> Reply:
        self._save(question, answer)
        self._cursor = None
        following = self.current
        return Reply([acknowledgement], following, following is None, self.prompt(following))

    def _apply_opening(self, question: Question, answer: Answer) -> None:
        if (
            question.section != "opening"
            or answer.status != "answered"
            or not isinstance(answer.value, str)
        ):
            return
        fields = {
            "partnership_name": "name",
            "industry": "industry",
            "region": "region",
            "respondent_role": "role",
        }
        if question.id in fields and self.assessment_id is not None:
            self.store.update_partnership(self.assessment_id, **{fields[question.id]: answer.value})
            self.record = self.store.load(self.assessment_id)

    def _drop_orphaned_follow_ups(self) -> None:
        """An edit can make a follow-up moot (the plan is now recent): forget its answer."""
        wanted = {q.id for q in self.sequence()}
        for question in self.bank.all_questions():
            if (
                question.follow_up_only
                and question.id in self.record.answers
                and question.id not in wanted
                and self.assessment_id is not None
            ):
                self.store.forget_answer(self.assessment_id, question.id)
                del self.record.answers[question.id]

    def _confirm(self, lowered: str, said: str) -> Reply:
        question = self.bank[self._confirming or ""]
        answer = self.record.answers[question.id]
        self._confirming = None
        if self.vocabulary.is_yes(lowered):
            answer.confirmed = True
            return self._store(question, answer, self._acknowledge(question, answer))
        if self.vocabulary.is_no(lowered) and question.type in ("choice", "multi"):
            # A list read wrongly: the reading is dropped and the list asked again.
            if self.assessment_id is not None:
                self.store.forget_answer(self.assessment_id, question.id)
            del self.record.answers[question.id]
            return Reply(
                ["Sorry, I misread that. Pick from the list, or say it in other words."],
                question,
                False,
                self.prompt(question),
            )
        if self.vocabulary.is_no(lowered):
            answer.confirmed = False
            answer.understood = []
            self._save(question, answer)
            self._cursor = question.id
            self._misread = question.id
            return Reply(
                [
                    "Sorry, I misread that. Tell me in other words (or skip to keep your words as they are)."
                ],
                question,
                False,
                self.prompt(question),
            )
        # Anything else is taken as a correction: understood afresh.
        return self.say(said)

    def _was(self, question: Question, answer: Answer) -> str:
        """What the answer was, for a sentence: 'don't know', 'skipped' or the answer itself
        (without the brackets a transcript bubble puts around a skip or a don't-know)."""
        if answer.status == "skipped":
            return "skipped"
        if answer.status == "dont_know":
            return "don't know"
        return self.shown(question, answer)

    def _back(self) -> Reply:
        sequence = self.sequence()
        current = self.current
        index = (
            len(sequence)
            if current is None
            else next(i for i, q in enumerate(sequence) if q.id == current.id)
        )
        if index == 0:
            return self._again("This is the first question.")
        target = sequence[index - 1]
        self._cursor = target.id
        previous = self.record.answers.get(target.id)
        note = f" (your answer was: {self._was(target, previous)})" if previous else ""
        return Reply([f"Going back{note}."], target, False, self.prompt(target))

    def _edit(self, which: str) -> Reply:
        numbers = self.numbers()
        by_number = {number: question_id for question_id, number in numbers.items()}
        wanted = by_number.get(which.lower(), which)
        target = next((q for q in self.sequence() if q.id == wanted), None)
        if target is None:
            return self._again(
                f"There is no question “{which}”: type `edit` and its number, 1 to {self.total()}."
            )
        self._cursor = target.id
        previous = self.record.answers.get(target.id)
        note = f" Your answer was: {self._was(target, previous)}." if previous else ""
        return Reply(
            [f"Changing question {numbers[target.id]}.{note}"],
            target,
            False,
            self.prompt(target),
        )

    def edit(self, question_id: str) -> Reply:
        """Re-open an earlier question (the TUI selects it in the transcript)."""
        return self._edit(question_id)

    def _acknowledge(self, question: Question, answer: Answer) -> str:
        value = answer.value
        if question.type == "agree" and isinstance(value, int):
            return f"Noted: {self.bank.agree_scale[value]} ({value} of 5)."
        if question.type == "choice":
            label = next(c.label for c in question.choices if c.value == value)
            if self.vocabulary.sounds_stale(answer.raw):
                return f"Noted: {label}, though you say it may be out of date."
            return f"Noted: {label}."
        if question.type == "multi" and isinstance(value, list):
            labels = [c.label for c in question.choices if c.value in value]
            noted = "Noted: " + ("; ".join(labels) if labels else "none of these") + "."
            unknown = unrecognised_items(question, answer.raw) if labels else []
            if unknown:
                names = " and ".join(f"“{item}”" for item in unknown)
                noted += (
                    f" I didn't recognise {names} as one of the choices, so I left "
                    f"{'it' if len(unknown) == 1 else 'them'} out; change this answer if "
                    f"{'it' if len(unknown) == 1 else 'they'} should count."
                )
            return noted
        if question.type == "date" and isinstance(value, date):
            age = months_between(value, self.today)
            return f"Noted: {value:%B %Y} ({months_ago(age)})."
        if question.type == "number":
            return f"Noted: {value}{'%' if question.unit == 'percent' else ''}."
        return "Thanks, noted."

    def summary(self) -> str:
        """Where things stand: progress per indicator, and scores when a scorer is attached."""
        if self.summarize is not None:
            return self.summarize(self.record)
        done, total = self.progress()
        return f"{done} of {total} questions answered."
