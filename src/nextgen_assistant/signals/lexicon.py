"""Lexicon files: rules, context cues, false friends and extractor vocabulary, validated on load.

Shipped lexicons live in `lexicons/`; a user adds rules with `--lexicons DIR` (any `*.yaml` with
`indicator:` and `rules:`). An invalid file is a ConfigError naming the file, rule id and field.

Token patterns can name a word class of `lexicons/shared/vocabulary.yaml` as "@name" inside an
IN or NOT_IN list (`{LEMMA: {IN: ["@business_nouns"]}}`): who counts as business, or as agency
staff, is written once and every rule that needs it says the same thing.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from nextgen_assistant import INDICATOR_IDS
from nextgen_assistant.knowledge import lexicon_dir, load_model, read_yaml, validate, yaml_files
from nextgen_assistant.signals.lexicon_checks import checked_user_lexicons
from nextgen_assistant.signals.model import Context, FundingKind, Polarity

TokenPattern = list[dict[str, Any]]


class Examples(BaseModel):
    """Sentences a rule must find (asserted, with its polarity) and sentences it must not."""

    model_config = ConfigDict(extra="forbid")

    match: list[str] = Field(default_factory=list)
    no_match: list[str] = Field(default_factory=list)


ActorKind = Literal["business", "public", "partnership", "grantmaker"]


class RoleTrigger(BaseModel):
    """An actor of a kind doing a role (`lexicons/shared/roles.yaml`), optionally to an object
    of a class there ("business decides the agenda")."""

    model_config = ConfigDict(extra="forbid")

    actor: ActorKind
    role: str
    object: str | None = None


class Rule(BaseModel):
    """One piece of vocabulary that is evidence for or against one indicator."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$")
    polarity: Polarity
    description: str = ""
    phrases: list[str] = Field(default_factory=list)
    patterns: list[TokenPattern] = Field(default_factory=list)
    roles: list[RoleTrigger] = Field(default_factory=list)
    in_sentence_with: list[str] = Field(default_factory=list)
    """Words (lemmas, or "@class") one of which the sentence must also hold: a topic word
    ("supply chain", "transportation") is the partnership's agenda only where the sentence says
    it is worked on ("priorities", "tackle", "action team")."""
    weight: float = Field(default=1.0, gt=0.0, le=3.0)
    negation: Literal["flip", "cancel"] = "flip"
    fuzzy: bool = True
    examples: Examples

    @model_validator(mode="after")
    def _has_vocabulary(self) -> Rule:
        if not self.phrases and not self.patterns and not self.roles:
            raise ValueError("a rule needs phrases, patterns or roles")
        if not self.examples.match:
            raise ValueError("a rule needs at least one example it must match")
        return self

    @property
    def indicator(self) -> str:
        """The indicator id, the part of the rule id before the dot."""
        return self.id.split(".", 1)[0]


class IndicatorLexicon(BaseModel):
    """One file of rules for one indicator."""

    model_config = ConfigDict(extra="forbid")

    indicator: str
    rules: list[Rule]

    @field_validator("indicator")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in INDICATOR_IDS:
            raise ValueError(f"unknown indicator '{value}'")
        return value

    @model_validator(mode="after")
    def _ids_match_indicator(self) -> IndicatorLexicon:
        for rule in self.rules:
            if rule.indicator != self.indicator:
                raise ValueError(f"rule '{rule.id}' must start with '{self.indicator}.'")
        return self


