"""Word classes in token patterns, lemma anchors for irregular forms, topic headings, and the
metrics extractor's reading of numbers (written out, list numbers, clock times)."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from nextgen_assistant.documents.model import Block, Document
from nextgen_assistant.errors import ConfigError
from nextgen_assistant.signals.anchors import required_words
from nextgen_assistant.signals.checker import Checker
from nextgen_assistant.signals.lexicon import Vocabulary, load_lexicons
from tests.conftest import SAMPLE_DOCS, run_nextgen

AS_OF = date(2026, 11, 25)


@cache
def checker() -> Checker:
    return Checker()


def test_a_word_class_is_expanded_in_place_and_other_words_kept() -> None:
    vocabulary = Vocabulary(classes={"actors": ["employer", "contractor"]})
    pattern = [{"LEMMA": {"IN": ["@actors", "ceo"]}}, {"LOWER": {"NOT_IN": ["@actors"]}, "OP": "?"}]
    expanded = vocabulary.expand([pattern], "rule 'x.y'")
    assert expanded == [
        [
            {"LEMMA": {"IN": ["employer", "contractor", "ceo"]}},
            {"LOWER": {"NOT_IN": ["employer", "contractor"]}, "OP": "?"},
        ]
    ]


def test_an_unknown_word_class_names_the_rule_and_the_known_classes() -> None:
    vocabulary = Vocabulary(classes={"actors": ["employer"]})
    with pytest.raises(ConfigError) as raised:
        vocabulary.expand([[{"LEMMA": {"IN": ["@actor"]}}]], "mine.yaml: rule 'x.y'")
    assert "rule 'x.y'" in str(raised.value) and "@actor" in str(raised.value)
    assert "@actors" in str(raised.value)


def test_shipped_rules_hold_no_unexpanded_class() -> None:
    for rule in load_lexicons().rules:
        assert "'@" not in str(rule.patterns), rule.id


def test_a_user_rule_can_use_a_shipped_word_class(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "indicator: industry_driven_agenda\nrules:\n  - id: industry_driven_agenda.mine\n"
        "    polarity: supporting\n"
        '    patterns: [[{LEMMA: {IN: ["@business_nouns"]}}, {LOWER: pitched}]]\n'
        '    examples: {match: ["Growers pitched in."]}\n'
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.txt").write_text("Local wineries pitched the idea.\n")
    done = run_nextgen("scan", str(docs), "--lexicons", str(tmp_path), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "industry_driven_agenda.mine" in done.stdout
    (tmp_path / "mine.yaml").write_text(
        (tmp_path / "mine.yaml").read_text().replace("@business_nouns", "@growers")
    )
    done = run_nextgen("scan", str(docs), "--lexicons", str(tmp_path))
    assert done.returncode == 2 and "@growers" in done.stderr and "Traceback" not in done.stderr


def test_a_lemma_anchor_finds_irregular_forms() -> None:
    words = required_words([{"LEMMA": {"IN": ["choose", "lead"]}}])[0]
    assert {"choose", "chose", "chosen", "lead", "led"} <= set(words)
    found = checker().check_text("Member processors chose three priorities.", AS_OF)
    assert any(s.rule == "industry_driven_agenda.business_chooses_agenda" for s in found.signals)


def _signals(blocks: list[Block]) -> list[tuple[str, str]]:
    document = Document(path="plan.md", format="md", blocks=blocks)
    result = checker().check_document(document, AS_OF)
    return [(s.rule, s.quote) for s in result.signals]


def test_a_short_heading_names_a_topic_and_is_not_evidence() -> None:
    found = _signals(
        [
            Block(text="Work groups", kind="heading", line=1),
            Block(text="Each priority has a work group led by a member company.", line=2),
        ]
    )
    assert found and all(quote != "Work groups" for _, quote in found)
    long_heading = "Action plan updated March 2026 by the business co-chairs"
    assert any(
        quote == long_heading
        for _, quote in _signals([Block(text=long_heading, kind="heading", line=1)])
    )


def _metrics(text: str) -> list[str]:
    result = checker().check_text(text, AS_OF, one_per_sentence=False)
    return [s.rule for s in result.signals if s.rule.startswith("measurable_results.")]


def test_numbers_written_out_are_numbers() -> None:
    assert "measurable_results.outcome_metric" in _metrics(
        "Nine maintenance technicians were hired by member plants."
    )


def test_a_list_number_and_a_clock_time_are_not_quantities() -> None:
    assert "measurable_results.outcome_metric" not in _metrics(
        "2. Food safety: every new hire needs a food handler card before the first shift."
    )
    assert _metrics("The meeting started at nine with coffee.") == []
    assert _metrics("The meeting ran from 9:30 to 11 a.m.") == []
    assert "measurable_results.outcome_metric" in _metrics(
        "The vanpool cut absenteeism at two plants by 12 percent."
    )


def test_results_as_real_text_reports_them_and_numbers_that_are_not_results() -> None:
    outcome = "measurable_results.outcome_metric"
    # people counted, then what they completed; a numeric goal met
    for sentence in (
        "Six apprentices completed their safety classes in March.",
        "The coalition met its goal of 1,500 new plant jobs in four years.",
    ):
        assert outcome in _metrics(sentence), sentence
    # the industry's or the region's statistics, pay on offer, hours of teaching, a goal set,
    # a grant or a gift, the partnership's own revenue
    for sentence in (
        "The report counted 22,000 workers employed by businesses that build engine parts.",
        "The county has added 700 net new jobs per year since the plant opened.",
        "New boat sales were up 4.2 percent in the spring.",
        "Trainees can earn $14 an hour from the first day.",
        "The program includes 1,200 hours of related instruction.",
        "The partnership set its goal of 400 hires by the end of the grant.",
        "The state awarded the council $900,000 in competitive grants.",
        "The association has doubled its revenue to $3 million.",
        "Five students completed the survey after the tour.",
    ):
        assert outcome not in _metrics(sentence), sentence


def test_apprentices_starting_or_training_are_enrolled_and_those_who_finish_a_result() -> None:
    outcome = "measurable_results.outcome_metric"
    for sentence in (
        "The clinic welcomed eight new pharmacy apprentices this fall.",
        "Last year the programs had 140 active apprentices across the valley.",
        "Three apprentices are moving through the program at the mill.",
        "Five apprentices were selected to start the program in January.",
    ):
        assert outcome not in _metrics(sentence), sentence
    for sentence in (
        "Fourteen apprentices completed their apprenticeships at member shops.",
        "The alliance had more than 70 registered apprentices at 25 employers.",
        "A first cohort of 9 new apprentices started while 11 apprentices completed the program.",
    ):
        assert outcome in _metrics(sentence), sentence


def test_development_set_meets_its_floors() -> None:
    from nextgen_assistant.signals.evaluation import evaluate

    result = evaluate(SAMPLE_DOCS.parent / "dev_docs" / "labels.yaml")
    assert result.passed, [m.model_dump() for m in result.mismatches]


def test_windowed_token_patterns_find_what_whole_sentences_do() -> None:
    """Each pattern runs only around its rarest required word: it must find exactly what running
    it over every sentence finds, on every labeled document."""
    from nextgen_assistant.documents import read_document

    matcher = checker().matcher
    root = SAMPLE_DOCS.parent
    paths = [
        p
        for folder in ("sample_docs", "dev_docs", "heldout_docs")
        for p in sorted((root / folder).rglob("*"))
        if p.suffix in {".txt", ".md", ".docx", ".pdf", ".html", ".csv"}
    ]
    assert len(paths) > 30
    for path in paths:
        document = read_document(path)
        for chunk in checker()._process(document.blocks):
            doc = chunk[0].doc
            sentences = [bound for piece in chunk for bound in piece.bounds]
            windowed = set(matcher._pattern_matches(doc, sentences))
            whole = {
                (key, start + a, start + b)
                for pattern in matcher._token_patterns
                for start, end in sentences
                for key, a, b in pattern.matcher(doc[start:end])
            }
            assert windowed == whole, path.name


def test_a_misspelt_threshold_is_an_error_naming_the_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Thresholds and weights are typed: a typo in extractors.yaml is not silently ignored."""
    import pytest as _pytest

    from nextgen_assistant.errors import ConfigError
    from nextgen_assistant.knowledge import lexicon_dir, load_model
    from nextgen_assistant.signals.lexicon import ExtractorLexicon

    text = (lexicon_dir() / "shared" / "extractors.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "extractors.yaml"
    broken.write_text(text.replace("lasting_years:", "lasting_yeras:"), encoding="utf-8")
    with _pytest.raises(ConfigError) as raised:
        load_model(ExtractorLexicon, broken)
    assert "lasting_yeras" in str(raised.value) and "extractors.yaml" in str(raised.value)


def test_a_misspelt_indicator_in_the_red_flag_weights_is_an_error_naming_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every indicator has its red-flag weight, and a misspelt one is named, not ignored."""
    import pytest as _pytest

    from nextgen_assistant.errors import ConfigError
    from nextgen_assistant.knowledge import lexicon_dir, load_model
    from nextgen_assistant.signals.lexicon import ExtractorLexicon

    text = (lexicon_dir() / "shared" / "extractors.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "extractors.yaml"
    broken.write_text(
        text.replace("    sustainability: 0.5\n", "    sustainabilty: 0.5\n"), encoding="utf-8"
    )
    with _pytest.raises(ConfigError) as raised:
        load_model(ExtractorLexicon, broken)
    assert "sustainabilty" in str(raised.value) and "extractors.yaml" in str(raised.value)


def test_a_funding_kind_the_report_cannot_show_is_an_error_naming_it(tmp_path: Path) -> None:
    """A kind of money added to funding_kinds must be one a funding line can hold: named with
    the known kinds, not a traceback at the first document that mentions it."""
    from nextgen_assistant.knowledge import lexicon_dir, load_model
    from nextgen_assistant.signals.lexicon import ExtractorLexicon

    text = (lexicon_dir() / "shared" / "extractors.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "extractors.yaml"
    broken.write_text(
        text.replace("  dues: [", "  levies: [levy]\n  dues: [").replace(
            "funding_kind_titles: {", "funding_kind_titles: {levies: levies, "
        ),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as raised:
        load_model(ExtractorLexicon, broken)
    said = str(raised.value)
    assert "levies" in said and "extractors.yaml" in said and "in_kind" in said


def test_a_red_flag_weighs_by_its_indicator() -> None:
    """The same evidence, one supporting and one red-flag sentence of equal strength: where red
    flags weigh double (the agenda) the score falls below the middle; where they weigh half (the
    funding) it rises above it; at weight 1 (the plan) it is the middle, 3.0."""
    from nextgen_assistant.signals.aggregate import EvidenceTally
    from nextgen_assistant.signals.lexicon import load_lexicons
    from nextgen_assistant.signals.model import Signal, SignalLocation

    thresholds = load_lexicons().extractors.thresholds
    tally = EvidenceTally()
    for indicator in ("industry_driven_agenda", "sustainability", "shared_action_plan"):
        for polarity in ("supporting", "red_flag"):
            tally.add(
                [
                    Signal(
                        indicator=indicator,
                        polarity=polarity,
                        rule=f"{indicator}.test",
                        matched="sentence",
                        quote="A sentence.",
                        location=SignalLocation(line=1),
                        confidence=0.9,
                    )
                ]
            )
    assert thresholds.red_flag_weight.of("industry_driven_agenda") == 2.0
    assert (tally.score("industry_driven_agenda", thresholds) or 3.0) < 3.0
    assert thresholds.red_flag_weight.of("sustainability") == 0.5
    assert (tally.score("sustainability", thresholds) or 3.0) > 3.0
    assert tally.score("shared_action_plan", thresholds) == 3.0


def _funding(text: str) -> tuple[list[tuple[str, float | None]], list[str]]:
    result = checker().check_text(text, AS_OF, one_per_sentence=False)
    lines = [(line.kind, line.amount) for line in result.facts.funding]
    return lines, [s.matched for s in result.signals if s.rule.startswith("sustainability.")]


def test_money_put_in_to_match_a_grant_is_not_a_grant() -> None:
    """A grant's figure stays a grant, and money raised or put in beside it (a match, the
    members' own resources, nonfederal sources) is not one: the mix is shared, not all grant."""
    for text, grant, other in (
        (
            "Local employers raised $1.2 million to match the network's grant of $400,000.",
            4e5,
            1.2e6,
        ),
        ("A $2 million federal award is matched by $3 million from nonfederal sources.", 2e6, 3e6),
        (
            "Five mills put in $250,000 of their own resources beside a $100,000 state grant.",
            1e5,
            2.5e5,
        ),
    ):
        lines, said = _funding(text)
        assert ("grant", grant) in lines and ("match", other) in lines, (text, lines)
        assert not any("100%" in s for s in said), (text, said)
    # an acronym is a whole word: "DOL" is not the start of "dollar"
    lines, _ = _funding("Employers raised $500,000, and every dollar is matched by the state.")
    assert ("grant", 5e5) not in lines, lines
    # a grant alone, or two, is still all grant
    lines, said = _funding("The council received a $500,000 state grant and a $90,000 grant.")
    assert {kind for kind, _ in lines} == {"grant"}


def _plan_dates(text: str) -> list[tuple[str, str]]:
    result = checker().check_text(text, AS_OF, one_per_sentence=False)
    return [
        (s.rule.split(".")[1], s.matched)
        for s in result.signals
        if s.rule.split(".")[1] in ("plan_updated_recently", "plan_aging", "plan_out_of_date")
    ]


def test_a_plan_named_with_its_years_is_dated_by_them() -> None:
    """A plan's own years date it (AS_OF is November 2026): in force until its last year ends,
    then lapsed; the newest plan a document names is its plan; another body's plan, a future
    plan or a year that only stands near the word "plan" say nothing of the partnership's."""
    assert _plan_dates("The alliance approved its 2025-2027 work plan.") == [
        ("plan_updated_recently", "its 2025-2027 work plan (current)")
    ]
    assert [rule for rule, _ in _plan_dates("Regional Workforce Plan 2019-2021")] == [
        "plan_out_of_date"
    ]
    assert [rule for rule, _ in _plan_dates("The 2024-25 action plan set six goals.")] == [
        "plan_aging"
    ]
    newest = _plan_dates("The 2016-2018 roadmap gave way to the 2026-2028 roadmap.")
    assert [rule for rule, _ in newest] == ["plan_updated_recently"]
    for text in (
        "The county's 2025-2027 budget plan cut the program.",
        "The 2028-2030 plan will be drafted next spring.",
        "In 2026 plan sponsors met twice.",
        "Vision 2030 sets the region's targets.",
    ):
        assert _plan_dates(text) == [], text


def test_a_plan_said_not_to_exist_or_only_hoped_for_is_not_dated_as_in_force() -> None:
    """Structures a second review found: a plan not adopted is no plan; an update date in the
    same sentence is the plan's date, never its years; an old update gives way to a plan that
    began after it; a plan hoped for does not hide the lapsed one; a year range that only
    stands near "plan", or another body's plan, dates nothing."""
    assert _plan_dates("The board did not adopt the 2025-2027 strategic plan.") == []
    assert _plan_dates("The 2025-2026 plan was not adopted.") == []
    assert _plan_dates("Our 2026-2028 work plan hasn't been approved yet.") == []
    assert _plan_dates("The 2026-2027 action plan wasn’t formally ratified.") == []
    assert _plan_dates("Our 2019 strategic plan was refreshed in October 2026.") == [
        ("plan_updated_recently", "refreshed October 2026")
    ]
    newer = "The action plan was last updated in March 2019. Our 2025-2027 plan sets four goals."
    assert [rule for rule, _ in _plan_dates(newer)] == ["plan_updated_recently"]
    hoped = (
        "Our 2018-2020 strategic plan is the last one we adopted. A 2026-2028 plan would follow."
    )
    assert [rule for rule, _ in _plan_dates(hoped)] == ["plan_out_of_date"]
    for text in (
        "In 2020-2021 plan participants earned credentials.",
        "During 2018-2020 the plan was led by the college.",
        "Under the WIOA 2024-2027 state plan, the board funds training.",
        "Members reviewed the 2023-24 school year plan with the district.",
    ):
        assert _plan_dates(text) == [], text
    assert [rule for rule, _ in _plan_dates("2025-2027 Strategic Plan")] == [
        "plan_updated_recently"
    ]


def test_a_result_below_its_goal_is_a_red_flag_and_its_numbers_no_outcome() -> None:
    """ "Only four of the 42 trainees were placed" reports a shortfall: the placement inside it and
    its numbers are not an outcome to count (measurable_results.fell_short, outcome_overridden_by)."""
    outcome, short = "measurable_results.outcome_metric", "measurable_results.fell_short"
    for sentence in (
        "Only three of the 35 welding graduates were hired by member shops.",
        "Just 9 of 50 trainees passed the certification exam.",
        "The consortium fell short of its target of 80 placements last year.",
        "The network did not reach its goal of 100 credentials.",
    ):
        found = _metrics(sentence)
        assert short in found and outcome not in found, (sentence, found)
    for sentence in (
        "The consortium met its target of 80 placements last year.",
        "All 35 welding graduates were hired by member shops.",
    ):
        found = _metrics(sentence)
        assert outcome in found and short not in found, (sentence, found)


def test_an_unknown_rule_the_outcomes_give_way_to_is_an_error_naming_it() -> None:
    from nextgen_assistant.knowledge import lexicon_dir, load_model
    from nextgen_assistant.signals.lexicon import ExtractorLexicon, _checked_extractors

    shared = lexicon_dir() / "shared"
    extractors = load_model(ExtractorLexicon, shared / "extractors.yaml")
    extractors.outcome_overridden_by = ["measurable_results.fel_short"]
    rules = {rule.id: rule for rule in load_lexicons().rules}
    with pytest.raises(ConfigError) as raised:
        _checked_extractors(extractors, rules, shared)
    assert "fel_short" in str(raised.value) and "extractors.yaml" in str(raised.value)
