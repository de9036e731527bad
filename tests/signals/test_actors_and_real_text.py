"""Structures found in real published text, in sentences written for these tests: who acts and
how (any voice), about whom, how long a partnership has lasted, and head-counts in prose."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from nextgen_assistant.signals.checker import Checker
from nextgen_assistant.signals.model import Signal

AS_OF = date(2026, 11, 28)


@cache
def checker() -> Checker:
    return Checker()


def counted(text: str, as_of: date = AS_OF) -> set[tuple[str, str]]:
    """(indicator, polarity) of every counted signal in the text."""
    result = checker().check_text(text, as_of, one_per_sentence=False)
    return {(s.indicator, s.polarity) for s in result.signals if s.counted}


def signals(text: str) -> list[Signal]:
    return checker().check_text(text, AS_OF, one_per_sentence=False).signals


def assert_found_only_in(
    expected: tuple[str, str],
    holds: tuple[str, ...],
    lacks: tuple[str, ...],
    as_of: date = AS_OF,
) -> None:
    """Each sentence of `holds` gives the counted (indicator, polarity); none of `lacks` does."""
    for sentence in holds:
        assert expected in counted(sentence, as_of), sentence
    for sentence in lacks:
        assert expected not in counted(sentence, as_of), sentence


LEADS = ("private_sector_leadership", "supporting")
PUBLIC_LEADS = ("private_sector_leadership", "red_flag")
BUSINESS_AGENDA = ("industry_driven_agenda", "supporting")
PUBLIC_AGENDA = ("industry_driven_agenda", "red_flag")


@pytest.mark.parametrize(
    "sentence",
    [
        "Four orchard owners started the cooperative in 2016.",  # active
        "The council was launched in May by three trucking firms.",  # passive, date between
        "It is a grower-driven coalition.",  # X-driven
        "The alliance was founded by Hollis Tool Inc. and Ardent Plastics.",  # named companies
        "Winery owners in the two valleys formed it.",  # the actor carries a place phrase
        "Hotel managers met and picked three priorities.",  # two verbs, one subject
        "The orchard growers' association started the academy in 2015.",  # a trade body
        "The program is owned and run by the long-term care association.",  # its industry
    ],
)
def test_business_people_leading_in_any_voice(sentence: str) -> None:
    assert LEADS in counted(sentence)


def test_an_association_of_no_industry_is_not_business() -> None:
    assert LEADS not in counted("The parents' association started the academy in 2015.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The county workforce board runs the partnership.",
        "The partnership is led by the regional planning commission.",
        "The Coastal Education Service Agency (CESA) convenes the group, and CESA leads it.",
        # founding or launching it is leading, as it is for business (hosting the launch
        # meeting is not: see below)
        "The county workforce board launched the partnership.",
        "The alliance was created in 2019 by the state commerce department.",
        # an acronym whose ending says the kind of public body, never defined in the text
        "PVCTC launched the partnership with area manufacturers.",
        "The partnership is run by the HREDC.",
    ],
)
def test_public_bodies_leading_are_red_flags(sentence: str) -> None:
    assert PUBLIC_LEADS in counted(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The workforce board convened the first meeting.",  # the ordinary convener role
        "The county workforce board hosted the partnership's launch meeting.",  # convening
        "Employers were invited to the breakfast.",  # agentless passive: invited, not inviting
        "The board's staff take notes and circulate the minutes.",  # 'staff' is a noun here
        "Staff completed three employer surveys.",  # 'employer' modifies 'surveys'
        "Dawson County Launches Health Care Partnership",  # a headline has no grammar to read
        "The partnership began in 2019.",  # what began is the partnership itself
        "Only two employers attended the session.",  # a handful is not business taking part
        "Dana Ruiz founded the group.",  # a person of no known kind gives no signal
        "The CEO launched the partnership.",  # an acronym of no public kind
        "The alliance has found that employers want shorter courses.",  # 'found': of 'find'
        "An industry-driven program trains welders.",  # a program's, not the partnership's
    ],
)
def test_no_actor_role_signal_where_none_is_meant(sentence: str) -> None:
    role_rules = {rule.id for rule in checker().lexicons.rules if rule.roles}
    fired = {s.rule for s in signals(sentence) if s.counted and s.rule in role_rules}
    assert not fired, fired


def test_who_chooses_the_agenda() -> None:
    assert BUSINESS_AGENDA in counted("The priorities were chosen by the member mills.")
    assert PUBLIC_AGENDA in counted("The state agency selected the group's goals.")
    assert BUSINESS_AGENDA not in counted("The college identified a shortage of welders.")


def test_statements_about_the_model_are_about_someone_else() -> None:
    about_model = signals("Next Gen partnerships are business-led and community-supported.")
    assert about_model and all(s.context == "other" and not s.counted for s in about_model)
    own = signals("Our partnership is business-led.")
    assert any(s.counted for s in own)


def test_plans_and_next_steps_are_not_facts() -> None:
    assert not counted("The next step is for the co-chairs to write an action plan.")
    assert not counted("The alliance will be chaired by a plant manager.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The coalition spans the parishes of Acadia, Evangeline and St. Landry.",
            ("regional_labor_market", "supporting"),
        ),
        ("Members come from across 9 counties.", ("regional_labor_market", "supporting")),
        ("The initiative is statewide.", ("regional_labor_market", "red_flag")),
        ("Growers from across Idaho take part.", ("regional_labor_market", "red_flag")),
    ],
)
def test_footprints(sentence: str, expected: tuple[str, str]) -> None:
    assert expected in counted(sentence)


def test_a_larger_bodys_scope_is_not_this_partnerships() -> None:
    assert ("regional_labor_market", "red_flag") not in counted(
        "As part of a new statewide network, the valley partnership launched in May."
    )


def test_how_long_a_partnership_has_lasted_depends_on_the_date() -> None:
    sentence = "The roundtable has been in place since 2015."
    assert ("sustainability", "supporting") in counted(sentence, date(2026, 11, 28))
    assert ("sustainability", "supporting") not in counted(sentence, date(2016, 6, 1))


def test_head_counts_in_prose_are_derived_facts() -> None:
    business = signals("The group brings together 40 machine shops and 6 public partners.")
    majority = [
        s for s in business if s.rule == "private_sector_leadership.prose_business_majority"
    ]
    assert majority and majority[0].derived and majority[0].sources
    public = counted(
        "The council convenes 12 employers, 9 school districts and 7 workforce agencies."
    )
    assert PUBLIC_LEADS in public
    # an amount is no head-count, and a number counts what follows it before a preposition
    assert not [
        s
        for s in signals(
            "The state labor department gave $250,000 to Harbor Technical College "
            "to train deckhands for 90 openings in the industry."
        )
        if s.rule.startswith("private_sector_leadership.prose_")
    ]
    assert PUBLIC_LEADS in counted("Members include 3 machine shops and 6 of its school districts.")


def test_grants_mentioned_in_passing_are_not_the_funding_mix() -> None:
    found = counted("The chamber received a $50,000 grant from the state for a welding camp.")
    assert ("sustainability", "red_flag") not in found
    started = counted("The county created the council with $2 million in federal relief funds.")
    assert ("sustainability", "red_flag") in started


def test_numbers_about_the_economy_are_not_results() -> None:
    assert not counted("The region's average annual wage is $61,200.")
    # a company's announced investment, a sector's jobs, a share of new jobs
    assert not counted("Harlan Castings is set to invest $12 million and create 60 new jobs.")
    assert not counted("The food and packaging sectors together employed 41,300 people.")
    assert not counted("Small firms account for 55 to 70 percent of all new jobs.")
    # the words a false friend blanks still say the sentence is about the economy
    assert not counted(
        "She noted that the state's furniture industry employs 18,200 workers and its "
        "sales grew 12% last year."
    )
    assert ("measurable_results", "supporting") in counted(
        "Enrollment in the welding program has grown from 40 students to 95."
    )


def test_a_state_and_an_opening_passive_are_actors() -> None:
    assert PUBLIC_LEADS in counted("In 2012 Nebraska ran four industry councils.")
    assert PUBLIC_LEADS in counted(
        "Led by the Harlan County Office of Economic Development, the council wrote a proposal."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The county economic development office takes the lead in this sector.",
        "The chamber hired a director to lead the initiative.",
        "For its first year the three board directors ran it.",
    ],
)
def test_public_leadership_in_other_words(sentence: str) -> None:
    assert PUBLIC_LEADS in counted(sentence)


def test_lemmas_that_spacy_keeps_as_symbols_resolve() -> None:
    """'number', 'person', 'position' are spaCy symbols: their lemma must print and match."""
    doc = checker().nlp("The numbers of persons in new positions grew.")
    assert [t.lemma_ for t in doc][1:6] == ["number", "of", "person", "in", "new"]
    # and a sentence with such a word next to a role verb checks without an error
    assert checker().check_text("Member numbers chose the priorities.", AS_OF).signals is not None


def test_a_topic_word_is_the_agenda_only_where_business_takes_it_on() -> None:
    assert BUSINESS_AGENDA in counted(
        "Member companies chose supply chain and broadband as their two priorities."
    )
    for sentence in (
        "The region has 300 supply chain firms and good broadband.",
        "The state agency chose supply chain and broadband as its priorities.",
    ):
        assert BUSINESS_AGENDA not in counted(sentence), sentence
    # a place's competitiveness or growth, a fund's name, advocacy alone, a sector's workers
    for sentence in (
        "The council works to raise the valley's economic competitiveness.",
        "The awards come from the Workforce Competitiveness Trust Fund.",
        "Its mission is outreach, education and advocacy.",
        "The coalition recruits child care teachers for the county's centers.",
    ):
        assert BUSINESS_AGENDA not in counted(sentence), sentence
    assert BUSINESS_AGENDA in counted("Members lobbied legislators for a training tax credit.")
    assert BUSINESS_AGENDA in counted("The welding course was designed by the member shops.")


def test_universities_known_by_a_short_name_are_public_partners() -> None:
    classify = checker().organizations.classify
    for name in ("Harlan State", "Penn State", "Georgia Tech", "Cal Poly"):
        seen = classify(name)
        assert seen is not None and seen.partner_type == "postsecondary", name
    # a state's nickname, and a company that ends in "Tech", are not universities
    assert classify("Ocean State") is None
    assert classify("Ridgeway Tech") is None
    assert PUBLIC_LEADS in counted("The consortium is led by Harlan State.")


def test_a_place_after_in_is_where_the_actor_is_not_the_actor() -> None:
    # the executives met, not the county
    assert PUBLIC_AGENDA not in counted(
        "Owners of clinics in Harlan County came together to identify the priorities."
    )
    assert BUSINESS_AGENDA in counted(
        "Plant managers in southwest Ohio met in March to identify opportunities."
    )
    assert PUBLIC_AGENDA in counted("The workforce board in Harlan County chose the priorities.")


def test_an_actor_in_a_phrase_of_place_or_field_is_not_the_subject() -> None:
    """ "Growth in the solar industry is creating jobs": the growth creates, not the industry;
    what comes from an actor, or a body or a number of them, is still theirs."""
    assert LEADS not in counted("Growth in the solar industry is creating a need for welders.")
    assert LEADS in counted("Dozens of employers launched the alliance.")
    assert LEADS in counted("A steering committee of nine employers sets the agenda.")
    assert LEADS in counted("Plant managers in the valley launched the alliance.")


def test_actors_joined_by_and_each_act() -> None:
    # business founding or leading with a public partner beside it is the model at work: the
    # business leads, and the public body beside it is no red flag (on real text the red flag
    # was wrong where a school and a named company "created" the work together)
    both = counted("Employers and the college launched the partnership.")
    assert LEADS in both and PUBLIC_LEADS not in both
    named = counted("Harbor High School and Acme Tool Works created the partnership.")
    assert LEADS in named and PUBLIC_LEADS not in named
    # public bodies alone, joined, each lead
    assert PUBLIC_LEADS in counted("The county and the college launched the partnership.")
    money = counted("Energy companies and foundations have invested in the consortium.")
    assert ("sustainability", "supporting") in money


def test_who_leads_through_a_preposition_or_a_second_clause() -> None:
    assert PUBLIC_LEADS in counted("The partnership reports to the county workforce council.")
    assert PUBLIC_LEADS in counted(
        "Under the leadership of the community colleges, the initiative brings employers together."
    )
    assert PUBLIC_AGENDA in counted(
        "The workforce board won a state grant and chose manufacturing as its sector."
    )
    assert PUBLIC_LEADS not in counted("Employers reported to the council that hiring is hard.")
    assert PUBLIC_LEADS in counted(
        "With leadership from the state commerce department, the task force meets monthly."
    )
    # a fronted phrase ends at its comma: the employers after it are the clause's subject
    fronted = signals("Under the leadership of the workforce board, employers meet monthly.")
    assert "private_sector_leadership.business_acts_as_leader" not in {s.rule for s in fronted}


@pytest.mark.parametrize(
    ("sentence", "expected", "not_expected"),
    [
        ("The designation covers the 31-county Upper Basin region.", "red_flag", "supporting"),
        ("Our region consists of 44 counties.", "red_flag", "supporting"),
        ("We serve an eight-county region.", "supporting", "red_flag"),
    ],
)
def test_twenty_five_or_more_counties_is_wider_than_one_labor_market(
    sentence: str, expected: str, not_expected: str
) -> None:
    found = counted(sentence)
    assert ("regional_labor_market", expected) in found
    assert ("regional_labor_market", not_expected) not in found


@pytest.mark.parametrize(
    "sentence",
    [
        # a role said with "be", either way round
        "Its chair is the president of the county economic development corporation.",
        "The Harbor Economic Development Corporation is the program lead.",
        # a person belongs to the body named after "of"; the chamber's director is the chamber's
        "The other co-chair is the executive director of the state economic development commission.",
        "The chamber's director leads the project.",
        # the partnership belongs to someone
        "The partnership is a project of the regional workforce board.",
        "The consortium, an initiative of the state college system, trains welders.",
    ],
)
def test_public_leadership_said_with_nouns(sentence: str) -> None:
    assert PUBLIC_LEADS in counted(sentence)


def test_business_leadership_said_with_nouns() -> None:
    assert LEADS in counted("The roundtable is an initiative of local manufacturers.")
    assert LEADS in counted("Its chair is the CEO of Ridgeway Fabrication Inc.")
    # a company's owner is business; the same title at a public body is not
    assert PUBLIC_LEADS in counted(
        "Its chair is the CEO of a county economic development corporation."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 40 industry, education, workforce, economic development and community organizations work together.",
        "The alliance works with state leaders, educational partners and economic development organizations.",
        "Education partners and workforce organizations support it alongside the chamber.",
    ],
)
def test_kinds_of_public_partner_listed_in_prose_are_a_team(sentence: str) -> None:
    assert ("public_partner_team", "supporting") in counted(sentence)


def test_one_kind_or_a_plan_is_not_a_team() -> None:
    assert ("public_partner_team", "supporting") not in counted(
        "State and county agencies attended the forum."
    )
    assert ("public_partner_team", "supporting") not in counted(
        "Schools and colleges will join the partnership next year."
    )


def test_what_looks_like_leading_but_is_not() -> None:
    # a place after "from" is where people are from, not the body they belong to
    assert LEADS in counted("Plant managers from Harbor County launched the partnership.")
    assert PUBLIC_LEADS not in counted(
        "Plant managers from Harbor County launched the partnership."
    )
    # reports as a noun, and reporting as telling
    assert PUBLIC_LEADS not in counted(
        "The partnership's annual reports to the state workforce board describe its progress."
    )
    assert PUBLIC_LEADS not in counted(
        "The partnership reported to the county board on its progress."
    )
    # the lead for a course leads the course
    assert PUBLIC_LEADS not in counted("The college is the lead for the welding course.")
    assert PUBLIC_LEADS in counted("The college is the lead for the partnership.")


def test_short_names_are_one_word_and_a_state_is_not_a_university() -> None:
    classify = checker().organizations.classify
    for name in ("New York State", "Great Lakes State", "Tri State"):
        assert classify(name) is None, name


def test_kinds_written_with_hyphens() -> None:
    found = signals(
        "The alliance works with post-secondary and economic development organizations."
    )
    together = [s for s in found if s.rule == "public_partner_team.partner_types_together"]
    assert together and "postsecondary" in together[0].matched


def test_those_worked_with_are_not_who_acts() -> None:
    # the board works with employers; the board, not the employers, identifies the needs
    for sentence in (
        "The regional board is working with local employers to identify the skills in demand.",
        "Students teamed up with area plant owners to create short films.",
        # along a list whose names hold numbers
        "A valley college works with K-12 and industries to create a pipeline of welders.",
    ):
        assert LEADS not in counted(sentence), sentence
        assert BUSINESS_AGENDA not in counted(sentence), sentence
    # employers acting on their own still do
    assert BUSINESS_AGENDA in counted("Local employers met to identify the priorities.")


def test_a_comma_alone_does_not_join_actors() -> None:
    # an opening phrase before the actor is not a list of actors
    assert LEADS not in counted(
        "Through the Harbor Wind Program, the state labor department drives new investment."
    )
    assert PUBLIC_LEADS in counted(
        "The chamber, the college and the county launched the partnership."
    )


def test_schools_of_a_university_and_state_workforce_systems_are_public() -> None:
    classify = checker().organizations.classify
    for name, kind in (
        ("Harlan University School of Nursing", "postsecondary"),
        ("Medical School of Harbor", "postsecondary"),
        ("Oklahoma Works", "workforce"),
    ):
        seen = classify(name)
        assert seen is not None and seen.sector == "public" and seen.partner_type == kind, name
    # a company named for its iron works is still a company
    seen = classify("Harbor Iron Works")
    assert seen is not None and seen.sector == "business"
    assert PUBLIC_LEADS in counted("The Harlan University School of Nursing launched the alliance.")


def test_a_hospital_named_for_its_university_is_a_hospital() -> None:
    classify = checker().organizations.classify
    for name in (
        "University of Harbor St. Luke Medical Center",
        "Harlan State University Hospital",
    ):
        seen = classify(name)
        assert seen is not None and seen.sector == "business", name
    # the type's own words end the name: still a university, a college
    for name in ("Harbor Institute of Technology", "Harlan College of Nursing and Health Care"):
        seen = classify(name)
        assert seen is not None and seen.partner_type == "postsecondary", name


def test_a_singular_noun_before_a_base_verb_is_one_noun() -> None:
    # "industry support", "hospital staff": a compound noun, not a subject and its verb
    for sentence in (
        "The hub is the region's main provider of industry support services.",
        "Its four areas are policy, industry support and talent.",
    ):
        assert LEADS not in counted(sentence), sentence
    # a singular subject takes the -s form; a past tense can look like the base
    assert LEADS in counted("The company leads the partnership.")
    assert LEADS in counted("The industry set its own priorities in March.")
    # staff take a plural verb
    assert PUBLIC_LEADS in counted("College staff run the partnership.")


def test_how_long_ago_a_partnership_began_in_other_words() -> None:
    assert_found_only_in(
        ("sustainability", "supporting"),
        holds=(
            "The association, which was founded almost four decades ago, meets monthly.",
            "The network formed eight years ago as a trial, and members still pay dues.",
            "Highlights of the partnership's eleventh year included its first graduates.",
            "Year founded: 2009",
            "Since its launch in 2014, the alliance has grown every year.",
        ),
        # too recent, or another body's age
        lacks=(
            "The council was formed two years ago.",
            "The company was founded four decades ago.",
            "The plant is in its twelfth year.",
        ),
        as_of=date(2026, 11, 28),
    )
    # the same words on an earlier date
    assert ("sustainability", "supporting") not in counted("Year founded: 2009", date(2010, 6, 1))


def test_whose_program_the_partnership_is_said_with_a_possessive() -> None:
    assert PUBLIC_LEADS in counted("The partnership is the workforce board's program.")
    assert PUBLIC_LEADS in counted(
        "The Harbor Partnership, the college's sector initiative, meets monthly."
    )
    assert LEADS in counted("The alliance is the manufacturers' own initiative.")
    # the college's program is not the partnership
    assert PUBLIC_LEADS not in counted("Students praised the college's program.")


def test_what_a_second_reading_found() -> None:
    # two subjects joined by "and" take the base form: not a compound noun
    assert LEADS in counted("Area employers and the hospital lead the alliance.")
    assert PUBLIC_LEADS in counted("The workforce board and the chamber lead the partnership.")
    # an opening phrase is not an apposition naming the partnership's owner
    assert PUBLIC_LEADS not in counted(
        "Through the partnership, the college's nursing program added 40 seats."
    )
    # those worked with, named with several words, are not who acts
    assert ("industry_driven_agenda", "red_flag") not in counted(
        "Employers worked with the workforce board to set the priorities."
    )
    # anything's age is not the partnership's; a story of the past stays one
    today = date(2026, 11, 28)
    for sentence in (
        "The drought, now in its fifth year, hurt growers.",
        "The decline of local manufacturing began three decades ago.",
    ):
        assert ("sustainability", "supporting") not in counted(sentence, today), sentence
    formerly = signals("Formerly, the coalition, formed twelve years ago, met monthly.")
    assert all(s.context != "asserted" for s in formerly if s.rule == "sustainability.has_lasted")
    # students of a college are not the partnership's members
    assert PUBLIC_LEADS not in counted("A group of college students toured the plant.")
    # meeting demand is a result's context, not market data
    assert ("measurable_results", "supporting") in counted(
        "The program placed 120 graduates in jobs last year, meeting demand for nurses."
    )


def test_one_county_named_as_the_place_of_the_work() -> None:
    assert_found_only_in(
        ("regional_labor_market", "red_flag"),
        holds=(
            "The alliance helps manufacturers find welders in Lorain County.",
            "Its members meet monthly about Dade County's health workforce.",
            "Grady County employers meet every quarter.",
        ),
        lacks=(
            # a body's name or address is not where the work is
            "The Lorain County Workforce Board hosted the meeting.",
            "Classes run at the Community College of Lorain County's west campus.",
            "Students train at Pine High School in Grady County.",
            # a wider footprint said anywhere wins
            "Firms in Lorain County and Erie County joined.",
            "The partnership serves a five-county region around Lorain County.",
        ),
    )


def test_how_long_it_has_run_said_with_a_perfect_verb() -> None:
    assert_found_only_in(
        ("sustainability", "supporting"),
        holds=(
            "The guild has trained machinists for local shops since 1961.",
            "Since 2015, the roundtable has brought plant managers together each month.",
            "The coalition has grown steadily since 2012.",
            # a group that began meeting is the partnership beginning
            "Clinic owners and teachers began talking about staffing in 2009.",
            "Area growers began meeting in 2011.",
        ),
        lacks=(
            "Apprenticeship enrollment has fallen since 2015.",  # a number's change, no one's age
            "Since 2015, the college has trained 500 nurses.",  # another body's own history
            "The guild has trained machinists since 2024.",  # too recent to say it lasts
            "The company began working on a new plant in 2010.",  # one company's own history
            "The jobless rate has been below four percent since 2014.",  # how a rate has been
            "The hangar has sat vacant for more than eight years.",  # a span of no one's work
        ),
        as_of=date(2026, 11, 28),
    )


def test_a_group_is_who_it_is_made_of() -> None:
    assert LEADS in counted("The roundtable was started by a group of plant managers.")
    assert LEADS in counted("It was launched in March 2019 by a group of clinic leaders.")
    assert PUBLIC_LEADS in counted("The network was created by a coalition of colleges.")
    # a chair who runs a company, said in one person's titles
    assert LEADS in counted(
        "Ray Ortiz, owner of Ortiz Millwork and co-chair of the roundtable, spoke."
    )
    assert LEADS not in counted(
        "Ray Ortiz, owner of Ortiz Millwork and chair of the county workforce board, spoke."
    )


def test_what_is_sought_or_expected_is_not_yet_so() -> None:
    assert LEADS not in counted(
        "The college expects eight more employers to sign on in coming months."
    )
    assert LEADS not in counted("The college is seeking employers to take part in the program.")
    assert ("measurable_results", "supporting") not in counted(
        "The goal for the grant is to train 200 apprentices in four years."
    )
    # students counted are not public partners, whatever district they come from
    assert PUBLIC_LEADS not in counted(
        "About 900 students from the Pine County School District met 30 builders from local firms."
    )


def test_an_institution_holding_an_industry_word_is_no_company() -> None:
    """A research institute, an extension service, a foundation or a programme named for an
    industry ("... Manufacturing Institute") is not a business leading; a company is."""
    classify = checker().organizations.classify
    for name in (
        "Advanced Composites Manufacturing Institute",
        "Larch County Cooperative Extension",
        "Center for Integrated Manufacturing Studies",
        "Building Trades Careers Foundation",
        "Precision Machining Training Program",
    ):
        seen = classify(name)
        assert seen is None or seen.sector != "business", name
    for name in ("Hollis Precision Manufacturing", "Hollis Tool Institute, Inc."):
        seen = classify(name)
        assert seen is not None and seen.sector == "business", name


def test_a_places_possessive_says_where_the_actors_are_not_whose() -> None:
    """ "led by the region's employers" is business leading: the region, the state or the county
    before "'s" is where the employers are, not a public body that owns them."""
    by_business = (
        "The hub is steered by the region's employers.",
        "The coalition was started by the state's hospitals in 2019.",
    )
    by_county = ("The county launched the network.",)
    assert_found_only_in(
        LEADS,
        holds=(*by_business, "Nebraska's trucking companies founded the network."),
        lacks=by_county,
    )
    assert_found_only_in(
        PUBLIC_LEADS,
        holds=(*by_county, "The county's workforce board launched the network."),
        lacks=by_business,
    )


def test_a_state_at_the_end_of_a_name_is_the_names() -> None:
    """ "the Boat Builders Guild of Oregon runs it": "of Oregon" belongs to the name; the state
    itself did nothing (it read as a public body leading)."""
    assert PUBLIC_LEADS not in counted("The Boat Builders Guild of Oregon runs the network.")
    assert PUBLIC_LEADS in counted("Oregon runs the network through its labor department.")


def test_how_long_and_who_pays_as_the_real_passages_said_it() -> None:
    today = date(2026, 11, 28)
    lasted = ("sustainability", "supporting")
    assert_found_only_in(
        lasted,
        holds=(
            "The growers' council has met for more than a decade.",
            "Since 2011 the roundtable has placed welders in member shops.",
            "The coalition, launched in 2016, still meets each quarter.",
        ),
        lacks=(
            # a number's change since a year is no one's age, with or without a comma
            "Since 2019 enrolment has fallen by a third.",
            "Since 2019, enrolment has fallen by a third.",
            # a start too recent to say anything
            "The coalition, launched in 2025, meets each quarter.",
        ),
        as_of=today,
    )
    # a company's money said as a sum is its own contribution; a college's is not business's
    assert_found_only_in(
        lasted,
        holds=("A regional bank has given $40,000 to the training fund.",),
        lacks=("The college gave $5,000 to the academy.",),
        as_of=today,
    )


def test_issues_beyond_hiring_are_the_agenda_only_where_business_takes_them_on() -> None:
    assert_found_only_in(
        BUSINESS_AGENDA,
        holds=(
            "Orchard owners chose farmworker housing as their first issue.",
            "The member mills explored joint purchasing of saw blades.",
        ),
        lacks=(
            # the topic alone: a region's growth, a state program, a company's name, a degree
            "The valley's competitiveness depends on its roads.",
            "The state launched a supplier development initiative for small plants.",
            "Ridgeline Automation hosted the second tour.",
            "Graduates earn a degree in automation technology.",
            "Manufacturers face supply chain bottlenecks this year.",
        ),
    )


def test_a_cause_and_work_described_as_industry_driven_are_no_leader() -> None:
    assert_found_only_in(
        LEADS,
        holds=(
            "It is a grower-driven group.",
            "Hospital CEOs led the effort to form the alliance.",
        ),
        lacks=(
            "Years of mill closures have led to job losses across the valley.",
            "We offer employer-driven workforce training for maintenance staff.",
            "The work needs strong industry-driven perspectives.",
        ),
    )


def test_schools_and_development_bodies_named_the_way_local_news_names_them() -> None:
    classify = checker().organizations.classify
    for name, kind in (
        ("the tech school", "k12"),
        ("a vocational school", "k12"),
        ("adult education", "k12"),
        ("Development authorities", "economic_development"),
    ):
        seen = classify(name)
        assert seen is not None and seen.partner_type == kind, name
    assert ("public_partner_team", "supporting") in counted(
        "Two development authorities, a chamber and the tech school take part in the cluster."
    )


def test_after_by_a_possessive_names_who_acts() -> None:
    """ "led by the county's employers": the employers lead, not the county; the owner's own
    people or named unit act for the owner; a thing the owner has ("the governor's plan") is no
    actor at all."""
    assert_found_only_in(
        LEADS,
        holds=("The roundtable is led by the valley's orchard owners.",),
        lacks=("Meetings are chaired by the workforce board's executive director.",),
    )
    assert_found_only_in(
        PUBLIC_LEADS,
        holds=(
            "Meetings are chaired by the workforce board's executive director.",
            "The effort is led by Harbor State University's Institute for Boat Design.",
        ),
        lacks=(
            "The academy's work is guided by the governor's plan for the state's economy.",
            "The academy's work is guided by the governor's workforce strategy.",
            "The roundtable is led by the valley's orchard owners.",
            "Led by the county's manufacturers, the partnership trains machinists.",
        ),
    )


def test_a_fronted_founding_is_the_main_clauses_subjects() -> None:
    """ "Founded in 1946, the college is ...": the college's age, not the partnership's."""
    assert_found_only_in(
        ("sustainability", "supporting"),
        holds=(
            "Founded in 2009, the alliance now counts 40 member shops.",
            # the college named is what the clause says is a partnership
            "Begun in 2001, Harbor College is a partnership of boat builders and schools.",
            # effort that has gone on is no aim
            "Over the past seven years, we've been trying to build this pipeline.",
        ),
        lacks=(
            "Founded in 1946, Harbor State University is a leader in marine training.",
            # a member's own founding, though the clause names the partnership after its verb
            "Established in 1921, Acme Tool Works employs 400 machinists and sits on the "
            "partnership's board.",
            "Founded in 1902 as a machine shop, Baker Industries chairs the partnership.",
            "Established in 1990, the workforce board launched the sector partnership in 2020.",
        ),
    )


def test_a_state_labor_department_is_workforce_a_federal_one_is_no_partner() -> None:
    """ "the state labor department" sits at the table; "the U.S. Labor Department" pays or
    rules from afar. ("Department of Labor" alone is most often the federal funder in news of
    a grant, so it names no type.)"""
    seen = checker().organizations.classify("the state labor department")
    assert seen is not None and seen.partner_type == "workforce"
    team = ("public_partner_team", "supporting")
    assert_found_only_in(
        team,
        holds=(
            "The committee includes the state labor department, the technical college and "
            "a dozen manufacturers.",
        ),
        lacks=("The college won a grant from the U.S. Labor Department for its welding lab.",),
    )


def test_a_state_average_is_a_yardstick_not_a_footprint() -> None:
    assert_found_only_in(
        ("regional_labor_market", "red_flag"),
        holds=("The alliance recruits welders statewide.",),
        lacks=("Graduates earn almost double the statewide average wage.",),
    )


def test_an_industrys_association_named_for_its_county_is_business() -> None:
    """ "Harbor County Manufacturers Association" is the manufacturers' body; the county names
    where it is. A county's own commission, or a chamber, is still public."""
    classify = checker().organizations.classify
    for name, sector in (
        ("Harbor County Manufacturers Association", "business"),
        ("Pell County Dental Society", "business"),
        ("Home Builders Association of Greater Harbor County", "business"),
        ("Harbor County Commission", "public"),
        ("Harbor County Business Association", "public"),
    ):
        seen = classify(name)
        assert seen is not None and seen.sector == sector, name
    assert_found_only_in(
        PUBLIC_LEADS,
        holds=("The Harbor County Commission launched the partnership in 2019.",),
        lacks=("The Harbor County Manufacturers Association launched the partnership in 2019.",),
    )


