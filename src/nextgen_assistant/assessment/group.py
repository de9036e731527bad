"""A partnership assessed by several respondents: the group's self score, the spread, each
role's mean, and where business leaders and public partners see the partnership differently.
Respondents are known by role only, never by name."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from statistics import mean

from nextgen_assistant.assessment.model import (
    GateReading,
    QuestionGap,
    RespondentNote,
    RoleView,
)
from nextgen_assistant.assessment.scores import kept, shown_score
from nextgen_assistant.assessment.self_score import question_scores, self_scores
from nextgen_assistant.dialogue.model import AssessmentRecord, Role
from nextgen_assistant.dialogue.questions import QuestionBank
from nextgen_assistant.rubric import Rubric

ROLE_NAMES: dict[Role, tuple[str, str]] = {
    "business_leader": ("business leader", "business leaders"),
    "public_partner": ("public partner", "public partners"),
    "convener": ("convener", "conveners"),
    "other": ("other respondent", "other respondents"),
}
ONE_VOICE = "one person's view, not a group's"
DIVERGING_QUESTIONS_SHOWN = 3


def band_width(rubric: Rubric) -> float:
    """A full band on the 1-5 scale: the narrowest distance between two band edges (1.0)."""
    edges = sorted({band.min for band in rubric.score_bands})
    gaps = [b - a for a, b in pairwise(edges)]
    return min(gaps) if gaps else 1.0


class GroupView:
    """Every respondent's scores, computed once, read per indicator."""

    def __init__(
        self, bank: QuestionBank, records: Sequence[AssessmentRecord], today: date
    ) -> None:
        self.bank = bank
        self.records = list(records)
        self.indicator_scores = [self_scores(bank, r.answers, today) for r in self.records]
        self.question_scores = [question_scores(bank, r.answers, today) for r in self.records]

    def respondents(self) -> list[RespondentNote]:
        """Each respondent's role and how many questions they answered."""
        return [
            RespondentNote(
                role=r.respondent.role,
                answered=sum(a.status == "answered" for a in r.answers.values()),
            )
            for r in self.records
        ]

    def _scores(self, indicator_id: str, role: Role | None = None) -> list[float]:
        return [
            score
            for record, scores in zip(self.records, self.indicator_scores, strict=True)
            if (role is None or record.respondent.role == role)
            and (score := scores[indicator_id]) is not None
        ]

    def self_score(self, indicator_id: str) -> float | None:
        """The group's self score: the mean of the respondents who scored the indicator."""
        scores = self._scores(indicator_id)
        return mean(scores) if scores else None

    def spread(self, indicator_id: str) -> float | None:
        """Highest minus lowest respondent, when two or more scored the indicator."""
        scores = self._scores(indicator_id)
        return kept(max(scores) - min(scores)) if len(scores) >= 2 else None

    def by_role(self, indicator_id: str) -> dict[Role, RoleView]:
        """Each role's mean self score and how many of its respondents scored the indicator."""
        out: dict[Role, RoleView] = {}
        for role in ROLE_NAMES:
            if not any(r.respondent.role == role for r in self.records):
                continue
            scores = self._scores(indicator_id, role)
            out[role] = RoleView(
                respondents=len(scores),
                self_score=kept(mean(scores)) if scores else None,
                note=ONE_VOICE if len(scores) == 1 else None,
            )
        return out

    def divergence(self, indicator_id: str) -> float | None:
        """Business leaders' mean minus public partners' mean, when both scored it."""
        business = self._scores(indicator_id, "business_leader")
        public = self._scores(indicator_id, "public_partner")
        if not business or not public:
            return None
        return mean(business) - mean(public)

    def diverging_questions(self, indicator_id: str) -> list[QuestionGap]:
        """The questions of the indicator where business and public respondents' mean scores
        differ most, largest difference first."""
        gaps: list[QuestionGap] = []
        for question in self.bank.all_questions():
            if question.indicator != indicator_id:
                continue
            sides = {
                role: [
                    scores[question.id]
                    for record, scores in zip(self.records, self.question_scores, strict=True)
                    if record.respondent.role == role and question.id in scores
                ]
                for role in ("business_leader", "public_partner")
            }
            if sides["business_leader"] and sides["public_partner"]:
                business, public = mean(sides["business_leader"]), mean(sides["public_partner"])
                if business != public:
                    gaps.append(
                        QuestionGap(
                            question_id=question.id,
                            text=question.text,
                            business=round(business, 2),
                            public=round(public, 2),
                        )
                    )
        gaps.sort(key=lambda gap: -abs(gap.business - gap.public))
        return gaps[:DIVERGING_QUESTIONS_SHOWN]

    def speaker(self, index: int) -> Role | None:
        """Whose answers respondent `index` gave: their role, or None when alone ('you')."""
        return None if len(self.records) == 1 else self.records[index].respondent.role


def divergence_sentence(
    divergence: float, gaps: list[QuestionGap], by_role: dict[Role, RoleView], width: float
) -> str | None:
    """The finding when business and public respondents are a full band or more apart."""
    if abs(divergence) < width:
        return None
    business, public = by_role["business_leader"], by_role["public_partner"]
    higher = "Business leaders" if divergence > 0 else "Public partners"
    sentence = (
        f"Business leaders and public partners see this differently: business leaders "
        f"{shown_score(business.self_score)}, public partners {shown_score(public.self_score)}, "
        f"{abs(divergence):.1f} apart (a full band is {width:.1f}). {higher} rate it higher."
    )
    if gaps:
        sentence += " They differ most on " + "; ".join(
            f"“{gap.text}” (business {gap.business:g}, public {gap.public:g})" for gap in gaps
        )
        sentence += "."
    return sentence + " Talk it through before the board acts on either view."


def _who(role: Role | None, count: int) -> str:
    if role is None:
        return "you"
    single, plural = ROLE_NAMES[role]
    return f"a {single}" if count == 1 else f"{count} {plural}"


def combined_answers(readings: list[tuple[Role | None, GateReading]]) -> GateReading:
    """Several respondents' readings of one gate as one: the answers pass or fail it when every
    respondent who spoke agrees; when they split, the answers leave it open and say who said
    what (respondents of one role who said the same thing are named once: '2 business
    leaders said ...'). A role of None is a lone respondent: 'you said ...'."""
    spoken = [(role, reading) for role, reading in readings if reading.passed is not None]
    if not spoken:
        return GateReading(passed=None, reason="")
    verdicts = {reading.passed for _, reading in spoken}
    passed = verdicts.pop() if len(verdicts) == 1 else None
    said: dict[tuple[Role | None, str], int] = {}
    for role, reading in spoken:
        said[(role, reading.reason)] = said.get((role, reading.reason), 0) + 1
    reason = "; ".join(f"{_who(role, count)} {text}" for (role, text), count in said.items())
    if passed is None:
        reason = f"the respondents disagree: {reason}"
    missing = next((r.missing for _, r in spoken if r.missing), [])
    question = next((r.question for _, r in spoken if r.question), None)
    return GateReading(passed=passed, reason=reason, missing=missing, question=question)