class ContextCue(BaseModel):
    """A word or phrase that sets the context of evidence near it (ConText-style)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    context: Context
    direction: Literal["forward", "backward", "both", "within"] = "forward"
    """Which way the cue reaches evidence near it; `within`: only evidence inside the cue's own
    words, for a cue that encloses its topic (a purpose clause up to its comma)."""
    window: int = Field(default=8, ge=1, le=60)
    phrases: list[str] = Field(default_factory=list)
    exact_case: list[str] = Field(default_factory=list)
    patterns: list[TokenPattern] = Field(default_factory=list)
    encloses: bool = False
    """Whether evidence inside the cue's own words takes its context: a cue that is a whole
    clause around its topic ("discussed dues but has not agreed to any"). Otherwise words of
    the cue inside the evidence are part of it ("not dependent on grants")."""
    opens_sentence: bool = False
    """Whether the cue, found where its sentence opens, sets the context of all the evidence
    that follows it in the sentence, its own words included, up to a terminator: a command
    ("Develop a regional plan with employers") is an aim, verb and all."""
    examples: Examples = Field(default_factory=Examples)

    @model_validator(mode="after")
    def _within_encloses(self) -> ContextCue:
        if self.direction == "within" and not self.encloses:
            raise ValueError(f"cue '{self.id}': direction 'within' needs encloses: true")
        return self


class ContextLexicon(BaseModel):
    """Cues, terminators that end a cue's scope, and the context a question gets."""

    model_config = ConfigDict(extra="forbid")

    cues: list[ContextCue]
    terminators: list[str]
    side_clause_words: list[str]
    """Words that open a side clause ("that", "which"): a plan or hope right after one is the
    side clause's, not the whole sentence's."""
    questions: Context = "hypothetical"


class FalseFriend(BaseModel):
    """A name that contains a lexicon word but is not evidence ("Grant Avenue")."""

    model_config = ConfigDict(extra="forbid")

    id: str
    description: str = ""
    patterns: list[TokenPattern] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)
    examples: Examples


class FalseFriendLexicon(BaseModel):
    """All false friends."""

    model_config = ConfigDict(extra="forbid")

    false_friends: list[FalseFriend]


class OrganizationLexicon(BaseModel):
    """Cues that tell a business from a public partner, and which public-partner type it is."""

    model_config = ConfigDict(extra="forbid")

    business_suffixes: list[str]
    public_types: dict[str, list[str]]
    public_type_titles: dict[str, str]
    other_public: list[str]
    acronym_suffixes: dict[str, list[str]] = Field(default_factory=dict)
    """How a public body's acronym ends, by partner type ("WKCTC", "HVEDC", "NWWDB"; the key
    `other` for public bodies of no partner type, "NJDOL")."""
    business_words: list[str]
    sector_values: dict[Literal["business", "public"], list[str]]
    short_names: dict[str, list[str]] = Field(default_factory=dict)
    """Public bodies known by a short name, by partner type: the last word of a name of one
    capitalised word and it ("Fresno State", "Penn State"), or, after `@state`, of a state's name
    ("@state Tech": "Georgia Tech")."""
    not_short_names: list[str] = Field(default_factory=list)
    """First words that make such a name something else ("the Ocean State": a state's nickname)."""
    care_provider_heads: list[str] = Field(default_factory=list)
    """Words that end a care provider's name though a type's word comes earlier in it ("University
    of Harbor St. Luke Medical Center", "Harlan State University Hospital"): a hospital, an
    employer, not the university it is named for."""
    institution_heads: list[str] = Field(default_factory=list)
    """Words that make a name an institution's ("... Manufacturing Institute", "Center for ...
    Manufacturing Studies"), so an industry word inside it does not make it a company."""
    topic_type_efforts: list[str] = Field(default_factory=list)
    """Words after a type cue written in lower case that make it what an effort is about ("an
    innovative workforce development partnership", "an economic development initiative"), not a
    partner."""
    topic_type_cues: list[str] = Field(default_factory=list)
    """Type cues that also name a field of work ("workforce development"): in prose they name a
    partner only as a name or before one of `topic_type_heads`."""
    topic_type_heads: list[str] = Field(default_factory=list)
    """Words for a body after such a cue ("workforce development boards"): then it is a partner."""
    member_body_heads: list[str] = Field(default_factory=list)
    """Words for a body of members: with an industry word in the name, a trade association's
    ("Harbor County Manufacturers Association"), not the county's."""
    federal_prefixes: list[str] = Field(default_factory=list)
    """Words before a type cue that make it a federal agency ("U.S. Department of Labor"): a
    funder or regulator, not a partner at the regional table."""

    @model_validator(mode="after")
    def _five_types(self) -> OrganizationLexicon:
        if set(self.public_types) != set(self.public_type_titles):
            raise ValueError("public_types and public_type_titles must name the same types")
        return self