def test_a_group_of_mixed_sectors_is_no_business_leader() -> None:
    """Business joined to another sector in one group ("public and private partners", "a
    consortium of educators and industry members") is neither business nor a public body acting
    alone; business alone still leads."""
    for rule in (LEADS, BUSINESS_AGENDA):
        assert_found_only_in(
            rule,
            holds=(
                "Private partners started the welding network in 2018.",
                "A consortium of industry members started the welding network in 2018.",
            ),
            lacks=(
                "Public and private partners started the welding network in 2018.",
                "Public-private partners started the welding network in 2018.",
                "A consortium of teachers and industry members started the welding network in 2018.",
                "Education and business leaders started the welding network in 2018.",
            ),
        )


def test_what_a_future_verbs_subject_names_is_not_yet_so() -> None:
    assert_found_only_in(
        ("shared_action_plan", "supporting"),
        holds=("Four action teams met every month last year.",),
        lacks=("Four action teams will meet every month.",),
    )


def test_counted_or_standing_committees_are_teams_doing_the_work() -> None:
    assert_found_only_in(
        ("shared_action_plan", "supporting"),
        holds=(
            "Each of the four committees has taken one of the priorities.",
            "Its standing committees cover outreach, training and data.",
        ),
        lacks=("The hospital association's committees meet monthly.",),
    )


def test_a_training_programme_named_for_careers_is_no_company() -> None:
    """ "Harbor Construction Careers hosts a two-week course": a programme's name holding an
    industry word is no business taking part (organizations.yaml institution_heads)."""
    assert LEADS not in counted("Harbor Construction Careers hosts a two-week course for adults.")
    assert ("private_sector_leadership", "supporting") not in counted(
        "Valley Manufacturing Pathways hosts a summer camp for students."
    )


def test_what_an_employer_driven_session_or_model_describes_is_work() -> None:
    for sentence in (
        "The council is holding employer-driven sessions to find the region's strengths.",
        "Both boards chose the industry-driven model for the apprenticeship.",
    ):
        assert LEADS not in counted(sentence), sentence