class RolesLexicon(BaseModel):
    """Who acts and how (`lexicons/shared/roles.yaml`)."""

    model_config = ConfigDict(extra="forbid")

    roles: dict[str, list[str]]
    industry_modifiers: list[str]
    public_nouns: list[str]
    place_nouns: list[str]
    partnership_nouns: list[str]
    grantmaker_words: list[str]
    objects: dict[str, list[str]]
    stop_words: list[str]
    program_words: list[str] = Field(default_factory=list)
    """Words that make a name a program's, not the partnership's ("Welding Academy")."""
    work_words: list[str] = Field(default_factory=list)
    """Besides `program_words` and the `content` objects, what an "X-driven" or "X-led" may
    describe that is work or thought, not the partnership ("industry-driven perspectives")."""
    gather_verbs: list[str] = Field(default_factory=list)
    """Lemmas of gathering verbs whose actor does what they met for ("met ... to determine")."""
    choose_to_verbs: list[str] = Field(default_factory=list)
    """Lemmas of deciding verbs whose object may be what to do ("chose to build links")."""
    time_openers: list[str] = Field(default_factory=list)
    time_nouns: list[str] = Field(default_factory=list)
    """A time between an actor and its verb: an opener and a noun ("last week")."""
    answer_to_verbs: list[str] = Field(default_factory=list)
    """Lemmas whose actor follows "to" and leads what comes before ("reports to the board")."""
    trade_bodies: list[str] = Field(default_factory=list)
    """Bodies that are their members' ("the dealers' association", "a trade association"): a
    business actor after a business noun, an industry modifier or one of `trade_words`."""
    trade_words: list[str] = Field(default_factory=list)
    role_nouns: list[str] = Field(default_factory=list)
    """Lead-role words that name who leads with "be" ("its chair is X", "X is the lead")."""
    role_noun_modifiers: list[str] = Field(default_factory=list)
    """Words between a role noun and its determiner ("the association's board chair")."""
    telling_words: list[str] = Field(default_factory=list)
    """Words after the one reported to that make reporting telling ("reported to the board on
    its progress"), not answering to."""
    owner_nouns: list[str] = Field(default_factory=list)
    """Nouns of "the alliance is an initiative of X": X leads what the clause is about."""
    under_nouns: list[str] = Field(default_factory=list)
    """Nouns of "under the leadership of X": X leads what the clause is about."""
    mixed_words: list[str] = Field(default_factory=list)
    """Words of the other sectors that, joined to a business word by "and", make a group of
    mixed sectors: "public and private partners", "a consortium of educators and industry
    members" (neither business nor a public body acting alone)."""
    quantity_nouns: list[str] = Field(default_factory=list)
    """Nouns of a number of people or bodies ("dozens of employers"): not a common noun an
    actor hangs on."""
    not_paid_for: list[str] = Field(default_factory=list)
    """What a paying verb's "to" names that is no money's recipient: "industries that
    contribute to the economy" pay for nothing of the partnership's."""
    not_money: list[str] = Field(default_factory=list)
    """What a paying verb gives that is neither money nor means: "farmers contribute practical
    insight"."""
    own_work: list[str] = Field(default_factory=list)
    """What a business starts that is its own work, not a partnership: "the plant begins
    operations"."""
    clause_verbs: list[str] = Field(default_factory=list)
    """Lemmas of common verbs that end a first clause before "and" ("the board won a grant and
    chose the sector"): the second verb shares the first one's actor."""
    co_agent_words: list[str] = Field(default_factory=list)
    collective_nouns: list[str] = Field(default_factory=list)
    """Words before an actor that make it a partner, not the subject, of the infinitive after it
    ("working with employers to identify needs")."""
    sentence_openers: list[str] = Field(default_factory=list)
    """First words of an opening phrase: what follows its comma is no apposition ("Through the
    partnership, the college's program ...")."""
    plural_nouns: list[str] = Field(default_factory=list)
    """Singular-looking nouns that take a plural verb ("college staff run it"): no compound noun."""
    past_as_base: list[str] = Field(default_factory=list)
    """Verbs whose past tense is their base form ("the industry set its priorities")."""
    actor_reach: int = Field(ge=1, le=30)
    object_reach: int = Field(ge=1, le=30)


class RedFlagWeights(BaseModel):
    """How much a red flag weighs against supporting evidence in each indicator's score, one
    number per indicator (a missing or misspelt indicator is an error naming it)."""

    model_config = ConfigDict(extra="forbid")

    regional_labor_market: float = Field(gt=0)
    private_sector_leadership: float = Field(gt=0)
    industry_driven_agenda: float = Field(gt=0)
    public_partner_team: float = Field(gt=0)
    shared_action_plan: float = Field(gt=0)
    sustainability: float = Field(gt=0)
    measurable_results: float = Field(gt=0)

    def of(self, indicator: str) -> float:
        """The weight of the indicator's red flags."""
        return float(getattr(self, indicator))


class ExtractorThresholds(BaseModel):
    """The extractors' numbers, each named once (a misspelt key is an error naming it)."""

    model_config = ConfigDict(extra="forbid")

    plan_stale_months: int = Field(ge=1)
    lasting_years: int = Field(ge=1)
    cohorts_a_year: int = Field(ge=1)
    grant_ending_within_months: int = Field(ge=1)
    topic_heading_max_words: int = Field(ge=1)
    evidence_shrinkage: float = Field(ge=0)
    red_flag_weight: RedFlagWeights
    partner_list_max_items: int = Field(ge=2)
    partner_list_item_words: int = Field(ge=1)
    passage_window_words: int = Field(ge=20)
    passage_min_words: int = Field(ge=1)
    passage_supporting_min: float = Field(gt=0, lt=1)
    passage_red_flag_min: float = Field(gt=0, lt=1)
    passage_known_share_min: float = Field(ge=0, le=1)
    passage_distinct_share_min: float = Field(ge=0, le=1)
    no_outcome_min_documents: int = Field(ge=1)
    partner_types_across_min: int = Field(ge=2)


class ExtractorExample(BaseModel):
    """A document an extractor rule is tried on: its file name matters for rosters (CSV) and
    statements of funding."""

    model_config = ConfigDict(extra="forbid")

    file: str = Field(default="example.txt", pattern=r"^[\w.-]+\.(txt|md|csv|html)$")
    text: str = Field(min_length=1)
    also: list[str] = Field(default_factory=list)
    """Other documents of the same partnership, scanned beside it (for a rule that reads the
    documents together, `across_documents`)."""


class ExtractorExamples(BaseModel):
    """Documents an extractor rule must find, and documents it must not."""

    model_config = ConfigDict(extra="forbid")

    match: list[ExtractorExample] = Field(min_length=1)
    no_match: list[ExtractorExample] = Field(default_factory=list)

    @field_validator("match", "no_match", mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        """A bare string is a plain-text document."""
        if isinstance(value, list):
            return [{"text": item} if isinstance(item, str) else item for item in value]
        return value


ExtractorName = Literal[
    "attendance",
    "geography",
    "plan_dates",
    "funding",
    "metrics",
    "longevity",
    "headcounts",
    "passages",
    "across_documents",
]


class ExtractorRule(BaseModel):
    """A rule whose evidence is a fact an extractor works out (`lexicons/shared/extractor_rules.yaml`)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$")
    polarity: Polarity
    extractor: ExtractorName
    weight: float = Field(gt=0.0, le=3.0)
    description: str = Field(min_length=20)
    examples: ExtractorExamples

    @property
    def indicator(self) -> str:
        """The indicator id, the part of the rule id before the dot."""
        return self.id.split(".", 1)[0]

    @field_validator("id")
    @classmethod
    def _known_indicator(cls, value: str) -> str:
        if value.split(".", 1)[0] not in INDICATOR_IDS:
            raise ValueError(f"unknown indicator in '{value}'")
        return value


class ExtractorRulesLexicon(BaseModel):
    """Every extractor rule, each id once."""

    model_config = ConfigDict(extra="forbid")

    rules: list[ExtractorRule]

    @model_validator(mode="after")
    def _unique(self) -> ExtractorRulesLexicon:
        ids = [rule.id for rule in self.rules]
        if repeated := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"rules declared twice: {', '.join(repeated)}")
        return self


class ExtractorLexicon(BaseModel):
    """Vocabulary the structured extractors use."""

    model_config = ConfigDict(extra="forbid")

    attendance_labels: list[str]
    roster_organization_columns: list[str]
    roster_sector_columns: list[str]
    roster_file_words: list[str]
    number_words: dict[str, int]
    money_measures: list[str]
    money_given: list[str]
    plan_nouns: list[str]
    plan_update_words: list[str]
    dated_plan_nouns: list[str] = Field(default_factory=list)
    """Nouns naming a plan dated by its own years ("our 2024-2026 strategic plan")."""
    dated_plan_others: list[str] = Field(default_factory=list)
    """Words that make a plan named with its years another body's ("the WIOA 2024-2027 state
    plan", "the 2023-24 school year plan", "the county's 2025 budget plan")."""
    dated_plan_breaks: list[str] = Field(default_factory=list)
    """Function words that part a plan from years before it ("during 2018-2020 the plan")."""
    negation_words: list[str] = Field(default_factory=list)
    """Words that deny what follows ("not", "never")."""
    negation_suffixes: list[str] = Field(default_factory=list)
    """Endings that deny what follows, joined to the word before ("hasn't", "wasn’t")."""
    negation_fillers: list[str] = Field(default_factory=list)
    """Words that may stand between a negation and the verb it denies ("not yet formally")."""
    funding_kinds: dict[str, list[str]]
    funding_kind_titles: dict[str, str]
    """How a report names each kind of funding ("in-kind support", never the id in_kind)."""
    funding_end_words: list[str]
    since_words: list[str] = Field(default_factory=list)
    start_verbs: list[str] = Field(default_factory=list)
    perfect_words: list[str] = Field(default_factory=list)
    group_verbs: list[str] = Field(default_factory=list)
    ordinal_words: dict[str, int] = Field(default_factory=dict)
    recurring_words: list[str] = Field(default_factory=list)
    yearly_events: list[str] = Field(default_factory=list)
    funding_document_words: list[str] = Field(default_factory=list)
    funding_not_sources: list[str] = Field(default_factory=list)
    """Money that is no source of the partnership's funding: what it gives out ("a scholarship
    of $5,000", "$1,000 per student") or the whole it adds up to ("a $600,000 budget includes
    ..."): an amount nearest one of these is not counted."""
    outcome_measures: dict[str, list[str]]
    in_training_words: list[str] = Field(default_factory=list)
    """Words that place counted apprentices at the start of their training or in it ("seven new
    apprentices", "129 active apprentices", "apprentices selected to start the program"): an
    enrolment, not a result (one who completes it is: "completed their apprenticeship")."""
    counted_people: list[str] = Field(default_factory=list)
    count_breaks: list[str] = Field(default_factory=list)
    """Words that end the search for what a number counts ("$382,548 to the college": money
    given to a college counts no colleges; "211 jobs in the industry" counts no businesses)."""
    money_marks: list[str] = Field(default_factory=list)
    """Signs and words beside a number that make it an amount, never a head-count."""
    outcome_verbs: list[str] = Field(default_factory=list)
    outcome_verbs_with_object: list[str] = Field(default_factory=list)
    outcome_objects: list[str] = Field(default_factory=list)
    multiplied: list[str] = Field(default_factory=list)
    duration_units: list[str] = Field(default_factory=list)
    year_words: list[str] = Field(default_factory=list)
    number_labels: list[str] = Field(default_factory=list)
    change_verbs: list[str] = Field(default_factory=list)
    service_words: list[str] = Field(default_factory=list)
    place_words: list[str] = Field(default_factory=list)
    public_body_heads: list[str] = Field(default_factory=list)
    public_body_modifiers: list[str] = Field(default_factory=list)
    not_results: list[str] = Field(default_factory=list)
    outcome_overridden_by: list[str] = Field(default_factory=list)
    """Rules whose counted reading of a sentence means its numbers are no outcome to count (a
    result that fell short of its goal)."""
    output_measures: list[str]
    beneficiaries: dict[str, list[str]]
    partner_kinds: dict[str, list[str]] = Field(default_factory=dict)
    """Words naming a kind of public partner in a list ("education, workforce and economic
    development organizations"), by kind."""

    @model_validator(mode="after")
    def _every_funding_kind_titled(self) -> ExtractorLexicon:
        missing = sorted(set(self.funding_kinds) - set(self.funding_kind_titles))
        if missing:
            raise ValueError(f"funding_kind_titles must name every funding kind: {missing}")
        unknown = sorted(set(self.funding_kinds) - set(get_args(FundingKind)))
        if unknown:
            raise ValueError(
                f"funding_kinds has kinds the report cannot show: {unknown} "
                f"(the kinds are {', '.join(get_args(FundingKind))})"
            )
        return self

    wage_earners: list[str] = Field(default_factory=list)
    """Who earns a wage the partnership can claim, or a change in it ("placements", "hired",
    "graduates", "a wage increase"): a pay figure with none of these in its sentence is the
    market's or an occupation's ("an entry level of $13 an hour", "the county's average
    earnings"), not a result."""
    partner_group_nouns: list[str] = Field(default_factory=list)
    """The noun a list of partner kinds ends on ("organizations", "leaders", "agencies")."""
    partner_list_breaks: list[str] = Field(default_factory=list)
    """Words that end such a list going back ("with", "from", "include")."""
    passage_red_flag_words: dict[str, list[str]] = Field(default_factory=dict)
    """Per indicator, the words one of which a window must hold for the passage model to read a
    red flag of that indicator in it (lower case): a funding red flag needs money named."""

    @field_validator("passage_red_flag_words")
    @classmethod
    def _red_flag_words_name_indicators(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(value) - set(INDICATOR_IDS))
        if unknown:
            raise ValueError(f"passage_red_flag_words names no indicator: {unknown}")
        return value

    thresholds: ExtractorThresholds


class Vocabulary(BaseModel):
    """Word classes token patterns name as "@class"."""

    model_config = ConfigDict(extra="forbid")

    classes: dict[str, list[str]]

    @field_validator("classes")
    @classmethod
    def _names(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, words in value.items():
            if not name.isidentifier():
                raise ValueError(f"class name '{name}' must be letters, digits and underscores")
            if not words:
                raise ValueError(f"class '{name}' has no words")
        return value

    def expand(self, patterns: list[TokenPattern], owner: str) -> list[TokenPattern]:
        """The patterns with every "@class" in an IN or NOT_IN list replaced by its words."""
        return [[self._token(spec, owner) for spec in pattern] for pattern in patterns]

    def expand_words(self, words: list[str], owner: str) -> list[str]:
        """A word list with every "@class" replaced by its words."""
        return [str(word) for word in self._words(words, owner)]

    def _token(self, spec: dict[str, Any], owner: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for attr, value in spec.items():
            if isinstance(value, dict):
                value = {
                    op: self._words(items, owner) if op in ("IN", "NOT_IN") else items
                    for op, items in value.items()
                }
            out[attr] = value
        return out

    def _words(self, items: Any, owner: str) -> Any:
        if not isinstance(items, list):
            return items
        words: list[Any] = []
        for item in items:
            if isinstance(item, str) and item.startswith("@"):
                found = self.classes.get(item[1:])
                if found is None:
                    from nextgen_assistant.errors import ConfigError

                    known = ", ".join(f"@{name}" for name in sorted(self.classes))
                    raise ConfigError(
                        f"{owner}: unknown word class '{item}' in a token pattern (known: {known})"
                    )
                words += found
            else:
                words.append(item)
        return list(dict.fromkeys(words))


class Lexicons(BaseModel):
    """Everything the checker reads, loaded once."""

    rules: list[Rule]
    context: ContextLexicon
    false_friends: FalseFriendLexicon
    organizations: OrganizationLexicon
    extractors: ExtractorLexicon
    extractor_rules: list[ExtractorRule]
    roles: RolesLexicon
    vocabulary: Vocabulary
    sources: list[str]

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def extractor_rule(self, rule_id: str) -> ExtractorRule:
        """The declared extractor rule with this id (KeyError if it is not declared)."""
        for rule in self.extractor_rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def _rule_files(folder: Path, vocabulary: Vocabulary) -> list[tuple[Path, IndicatorLexicon]]:
    loaded = []
    for path in yaml_files(folder):
        data = read_yaml(path)
        if isinstance(data, dict) and "rules" in data:
            lexicon = validate(IndicatorLexicon, data, path)
            for rule in lexicon.rules:
                rule.patterns = vocabulary.expand(rule.patterns, f"{path}: rule '{rule.id}'")
                rule.in_sentence_with = vocabulary.expand_words(
                    rule.in_sentence_with, f"{path}: rule '{rule.id}'"
                )
            loaded.append((path, lexicon))
    return loaded


def load_lexicons(extra: tuple[Path, ...] = ()) -> Lexicons:
    """Load the shipped lexicons plus any user folders; later rules with the same id replace earlier."""
    resolved = tuple(p.resolve() for p in extra)
    return checked_user_lexicons(_load_lexicons(resolved), resolved)  # regexes and examples


@lru_cache(maxsize=8)
def _load_lexicons(extra: tuple[Path, ...]) -> Lexicons:
    from nextgen_assistant.errors import ConfigError

    base = lexicon_dir()
    shared = base / "shared"
    rules: dict[str, Rule] = {}
    sources: list[str] = []
    vocabulary = load_model(Vocabulary, shared / "vocabulary.yaml")
    for folder in (base / "indicators", *extra):
        if not folder.is_dir():
            raise ConfigError(f"{folder}: the lexicons folder does not exist")
        for path, lexicon in _rule_files(folder, vocabulary):
            sources.append(str(path))
            for rule in lexicon.rules:
                rules[rule.id] = rule
    context = load_model(ContextLexicon, shared / "context.yaml")
    for cue in context.cues:
        cue.patterns = vocabulary.expand(cue.patterns, f"{shared / 'context.yaml'}: cue '{cue.id}'")
    false_friends = load_model(FalseFriendLexicon, shared / "false_friends.yaml")
    for friend in false_friends.false_friends:
        friend.patterns = vocabulary.expand(
            friend.patterns, f"{shared / 'false_friends.yaml'}: false friend '{friend.id}'"
        )
    return Lexicons(
        rules=list(rules.values()),
        context=context,
        false_friends=false_friends,
        organizations=load_model(OrganizationLexicon, shared / "organizations.yaml"),
        extractors=_checked_extractors(
            load_model(ExtractorLexicon, shared / "extractors.yaml"), rules, shared
        ),
        extractor_rules=_checked_extractor_rules(
            load_model(ExtractorRulesLexicon, shared / "extractor_rules.yaml").rules,
            rules,
            shared,
        ),
        roles=_checked_roles(
            load_model(RolesLexicon, shared / "roles.yaml"), list(rules.values()), shared
        ),
        vocabulary=vocabulary,
        sources=sources,
    )


def _checked_extractors(
    extractors: ExtractorLexicon, rules: dict[str, Rule], shared: Path
) -> ExtractorLexicon:
    """The rules the extractors give way to exist: a typo would silently disable the rule."""
    from nextgen_assistant.errors import ConfigError

    if unknown := sorted(set(extractors.outcome_overridden_by) - set(rules)):
        raise ConfigError(
            f"{shared / 'extractors.yaml'}: outcome_overridden_by names no rule "
            f"{', '.join(repr(rule) for rule in unknown)}"
        )
    return extractors


def _checked_extractor_rules(
    declared: list[ExtractorRule], rules: dict[str, Rule], shared: Path
) -> list[ExtractorRule]:
    """An extractor rule's id is not also a lexicon rule's: each id means one thing."""
    from nextgen_assistant.errors import ConfigError

    if clash := sorted(rule.id for rule in declared if rule.id in rules):
        raise ConfigError(
            f"{shared / 'extractor_rules.yaml'}: {', '.join(clash)} also a rule in the "
            "indicator lexicons; give the extractor rule another id"
        )
    return declared


def _checked_roles(roles: RolesLexicon, rules: list[Rule], shared: Path) -> RolesLexicon:
    """Every role and object class a rule names exists in roles.yaml."""
    from nextgen_assistant.errors import ConfigError

    for rule in rules:
        for trigger in rule.roles:
            if trigger.role not in roles.roles:
                raise ConfigError(
                    f"rule '{rule.id}': unknown role '{trigger.role}' "
                    f"(roles in {shared / 'roles.yaml'}: {', '.join(roles.roles)})"
                )
            if trigger.object is not None and trigger.object not in roles.objects:
                raise ConfigError(
                    f"rule '{rule.id}': unknown object class '{trigger.object}' "
                    f"(objects in {shared / 'roles.yaml'}: {', '.join(roles.objects)})"
                )
    return roles
