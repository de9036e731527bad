"""Who does what: an actor of a kind (business, public body, the partnership itself, a
grantmaker) doing a role (lead, found, convene, decide, fund, take part), in any voice.

"Employers chose three priorities", "the effort was launched by Starn Tool and the
chamber", "an employer-led group", "Workforce Development Boards 83 and 81 convened it":
the role's verb is found by its lemma over the whole Doc at once; the actor is looked for
before an active verb, after "by" for a passive one, or before the hyphen of "X-led", never
across a clause boundary. Rules (`roles:` in lexicons/indicators) say what each actor kind
and role is evidence of; the vocabulary is `lexicons/shared/roles.yaml`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from nextgen_assistant.signals.extractors.organizations import OrganizationClassifier
from nextgen_assistant.signals.lexemes import WordSpecs
from nextgen_assistant.signals.lexicon import Lexicons
from nextgen_assistant.signals.matching import RuleMatch
from nextgen_assistant.signals.model import OrganizationSeen
from nextgen_assistant.signals.pipeline import Word, doc_tokens, lemma_table, text_of, tokens_text

# "Higher Education Coordinating Commission (HECC)": a name, then its acronym in brackets.
_ACRONYM = re.compile(
    r"((?:[A-Z][\w.&'-]*\s+(?:(?:of|and|for|the|&)\s+)?){1,8})\(([A-Z][A-Za-z&]{1,9})\)"
)
_NAME_JOINERS = frozenset({"of", "and", "for", "the", "&", "on", "at"})
# Words before a noun: "the staff", "its chair", "a host", "mid-level staff" are not verbs.
_NOUN_BEFORE = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "their",
        "our",
        "his",
        "her",
        "this",
        "these",
        "those",
        "each",
        "every",
        "any",
        "no",
        "some",
        "'s",
        "’s",
        "level",
        "-",
        "of",
        "new",
        "full",
        "part",
        "time",
    }
)
# Words that may stand between an actor and its verb: "employers have also chosen",
# "the college will jointly lead".
_AUXILIARIES = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "to",
        "not",
        "n't",
        "also",
        "still",
        "already",
        "again",
        "often",
        "always",
        "even",
        "then",
        "now",
        "first",
        "jointly",
        "each",
        "all",
        "both",
        "together",
        "recently",
        "soon",
        "later",
        "further",
        "personally",
        "collectively",
        "themselves",
        "who",
        "that",
        # "growers came together to found it", "companies banded together to form it"
        "came",
        "come",
        "banded",
        "teamed",
        "joined",
        "up",
    }
)
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# How far back along a list of partners "with" may stand before the actor it makes a partner.
_LIST_REACH = 30
# A prepositional phrase an actor may carry before its verb: "manufacturers in the region chose".
# Words that join or open a clause after a noun phrase ("the county's employers and the college").
_CLAUSE_WORDS = frozenset({"and", "or", "but", "to", "with", "who", "which"})
_PREPOSITIONS = frozenset(
    {"in", "from", "of", "across", "at", "throughout", "around", "within", "on"}
)
_LOCATIVE = frozenset({"in", "from", "across", "throughout", "around", "within"})
_HIRE_VERBS = frozenset({"hire", "appoint", "engage", "contract", "task", "charge", "retain"})
_FEW = frozenset({"only", "few", "no", "handful"})
# Prepositions of place or field: an actor after one of them, behind a common noun, is not the
# subject ("advancements in the biotech industry are creating a need").
_DOMAIN = frozenset({"in", "within", "across", "throughout", "around", "at", "on", "for"})
_PASSIVE_SKIP = frozenset({"jointly", "originally", "first", "also", "largely", "mainly", "solely"})


def _is_one_of(words: frozenset[str], token: Token) -> bool:
    """Whether the word (its written form or its base form) is one of `words`."""
    return token.lower_ in words or token.lemma_ in words


class Tokens(list[Word]):
    """A Doc's tokens as `Word`s, read from a list (a Token made at every look costs more than
    the look), and the Doc for its text."""

    __slots__ = ("doc",)

    def __init__(self, doc: Doc) -> None:
        super().__init__(doc_tokens(doc))
        self.doc = doc

    def text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as a Span of them gives it."""
        return tokens_text(self.doc, start, end)


@dataclass(frozen=True)
class Actor:
    """An actor found at tokens [start, end)."""

    kind: str | None  # None: someone of no known kind (a person's name, an unknown body)
    start: int
    end: int


class ActorRoleFinder:
    """Finds the rules whose `roles:` triggers hold in a Doc."""

    def __init__(
        self,
        nlp: Language,
        lexicons: Lexicons,
        organizations: OrganizationClassifier,
        words: WordSpecs | None = None,
    ) -> None:
        roles = lexicons.roles
        classes = lexicons.vocabulary.classes
        self._organizations = organizations
        self._classified: dict[str, OrganizationSeen | None] = {}
        # The last words of public bodies' names ("board" of "workforce development board"):
        # where one is written in lower case, the words before it are classified as a name.
        names = [n for names in lexicons.organizations.public_types.values() for n in names]
        self._name_heads = {
            n.split()[-1].lower()
            for n in [*names, *lexicons.organizations.other_public]
            if n.split()[-1].isalpha() and len(n.split()[-1]) > 3
        }
        self._verb_role = {verb: role for role, verbs in roles.roles.items() for verb in verbs}
        # A role verb is found by its written forms, from the lemma table. The "-ing" forms
        # ("meeting", "funding", "founding members") are nouns far more often than verbs: they
        # count only after a form of "be" ("the board is leading the effort").
        self._answer_to = set(roles.answer_to_verbs)
        self._under = set(roles.under_nouns)
        self._owner_nouns = set(roles.owner_nouns)
        self._role_nouns = set(roles.role_nouns)
        self._role_noun_modifiers = frozenset(roles.role_noun_modifiers) | set(
            roles.partnership_nouns
        )
        self._telling = set(roles.telling_words)
        self._co_agent = frozenset(roles.co_agent_words)
        self._collective = frozenset(roles.collective_nouns)
        self._openers = frozenset(roles.sentence_openers)
        self._plural_nouns = frozenset(roles.plural_nouns)
        self._past_as_base = frozenset(roles.past_as_base)
        self._clause_verbs = set(roles.clause_verbs)
        forms = (
            {
                form
                for verb in [*self._verb_role, *self._answer_to]
                for form in [verb, *lemma_table().forms_of(verb)]
            }
            | self._under
            | self._owner_nouns
        )
        strings = nlp.vocab.strings
        self._verb_hashes = numpy.array(sorted({strings.add(f) for f in forms}), dtype=numpy.uint64)
        # With the checker's word table, a role verb's forms are a flag decided once per word.
        self._words = words
        verb_set = set(self._verb_hashes.tolist())
        self._verb_flag = (
            words.flag(lambda token: token.lower in verb_set) if words is not None else None
        )
        self._business = set(classes.get("business_nouns", []))
        self._people = set(classes.get("people_nouns", []))
        self._quantities = set(roles.quantity_nouns)
        self._mixed = frozenset(roles.mixed_words)
        self._not_paid_for = set(roles.not_paid_for)
        self._not_money = set(roles.not_money)
        self._own_work = set(roles.own_work)
        self._bodies = set(classes.get("body_nouns", []))  # "a committee of eight employers"
        self._modifiers = set(roles.industry_modifiers) | set(classes.get("business_modifiers", []))
        self._public = set(roles.public_nouns)
        self._places = set(roles.place_nouns)
        self._states = set(classes.get("state_names", []))
        self._directions = set(classes.get("direction_words", []))
        self._self = set(roles.partnership_nouns)
        self._trade_bodies = set(roles.trade_bodies)
        self._trade_words = set(roles.trade_words)
        self._grantmaker = set(roles.grantmaker_words)
        self._objects = {name: set(words) for name, words in roles.objects.items()}
        self._stops = set(roles.stop_words)
        self._program_words = set(roles.program_words)
        # what an "X-driven" may describe that is work, not the partnership it would lead
        self._work_words = frozenset(roles.work_words) | self._objects.get("content", set())
        self._gather_verbs = set(roles.gather_verbs)
        self._choose_to = set(roles.choose_to_verbs)
        self._time_openers = set(roles.time_openers)
        self._time_nouns = set(roles.time_nouns)
        self._actor_reach = roles.actor_reach
        self._object_reach = roles.object_reach
        self._triggers: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
        for rule in lexicons.rules:
            for trigger in rule.roles:
                self._triggers.setdefault((trigger.actor, trigger.role), []).append(
                    (rule.id, trigger.object)
                )
        # A role whose every rule wants an object of some classes ("give": resources) holds only
        # in a sentence holding such a word: found once per word, so a common verb ("provide",
        # "offer") in a sentence without one costs no search for its actor.
        self._object_flags: dict[str, int] = {}
        if words is not None:
            for role in roles.roles:
                wanted = {
                    w
                    for (_, r), triggers in self._triggers.items()
                    if r == role
                    for _, w in triggers
                }
                if not wanted or None in wanted or wanted & {"effort", "agenda"}:
                    continue
                needed = frozenset(word for w in wanted if w for word in self._objects[w])
                self._object_flags[role] = words.flag(partial(_is_one_of, needed))

    def __call__(self, doc: Doc, sentences: list[tuple[int, int]]) -> list[RuleMatch]:
        """Every role rule that holds, as matches over the actor and the verb."""
        if not self._triggers or not len(doc):
            return []
        if self._words is not None and self._verb_flag is not None:
            at = self._words.of(doc).places(self._verb_flag)
        else:
            at = numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), self._verb_hashes)).tolist()
        if not len(at):
            return []
        acronyms = self._acronyms(doc)
        tokens = Tokens(doc)
        starts = [start for start, _ in sentences]
        objects = (
            {role: self._words.of(doc).places(flag) for role, flag in self._object_flags.items()}
            if self._words is not None
            else {}
        )
        found: list[RuleMatch] = []
        for position in at:
            which = bisect_right(starts, position) - 1
            if which < 0:
                continue
            sentence = sentences[which]
            if position >= sentence[1]:
                continue
            found += self._at_verb(tokens, int(position), sentence, acronyms, objects)
        return found

    # --- one verb ---------------------------------------------------------------------------
    def _at_verb(
        self,
        tokens: Tokens,
        verb: int,
        sentence: tuple[int, int],
        acronyms: dict[str, str | None],
        objects: dict[str, list[int]],
    ) -> list[RuleMatch]:
        token = tokens[verb]
        start, end = sentence
        if token.lemma_ in self._answer_to or token.lower_ in self._under:
            return self._led_through(tokens, verb, sentence, acronyms)
        if token.lower_ in self._owner_nouns:
            return self._owned_by(tokens, verb, sentence, acronyms)
        role = self._verb_role.get(token.lemma_) or self._verb_role.get(token.lower_)
        places = objects.get(role) if role is not None else None
        if places is not None:
            first = bisect_right(places, start - 1)
            if first >= len(places) or places[first] >= end:
                return []  # no word in the sentence its object could be
        if role == "lead" and token.lower_ in self._role_nouns:
            equative = self._equative(tokens, verb, sentence, acronyms)
            if equative is not None:
                return equative
        took_the_lead = (
            role == "lead"
            and verb - 2 >= start
            and tokens[verb - 1].lower_ == "the"
            and tokens[verb - 2].lemma_ == "take"
        )
        if role is None or (not took_the_lead and self._noun_here(tokens, verb, start, end)):
            return []
        if token.lower_.endswith("ing") and not self._progressive(tokens, verb, start):
            return []
        if token.lower_ == "found" and not (
            verb > start and tokens[verb - 1].lower_ in {"to", "-"}
        ):
            return []  # "the alliance has found that ...": the past of "find", not founding
        if (
            role == "lead"
            and not took_the_lead
            and verb + 1 < end
            and tokens[verb + 1].lower_ == "to"
            and tokens[verb].lemma_ == "lead"
        ):
            return []  # "decades of decline have led to job loss": a cause, not a leader
        if role == "fund":
            to = verb + 1
            while to < end and tokens[to].lower_.endswith("ly") and tokens[to].is_alpha:
                to += 1  # "contribute significantly to local growth"
            if (
                to < end
                and tokens[to].lower_ == "to"
                and any(
                    tokens[after].lower_ in self._not_paid_for
                    for after in range(to + 1, min(end, to + 5))
                )
            ):
                return []  # "industries that contribute to the economy": no one is paid
            if any(
                tokens[after].lower_ in self._not_money for after in range(to, min(end, to + 3))
            ):
                return []  # "farmers contribute practical insight": no money is given
        if (token.is_title or (token.is_upper and len(token.text) > 1)) and verb > start:
            # a headline ("Fremont County Launches Partnership", "COLLEGE AND FIRMS LAUNCH
            # TRAINING"): no grammar to read
            return []
        actors: list[Actor]
        passive = self._by_after(tokens, verb, end, through=role == "fund")
        if passive is not None:
            actors = self._actors_after(tokens, passive + 1, end, acronyms)
            object_side = -1
        elif verb - 2 >= start and tokens[verb - 1].text == "-" and tokens[verb - 2].lower_ != "co":
            if self._describes_program(tokens, verb, end):
                return []  # "an industry-driven program": a program's, not the partnership's
            if role in ("lead", "found", "decide") and any(
                tokens[after].lower_ in self._work_words
                for after in range(verb + 1, min(end, verb + 3))
            ):
                # "employer-driven workforce training", "strong industry-driven perspectives":
                # what is taught or thought is not led ("employer-paid training" is paid for)
                return []
            actor = self._actor_at(tokens, verb - 2, start, acronyms)  # "employer-led"
            actors = [actor] if actor is not None else []
            object_side = 1
        else:
            left = (
                verb - 2
                if verb - 2 >= start
                and tokens[verb - 2].lower_ in ("co", "take", "takes", "took", "taken")
                else verb
            )
            actor = self._actor_before(tokens, left, start, acronyms)
            if (
                (actor is None or actor.kind is None)
                and verb - 1 > start
                and tokens[verb - 1].lower_ == "to"
            ):
                actor = self._purpose_of(tokens, verb - 1, start, acronyms) or actor
            if actor is not None and self._compound_noun(tokens, actor, verb, start):
                return []  # "industry support services", "hospital staff": one noun, no verb
            actors = [actor] if actor is not None else []
            if actor is not None and actor.kind not in (None, "partnership"):
                actors += self._joined_before(tokens, actor, start, acronyms)
            if (
                actors
                and tokens[verb - 1].lower_ == "to"
                and self._with_whom(tokens, actors, start)
            ):
                # "the board is working with employers to identify needs": those it works with
                # are not who identifies
                return []
            object_side = 1
        if role == "found" and passive is None and self._intransitive(tokens, verb, end):
            return []  # "the partnership began in 2015": what began is the actor's own story
        if role == "found" and passive is None and self._own_activity(tokens, verb, end):
            return []  # "when the plant begins operations": the business's own work
        if role in ("lead", "found") and {"business", "public"} <= {a.kind for a in actors}:
            # "five manufacturers and the school district launched it", "created by the college
            # and member companies": business leading or founding with public partners beside
            # it is the model at work, not a public body in charge
            actors = [a for a in actors if a.kind != "public"]
        matches: list[RuleMatch] = []
        for actor in actors:
            if actor.kind is None:
                continue
            for rule_id, wanted in self._triggers.get((actor.kind, role), []):
                # "Led by the county, the consortium ...": a passive that opens the sentence has
                # its object after the actor.
                if passive is not None and verb == start:
                    where, side = actor.end, 1
                else:
                    where, side = verb, object_side
                if wanted is not None and not self._object(
                    tokens, where, side, sentence, wanted, actor.kind
                ):
                    continue
                # Before an active verb, the match is the verb alone: a cue between the actor and
                # the verb ("employers do not pay") then sets its context.
                first = verb if actor.start < verb and passive is None else min(actor.start, verb)
                matches.append(RuleMatch(rule_id, first, max(actor.end, verb + 1), "role"))
        return matches

    def _equative(
        self, tokens: Tokens, noun: int, sentence: tuple[int, int], acronyms: dict[str, str | None]
    ) -> list[RuleMatch] | None:
        """A role said with "be": "its chair is the CEO of Ridgeway Tool", "the other co-chair
        is the director of the county EDC", "the Harbor EDC is the program lead", "the college
        serves as the lead". None when the noun is not in such a clause."""
        start, end = sentence
        actors: list[Actor] = []
        before = noun - 1
        while before > start and tokens[before].lower_ in self._role_noun_modifiers:
            before -= 1
        be = self._be_after_role_noun(tokens, noun, end)
        if (
            be is not None
            and before >= start
            and tokens[before].lower_
            in {"its", "their", "our", "the", "other", "his", "her", "'s", "’s"}
        ):
            actors = self._actors_after(tokens, be + 1, end, acronyms)
        elif (
            before - 1 >= start
            and tokens[before].lower_ == "the"
            and (tokens[before - 1].lower_ in _BE or tokens[before - 1].lower_ == "as")
        ):
            link = before - 1
            if (
                tokens[link].lower_ == "as"
                and link - 1 >= start
                and tokens[link - 1].lemma_ in {"serve", "act"}
            ):
                link -= 1
            actor = self._actor_before(tokens, link, start, acronyms)
            actors = [actor] if actor is not None else []
        else:
            return None
        # "the lead for the welding course": what follows says what is led ("the chair of the
        # council is ..." has said it already).
        led_after = (
            be is None
            and noun + 1 < end
            and tokens[noun + 1].lower_ in {"for", "of", "on", "in", "over"}
        )
        # The match starts at the noun: an actor before it is left out, as before an active
        # verb (a company's name there is not itself a statement: false friends).
        return self._leading(
            actors,
            noun,
            (lambda actor, wanted: self._object(tokens, noun, 1, sentence, wanted, actor.kind))
            if led_after
            else None,
        )

    def _describes_program(self, tokens: Tokens, verb: int, end: int) -> bool:
        """Whether an "X-led" or "X-driven" describes a program: "an industry-driven program",
        "an employer-driven workforce development program" (the noun it describes may come a
        few words on; the partnership's own noun, or a comma, ends the search)."""
        for after in range(verb + 1, min(end, verb + 5)):
            word = tokens[after]
            if word.lower_ in self._program_words:
                return True
            if not word.is_alpha or word.lower_ in self._self:
                return False
        return False

    def _be_after_role_noun(self, tokens: Tokens, noun: int, end: int) -> int | None:
        """Where "be" follows a role noun: "its chair is", or "the chair of the council is"
        (the "of" phrase naming the partnership, not a program it runs)."""
        if noun + 1 < end and tokens[noun + 1].lower_ in _BE:
            return noun + 1
        if noun + 1 < end and tokens[noun + 1].lower_ == "of":
            names_self = False
            for at in range(noun + 2, min(end, noun + 8)):
                word = tokens[at]
                if word.lower_ in _BE:
                    return at if names_self else None
                if not (word.is_alpha or word.lower_ in {"'s", "’s", "-"}):
                    return None
                names_self = names_self or word.lower_ in self._self
        return None

    def _owned_by(
        self, tokens: Tokens, noun: int, sentence: tuple[int, int], acronyms: dict[str, str | None]
    ) -> list[RuleMatch]:
        """The partnership said to belong to someone: "the alliance is an initiative of the
        county EDC", "the consortium, a project of local manufacturers, ...". The noun follows
        "is a" (or a comma and "a") and is followed by "of"; the partnership is before it."""
        start, end = sentence
        if not (noun + 1 < end and tokens[noun + 1].lower_ == "of"):
            return self._owned_by_possessive(tokens, noun, sentence, acronyms)
        before = noun - 1
        while (
            before > start
            and tokens[before].is_alpha
            and tokens[before].lower_
            not in _BE
            | {
                "a",
                "an",
                "the",
            }
        ):
            before -= 1  # "a new regional initiative of"
        if not (before > start and tokens[before].lower_ in {"a", "an", "the"}):
            return []
        if not self._partnership_is(tokens, before, sentence):
            return []
        return self._leading(self._actors_after(tokens, noun + 2, end, acronyms), noun)

    def _owned_by_possessive(
        self, tokens: Tokens, noun: int, sentence: tuple[int, int], acronyms: dict[str, str | None]
    ) -> list[RuleMatch]:
        """The same said with a possessive: "the partnership is the workforce board's program",
        "the Harbor Partnership, the college's sector initiative, ..."."""
        start = sentence[0]
        mark = next(
            (
                p
                for p in range(noun - 1, max(start, noun - 5), -1)
                if tokens[p].lower_ in ("'s", "’s")
                or (tokens[p].text in ("'", "’") and tokens[p - 1].lower_.endswith("s"))
            ),
            None,
        )
        if mark is None or any(
            not tokens[p].is_alpha and tokens[p].text != "-" for p in range(mark + 1, noun)
        ):
            return []
        owner = self._actor_at(tokens, mark - 1, start, acronyms)
        if owner is None or owner.kind is None or owner.end != mark:
            return []
        before = next(
            (p for p in range(mark - 1, max(start, mark - 5), -1) if tokens[p].lower_ == "the"),
            None,
        )
        if before is None or before <= start or not self._partnership_is(tokens, before, sentence):
            return []
        return self._leading([owner], noun)

    def _partnership_is(self, tokens: Tokens, article: int, sentence: tuple[int, int]) -> bool:
        """What comes before "is a ..." or ", the ..." at `article` is the partnership."""
        link = tokens[article - 1].lower_
        if link not in _BE and link not in {",", "as", "—", "–"}:
            return False
        if link == "," and tokens[sentence[0]].lower_ in self._openers:
            return False  # "Through the partnership, the college's program ...": no apposition
        return self._object(tokens, article - 1, -1, sentence, "effort") or self._named_subject(
            tokens, article - 1, sentence[0]
        )

    def _led_through(
        self, tokens: Tokens, word: int, sentence: tuple[int, int], acronyms: dict[str, str | None]
    ) -> list[RuleMatch]:
        """Leading said through a preposition: "the partnership reports to the workforce
        council", "under the leadership of the community colleges, the initiative ..."."""
        start, end = sentence
        if tokens[word].lower_ in self._under:
            under = (  # "under the leadership of the colleges"
                word - 2 >= start
                and tokens[word - 2].lower_ == "under"
                and tokens[word - 1].lower_ in {"the", "its", "their"}
                and word + 1 < end
                and tokens[word + 1].lower_ == "of"
            )
            with_from = (  # "with leadership from the commerce authority"
                word - 1 >= start
                and tokens[word - 1].lower_ == "with"
                and word + 1 < end
                and tokens[word + 1].lower_ == "from"
            )
            if not (under or with_from):
                return []
            before = word - 2 if under else word - 1
            if before == start:  # fronted: "Under the leadership of X, employers meet": X
                end = next(
                    (p for p in range(word + 2, end) if tokens[p].text in {",", ";", ":"}), end
                )
        else:
            if not (word + 1 < end and tokens[word + 1].lower_ == "to"):
                return []
            if tokens[word].lower_.endswith("ing") and not self._progressive(tokens, word, start):
                return []
            if self._noun_here(tokens, word, start, end) or (
                word - 1 >= start
                and tokens[word - 1].is_lower
                and tokens[word - 1].is_alpha
                and tokens[word - 1].lower_ not in _AUXILIARIES
                and not tokens[word - 1].lower_.endswith("ly")
                and tokens[word - 1].lower_ not in self._self
                and tokens[word - 1].lemma_ not in self._people
                and tokens[word - 1].lower_ not in self._objects["upkeep"]
            ):
                return []  # "the partnership's annual reports to the board": a noun
            before = word
        actors = self._actors_after(tokens, word + 2, end, acronyms)
        if actors and any(
            tokens[p].lower_ in self._telling
            for p in range(actors[-1].end, min(end, actors[-1].end + 3))
        ):
            return []  # "reported to the county board on its progress": telling, not answering to
        return self._leading(
            actors,
            word,
            lambda actor, wanted: (
                self._object(tokens, before, -1, sentence, wanted, actor.kind)
                or self._object(tokens, actor.end - 1, 1, sentence, wanted, actor.kind)
            ),
        )

    def _leading(
        self,
        actors: list[Actor],
        at: int,
        has_object: Callable[[Actor, str], bool] | None = None,
    ) -> list[RuleMatch]:
        """The "lead" rules each actor of a known kind triggers, matched from the word at `at`
        to the actor's end; a rule that wants an object holds only where `has_object` finds it
        (without `has_object`, the clause itself says what is led: "its chair is ...")."""
        return [
            RuleMatch(rule_id, at, max(actor.end, at + 1), "role")
            for actor in actors
            if actor.kind is not None
            for rule_id, wanted in self._triggers.get((actor.kind, "lead"), [])
            if wanted is None or has_object is None or has_object(actor, wanted)
        ]

    def _noun_here(self, tokens: Tokens, verb: int, start: int, end: int) -> bool:
        """A verb's word used as a noun ("the staff", "chair of the board", "two hosts")."""
        if verb - 1 >= start:
            before = tokens[verb - 1]
            if before.lower_ in _NOUN_BEFORE and not (before.text == "-" and verb - 2 >= start):
                return True
            if before.like_num:
                return True
        return verb + 1 < end and tokens[verb + 1].lower_ == "of"

    def _carrier_of(
        self, tokens: Tokens, actor: Actor, start: int, acronyms: dict[str, str | None]
    ) -> Actor:
        """The actor a prepositional phrase belongs to: in "industry leaders in the Harbor
        Partnership met", the leaders met, not the partnership; in "executives of hospitals in
        Fremont County came together", the executives, not the county (a place after "in" is
        where the actor is, never the actor)."""
        place = actor.kind == "public" and self._is_place(tokens, actor, start)
        if actor.kind not in (None, "partnership") and not place:
            if self._hangs_on_a_noun(tokens, actor, start):
                return Actor(None, actor.start, actor.end)
            return actor
        position = actor.start - 1
        while position > start and tokens[actor.start].is_title and tokens[position].is_title:
            position -= 1  # the rest of a name: "the Harbor Partnership"
        while position > start and tokens[position].lower_ in self._directions:
            position -= 1  # "in southwest Wyoming"
        if position >= start and tokens[position].lower_ in ("the", "a", "an", "our", "its"):
            position -= 1
        if position - 1 < start or tokens[position].lower_ not in _PREPOSITIONS:
            return actor
        carrier = self._actor_at(tokens, position - 1, start, acronyms)
        if carrier is not None and carrier.kind is not None:
            return carrier
        return Actor(None, actor.start, actor.end) if place else actor

    def _hangs_on_a_noun(self, tokens: Tokens, actor: Actor, start: int) -> bool:
        """Whether the actor sits in a phrase of place or field after a common noun that is not
        one of people, of a number of them or of a body: "advancements in the biotech industry",
        "jobs at member plants" (that noun is the subject), never "CEOs in nine hospitals",
        "dozens of employers", "a committee of eight employers". What comes "from" or "of" an
        actor is the actor's own ("responses from the mills identified", "support from member
        companies pays"): the actor still acts."""
        position = actor.start - 1
        for _ in range(2):  # its modifiers: "the biotech industry", "local member companies"
            if (
                position >= start
                and tokens[position].is_alpha
                and tokens[position].is_lower
                and tokens[position].lower_ not in _PREPOSITIONS
            ):
                position -= 1
        if position >= start and tokens[position].lower_ in ("the", "a", "an", "its", "their"):
            position -= 1
        if position - 1 < start or tokens[position].lower_ not in _DOMAIN:
            return False
        head = tokens[position - 1]
        return (
            head.is_alpha
            and (head.is_lower or (position - 1 == start and head.is_title))
            and head.lemma_ not in self._people
            and head.lower_ not in self._quantities
            and head.lower_ not in self._collective
            and head.lemma_ not in self._bodies
            and head.lower_ not in _AUXILIARIES
            and self._actor_at(tokens, position - 1, start, {}) is None
        )

    def _is_place(self, tokens: Tokens, actor: Actor, start: int) -> bool:
        """A county, city or state named after a preposition of place ("in Fremont County",
        "across southwest Wyoming")."""
        words = {tokens[p].lower_ for p in range(actor.start, actor.end)}
        if not (words & (self._places | self._states)):
            return False
        position = actor.start - 1
        while position >= start and (
            tokens[position].lower_ in self._directions or tokens[position].lower_ == "the"
        ):
            position -= 1
        return position >= start and tokens[position].lower_ in _LOCATIVE

    def _purpose_of(
        self, tokens: Tokens, to: int, start: int, acronyms: dict[str, str | None]
    ) -> Actor | None:
        """Who met or gathered for a purpose: "industry leaders first met last week in Gillette
        to determine the priorities" (the actor of "met" is the one who determines)."""
        for position in range(to - 1, max(start - 1, to - 2 * self._actor_reach), -1):
            token = tokens[position]
            if token.lower_ in self._stops:
                return None
            if token.lemma_ in self._gather_verbs and token.lower_ != token.lemma_:
                actor = self._actor_before(tokens, position, start, acronyms)
                return actor if actor is not None and actor.kind is not None else None
        return None

    def _progressive(self, tokens: Tokens, verb: int, start: int) -> bool:
        """An "-ing" form after a form of "be" ("is leading", "are now funding")."""
        position = verb - 1
        while (
            position >= start
            and tokens[position].lower_.endswith("ly")
            and tokens[position].is_alpha
        ):
            position -= 1
        if position >= start and tokens[position].lower_ in {"now", "also", "still", "jointly"}:
            position -= 1
        return position >= start and tokens[position].lower_ in _BE

    def _intransitive(self, tokens: Tokens, verb: int, end: int) -> bool:
        """No object after the verb: a preposition, punctuation or the sentence's end follows."""
        if verb + 1 >= end:
            return True
        following = tokens[verb + 1]
        return following.is_punct or following.lower_ in _PREPOSITIONS | {
            "with",
            "to",
            "for",
            "last",
            "this",
            "after",
            "before",
            "when",
        }

    def _by_after(self, tokens: Tokens, verb: int, end: int, through: bool = False) -> int | None:
        """The position of "by" when the verb is passive ("launched by", "led jointly by"); for
        money, "through" too ("funded through the state labor department")."""
        position = verb + 1
        while position < min(verb + 6, end):
            word = tokens[position].lower_
            if word == "by" or (
                through and word == "through" and tokens[verb].lower_.endswith("ed")
            ):
                return position
            if word in {"in", "on", "during", "around"} and position + 2 < end:
                # "founded in 1970 by", "launched in May by", "launched in May 2018 by"
                position += 2
                while (
                    position < min(verb + 6, end)
                    and tokens[position].lower_ != "by"
                    and (tokens[position].like_num or tokens[position].is_title)
                ):
                    position += 1
                continue
            if word not in _PASSIVE_SKIP:
                return None
            position += 1
        return None

    def _object(
        self,
        tokens: Tokens,
        verb: int,
        side: int,
        sentence: tuple[int, int],
        wanted: str,
        kind: str | None = None,
    ) -> bool:
        """Whether a word of the object class is within reach on the object's side."""
        words = self._objects[wanted]
        start, end = sentence
        if (
            wanted == "agenda"
            and kind == "business"
            and side > 0
            and verb + 1 < end
            and tokens[verb + 1].lower_ == "to"
            and tokens[verb].lemma_ in self._choose_to
        ):
            return True  # "leaders chose to build links with schools": what they chose to do
        step = range(verb + 1, min(end, verb + 1 + self._object_reach))
        if side < 0:
            step = range(verb - 1, max(start - 1, verb - 1 - self._object_reach), -1)
        for position in step:
            token = tokens[position]
            if token.lower_ in self._stops:
                break
            if (token.lemma_ in words or token.lower_ in words) and not (
                position + 1 < end and tokens[position + 1].lower_ in ("'s", "’s")
            ):
                return True  # (not "the association's scholarship": what it owns is the object)
        if wanted != "effort":
            return False
        # "HealthWorks was created by the college system": the partnership named by its own name
        # before a passive verb; "the bureau leads the CMMC": after an active one.
        if side < 0:
            return self._named_subject(tokens, verb, start)
        return self._named_object(tokens, verb, end)

    def _named_object(self, tokens: Tokens, verb: int, end: int) -> bool:
        """The partnership's own name right after the verb: "leads the CMMC", "launched
        GreenSeam", "runs the Mesa Valley Health Alliance"."""
        return self._own_name(tokens, verb + 1, end, single_title=False) is not None

    def _named_subject(self, tokens: Tokens, verb: int, start: int) -> bool:
        """The partnership's own name opens the clause before the verb: "HealthWorks", "the Mesa
        Valley Health Alliance", "NAMC"."""
        last = self._own_name(tokens, start, verb, single_title=True)
        between = {tokens[p].lower_ for p in range(last, verb)} if last is not None else set()
        return last is not None and between <= _AUXILIARIES | _PASSIVE_SKIP | {","}

    def _own_name(self, tokens: Tokens, first: int, limit: int, single_title: bool) -> int | None:
        """Where a name beginning at `first` (after an optional "the") ends, when it names an
        organisation rather than a program ("the Welding Academy"): several capitalised words,
        an acronym, a word capitalised inside ("HealthWorks"), or, with `single_title`, one
        capitalised word after "the"."""
        opening = first
        if first < limit and tokens[first].lower_ == "the":
            first += 1
        last = first
        while last < limit and (
            self._name_word(tokens, last, inner=last > first)
            or (tokens[last].text[:1].isupper() and tokens[last].is_alpha)
        ):
            last += 1
        if last == first or any(
            tokens[p].lower_ in self._program_words for p in range(first, last)
        ):
            return None
        head = tokens[first]
        named = (
            last - first > 1
            or (single_title and first > opening)
            or head.is_upper
            or any(c.isupper() for c in head.text[1:])
        )
        return last if named else None

    # --- actors -----------------------------------------------------------------------------
    def _actor_before(
        self, tokens: Tokens, verb: int, start: int, acronyms: dict[str, str | None]
    ) -> Actor | None:
        """The actor right before an active verb: only auxiliaries and adverbs between, or a
        prepositional phrase the actor carries ("manufacturers in the region chose"). A verb
        after "is" or "was" with no "by" is passive: what comes before it is acted on."""
        position = verb - 1
        jumps = 0
        saw_be = False
        while position >= max(start, verb - self._actor_reach):
            token = tokens[position]
            word = token.lower_
            if (
                word == "and"
                and position - 1 >= start
                and tokens[position - 1].lemma_ in self._verb_role
            ):
                position -= 2  # "leaders met and set priorities": one subject, two verbs
                continue
            if word == "and" and jumps == 0:
                # "the board won a grant and chose the sector": the first clause's verb, a few
                # words back, has the actor
                first = self._first_clause_verb(tokens, position, start)
                if first is not None:
                    position = first - 1
                    jumps += 1
                    continue
            if word in _AUXILIARIES or (word.endswith("ly") and token.is_alpha):
                saw_be = saw_be or word in _BE
                position -= 1
                continue
            if (
                word in self._time_nouns
                and position - 1 >= start
                and tokens[position - 1].lower_ in self._time_openers
            ):
                position -= 2  # "the authority last week launched"
                continue
            if word == ")":
                # "the Department of Labor (NJDOL) launched": the name before its acronym
                opening = next(
                    (
                        p
                        for p in range(position - 1, max(start - 1, position - 4), -1)
                        if tokens[p].text == "("
                    ),
                    None,
                )
                if opening is not None:
                    position = opening - 1
                    continue
            if (
                saw_be
                and tokens[verb].lower_ != tokens[verb].lemma_
                and not tokens[verb].lower_.endswith("ing")
            ):
                return None  # "employers were invited": they are invited, they do not invite
            actor = self._actor_at(tokens, position, start, acronyms)
            if actor is not None:
                actor = self._carrier_of(tokens, actor, start, acronyms)
                if any(
                    tokens[p].lower_ in _FEW
                    for p in range(max(start, actor.start - 2), actor.start)
                ):
                    return None  # "only two employers attended" is not business taking part
                return actor
            if word in self._stops or jumps >= 2:
                return None
            # "The chamber hired Ziegler to lead the initiative": who leads on whose behalf is
            # the one who hired; the one hired is passed over.
            hirer = next(
                (
                    p
                    for p in range(position - 1, max(start - 1, position - 4), -1)
                    if tokens[p].lemma_ in _HIRE_VERBS and tokens[p].lower_ != tokens[p].lemma_
                ),
                None,
            )
            if hirer is not None and tokens[verb - 1].lower_ == "to":
                position = hirer - 1
                jumps += 1
                continue
            preposition = next(
                (
                    p
                    for p in range(position - 1, max(start - 1, position - 5), -1)
                    if tokens[p].lower_ in _PREPOSITIONS
                ),
                None,
            )
            if preposition is None:
                return None
            position = preposition - 1
            jumps += 1
        return None

    def _joined_before(
        self, tokens: Tokens, actor: Actor, start: int, acronyms: dict[str, str | None]
    ) -> list[Actor]:
        """Actors joined to the one before the verb by "and" or commas: "energy companies and
        foundations invested", "the chamber, the college and the county launched"."""
        joined: list[Actor] = []
        position = actor.start - 1
        while position > start and tokens[position].lower_ in {"the", "its", "their", "both"}:
            position -= 1
        # A list ends in "and" ("A, B and C"): a comma alone before the actor closes an opening
        # phrase ("Through the Wind Program, the department drives ..."), not a list.
        if position <= start or tokens[position].lower_ not in {"and", "&"}:
            return joined
        while len(joined) < 4 and position > start and tokens[position].lower_ in {"and", ",", "&"}:
            position -= 1
            if tokens[position].lower_ == ",":
                position -= 1  # "A, and B"
            if position < start:
                break
            other = self._actor_at(tokens, position, start, acronyms)
            if other is None or other.kind in (None, "partnership") or other.end != position + 1:
                break
            joined.append(other)
            position = other.start - 1
            while position > start and tokens[position].lower_ in {"the", "its", "their", "both"}:
                position -= 1
        return joined

    def _compound_noun(self, tokens: Tokens, actor: Actor, verb: int, start: int) -> bool:
        """A singular noun right before the verb's base form is a compound noun, not a subject
        and its verb ("business support", "industry lead", "hospital staff"): a singular subject
        takes "supports", "leads". Not for the past tenses that look like the base ("the industry
        set its priorities") nor for nouns that take a plural verb ("college staff run it")."""
        if actor.end != verb or verb < 1:
            return False
        noun, word = tokens[verb - 1], tokens[verb]
        for position in range(verb - 2, max(start, verb - 5) - 1, -1):
            if tokens[position].lower_ in ("and", "&"):
                return False  # "employers and the hospital lead": two subjects take "lead"
            if not (tokens[position].is_lower and tokens[position].is_alpha):
                break
        return (
            (noun.is_lower or (verb - 1 == start and noun.is_title))
            and noun.lower_ == noun.lemma_
            and not noun.lower_.endswith("s")
            and noun.lower_ not in self._plural_nouns
            and word.lower_ == word.lemma_
            and word.lower_ not in self._past_as_base
        )

    def _with_whom(self, tokens: Tokens, actors: list[Actor], start: int) -> bool:
        """The actors are the object of "with" or "alongside" (a partner, not the subject)."""
        first = min(actor.start for actor in actors)
        if any(tokens[p].lower_ in self._co_agent for a in actors for p in range(a.start, a.end)):
            return True  # a name read from "worked with the county board"
        for position in range(first - 1, max(start, first - 4) - 1, -1):
            if tokens[position].lower_ in self._co_agent:
                return True
            if not tokens[position].is_lower:
                break  # "area plant owners", never across a name or a comma ...
        # ... except along a list: "joined with community leaders, universities, schools and
        # companies to launch it", "a partnership with nine high schools, chambers of commerce
        # and local businesses to determine the skills most needed"
        for position in range(first - 1, max(start, first - _LIST_REACH) - 1, -1):
            token = tokens[position]
            if token.lower_ in self._co_agent:
                return True
            if token.lower_ in self._stops or (
                token.is_punct and token.text not in {",", "&", "-"}
            ):
                return False  # (a list's names may hold numbers: "K-12 and industries")
        return False

    def _own_activity(self, tokens: Tokens, verb: int, end: int) -> bool:
        """What a starting verb starts is the actor's own work: "the plant begins operations",
        "the company started hiring" (after "its" or "the")."""
        after = verb + 1
        if after < end and tokens[after].lower_ in {"its", "their", "the"}:
            after += 1
        return after < end and tokens[after].lower_ in self._own_work

    def _first_clause_verb(self, tokens: Tokens, conjunction: int, start: int) -> int | None:
        """The verb of a short clause ending at "and" ("won a grant and"), when it is a role
        verb or a common clause verb written in an inflected form."""
        for position in range(conjunction - 1, max(start, conjunction - 5) - 1, -1):
            token = tokens[position]
            if token.lower_ in self._stops or token.is_punct:
                return None
            if (
                token.is_lower
                and token.lower_ != token.lemma_
                and (token.lemma_ in self._verb_role or token.lemma_ in self._clause_verbs)
            ):
                return position
        return None

    def _actors_after(
        self, tokens: Tokens, first: int, end: int, acronyms: dict[str, str | None]
    ) -> list[Actor]:
        """The actors after "by": the first one, and any joined to it by "and" or commas."""
        actors: list[Actor] = []
        position = first
        limit = min(end, first + self._actor_reach)
        while position < limit:
            token = tokens[position]
            if token.lower_ in self._stops:
                break
            actor = self._actor_at(tokens, position, first, acronyms, forward=True)
            if actor is None:
                position += 1
                continue
            if self._possessive(tokens, actor.end - 1):
                actor = self._owned(tokens, actor, limit)
            actors.append(actor)
            position = actor.end
            # Coordination: ", the college and employers"; anything else ends the list.
            if position < end and tokens[position].lower_ in {"and", ",", "&"}:
                limit = min(end, position + 4)
                position += 1
                while position < limit and tokens[position].lower_ in {
                    "the",
                    "a",
                    "an",
                    "and",
                    "its",
                }:
                    position += 1
                if position < limit and tokens[position].lower_ in _PREPOSITIONS | {
                    "with",
                    "for",
                    "to",
                }:
                    break
                continue
            break
        return actors

    def _owned(self, tokens: Tokens, owner: Actor, limit: int) -> Actor:
        """What an actor's possessive names is who acts: "led by the county's employers" (the
        employers), "launched by the college's president" (the college, through its own
        people); "guided by the governor's plan" names a thing, so no one of a known kind."""
        position = owner.end + 1
        while position < limit and tokens[position].lower_ not in self._stops:
            owned = self._actor_at(tokens, position, owner.start, {}, forward=True)
            if owned is not None:
                following = tokens[owned.end] if owned.end < limit else None
                if (
                    following is not None
                    and tokens[owned.end - 1].is_lower
                    and following.is_lower
                    and following.is_alpha
                    and following.lower_ not in _PREPOSITIONS | _CLAUSE_WORDS
                    and following.lower_ not in self._stops
                ):
                    # a word before a noun names a thing: "the governor's workforce strategy"
                    return Actor(None, owner.start, owned.end + 1)
                # the owner's own people or its own named unit: "the board's executive
                # director", "COG's Executive Director Chuck Bean", "WSU's National Institute
                # for Aviation Research" (not "the chamber's member companies")
                staff = any(
                    tokens[i].lemma_ in self._people and tokens[i].lemma_ not in self._business
                    for i in range(owned.start, owned.end)
                )
                named = tokens[owned.start].is_title
                return Actor(owner.kind if staff or named else owned.kind, owner.start, owned.end)
            if not (tokens[position].is_alpha and tokens[position].is_lower):
                break
            position += 1
        return Actor(None, owner.start, min(position + 1, limit))

    def _actor_at(
        self,
        tokens: Tokens,
        position: int,
        sentence_start: int,
        acronyms: dict[str, str | None],
        forward: bool = False,
    ) -> Actor | None:
        """The actor whose words include `position`, or None when the word names no actor."""
        token = tokens[position]
        word, lemma = token.lower_, token.lemma_
        if token.text in acronyms:
            return Actor(acronyms[token.text], position, position + 1)
        if (
            word in self._collective
            and position + 2 < len(tokens)
            and tokens[position + 1].lower_ == "of"
        ):
            # "a group of healthcare leaders": the group is who the "of" phrase names
            for inside in range(position + 2, min(len(tokens), position + 6)):
                if tokens[inside].lower_ in self._stops:
                    break
                if tokens[inside].lemma_ in self._mixed or tokens[inside].lower_ in self._mixed:
                    return None  # "a consortium of educators and industry members": mixed
                member = self._actor_at(tokens, inside, sentence_start, acronyms, forward=forward)
                if member is not None:
                    if member.kind in ("business", "public"):
                        return Actor(member.kind, position, member.end)
                    break
        if (token.is_title or token.is_upper) and token.is_alpha:
            name_start, name_end = self._name_span(tokens, position, sentence_start)
            name = tokens.text(name_start, name_end)
            seen = self._classify(name)
            names_self = any(tokens[i].lower_ in self._self for i in range(name_start, name_end))
            if seen is not None and seen.sector == "business" and names_self:
                # "the Lehigh Valley Healthcare Industry Partnership": the partnership itself
                return Actor("partnership", name_start, name_end)
            if seen is not None:
                return Actor(seen.sector if seen.sector != "other" else None, name_start, name_end)
            if name_end - name_start > 1 and not any(
                tokens[i].lower_ in self._self or tokens[i].lower_ in self._grantmaker
                for i in range(name_start, name_end)
            ):
                return Actor(None, name_start, name_end)  # a person or a body of unknown kind
        if word in self._name_heads or lemma in self._name_heads:
            # "the workforce development board", "the council of governments"
            for first in range(max(sentence_start, position - 3), position + 1):
                if first < position and (
                    tokens[first].lemma_ in self._business
                    or tokens[first].lemma_ in self._people
                    or tokens[first].lower_ in {"and", ",", "&", "or"}
                ):
                    continue  # "employers and the college": two actors, not one name
                for last in range(position + 1, min(len(tokens), position + 4) + 1):
                    seen = self._classify(tokens.text(first, last))
                    if seen is not None and seen.sector == "public":
                        return Actor("public", first, last)
        if (
            word in self._states
            and not self._possessive(tokens, position)
            and not (
                position - 2 >= sentence_start
                and tokens[position - 1].lower_ == "of"
                and tokens[position - 2].is_title
            )
        ):  # (not "the Marine Trades Association of Maryland": the name's, not the state)
            # "Vermont launched six networks" (not "Vermont's manufacturers": where they are)
            return Actor("public", position, position + 1)
        if word in self._grantmaker or lemma in self._grantmaker:
            return Actor("grantmaker", position, position + 1)
        if lemma in self._business or word in self._business:
            if word == lemma and self._modifies_next(tokens, position):
                return None  # "employer surveys", "business services": not the actor
            body = self._affiliation(tokens, position, acronyms)
            if body is not None and body.kind == "public":
                return body  # "the CEO of the county economic development corporation"
            return Actor("business", position, position + 1)
        if lemma in self._people or word in self._people:
            before = tokens[position - 1] if position - 1 >= sentence_start else None
            if (
                before is not None
                and before.lower_ in {"'s", "’s"}
                and position - 2 >= sentence_start
            ):
                owner = self._actor_at(tokens, position - 2, sentence_start, acronyms)
                if owner is not None and owner.kind in ("public", "business"):
                    return Actor(owner.kind, owner.start, position + 1)  # "the chamber's director"
            body = self._affiliation(tokens, position, acronyms)
            if body is not None:
                return body  # "the president of the county economic development corporation"
            if (
                before is not None
                and (before.lower_ in self._public or before.lower_ in self._name_heads)
                and before.lower_ not in self._modifiers
            ):
                return Actor("public", position - 1, position + 1)  # "board directors"
            if before is not None and (
                before.lower_ in self._modifiers
                or before.lemma_ in self._modifiers
                or before.lemma_ in self._business  # "hotel managers", "clinic directors"
            ):
                if self._mixed_before(tokens, position - 1, sentence_start):
                    return None  # "public and private partners", "education and business leaders"
                return Actor("business", position - 1, position + 1)
            # "leaders from various healthcare companies", "CEOs of nine hospitals"
            for ahead in range(position + 1, min(len(tokens), position + 5)):
                following = tokens[ahead]
                if following.lower_ in self._stops:
                    break
                if following.lemma_ in self._business or following.lower_ in self._business:
                    if tokens[position + 1].lower_ in {"from", "of", "at", "in"}:
                        return Actor("business", position, ahead + 1)
                    break
            return None
        if word in self._places or lemma in self._places:
            # "the county launched it"; "the region's employers" are where they are, not the
            # county's or the region's own
            article = tokens[position - 1].lower_ if position - 1 >= sentence_start else ""
            return (
                Actor("public", position, position + 1)
                if article == "the" and not self._possessive(tokens, position)
                else None
            )
        if word in self._public or lemma in self._public:
            return Actor("public", position, position + 1)
        if (word in self._trade_bodies or lemma in self._trade_bodies) and token.is_lower:
            # (a named one, "the American Veterinary Medical Association", is often a national
            # body of professionals: its own facts)
            members = self._trade_member(tokens, position, sentence_start)
            if members is not None:
                return Actor("business", members, position + 1)  # "the growers' association"
        if word in self._self or lemma in self._self:
            return Actor("partnership", position, position + 1)
        return None

    def _mixed_before(self, tokens: Tokens, modifier: int, sentence_start: int) -> bool:
        """Whether a word of another sector is joined to the business modifier at `modifier`
        ("public and private", "public-private", "education and business")."""
        if modifier - 2 < sentence_start or tokens[modifier - 1].lower_ not in {"and", "&", "-"}:
            return False
        other = tokens[modifier - 2]
        return other.lower_ in self._mixed or other.lemma_ in self._mixed

    def _trade_member(self, tokens: Tokens, position: int, sentence_start: int) -> int | None:
        """Where the members named before a trade body begin ("the dealers' association",
        "the long-term care association", "a trade association"), or None."""
        before = position - 1
        if before > sentence_start and tokens[before].lower_ in {"'", "’"}:
            before -= 1  # "dealers' association"
        if before < sentence_start:
            return None
        token = tokens[before]
        named = (
            token.lemma_ in self._business
            or token.lower_ in self._business
            or token.lower_ in self._modifiers
            or token.lower_ in self._trade_words
        )
        return before if named else None

    def _affiliation(
        self, tokens: Tokens, position: int, acronyms: dict[str, str | None]
    ) -> Actor | None:
        """The body a person belongs to, named after "of", "at" or "from": "the president of the
        county economic development corporation", "the CEO of a county EDC". The body is the
        noun phrase's last word (its head); a place there ("plant managers from Harbor County")
        is where the person is from, not a body."""
        if position + 1 >= len(tokens) or tokens[position + 1].lower_ not in {"of", "at", "from"}:
            return None
        head = None
        for ahead in range(position + 2, min(len(tokens), position + 9)):
            token = tokens[ahead]
            if token.lower_ in {"the", "a", "an", "its", "their", "our"} and head is None:
                continue
            if (
                not token.is_alpha
                or token.lower_ in self._stops
                or token.lower_ in _PREPOSITIONS
                or token.lemma_ in self._verb_role
            ):
                break
            head = ahead
        if head is None:
            return None
        actor = self._actor_at(tokens, head, position + 2, acronyms, forward=True)
        if actor is None or actor.kind not in ("public", "business"):
            return None
        last = tokens[actor.end - 1].lower_
        if last in self._places or last in self._states:
            return None
        return Actor(actor.kind, position, actor.end)

    @staticmethod
    def _possessive(tokens: Tokens, position: int) -> bool:
        """The word is followed by 's: "the region's employers", "Vermont's manufacturers"."""
        return position + 1 < len(tokens) and tokens[position + 1].lower_ in {"'s", "’s"}

    def _modifies_next(self, tokens: Tokens, position: int) -> bool:
        """A singular noun followed by a content word modifies it ("employer surveys")."""
        if position + 1 >= len(tokens):
            return False
        following = tokens[position + 1]
        return (
            following.is_alpha
            and following.is_lower
            and not following.is_stop
            and following.lemma_ not in self._verb_role
            and following.lower_ not in self._verb_role
            and not following.lower_.endswith("ly")
        )

    def _classify(self, name: str) -> OrganizationSeen | None:
        """The classifier's answer, remembered: the same names recur across a batch."""
        if name not in self._classified:
            if len(self._classified) > 50_000:
                self._classified.clear()
            self._classified[name] = self._organizations.classify(name)
        return self._classified[name]

    def _name_span(self, tokens: Tokens, position: int, sentence_start: int) -> tuple[int, int]:
        """The capitalised name around `position` ("Workforce Development Boards 83 and 81")."""
        start = position
        while start - 1 >= sentence_start and self._name_word(tokens, start - 1, inner=False):
            start -= 1
        end = position + 1
        while end < len(tokens) and (
            self._name_word(tokens, end, inner=True)
            or (
                # "Department of Labor and Industry": "and" inside a name with "of"
                tokens[end].lower_ == "and"
                and end + 1 < len(tokens)
                and tokens[end + 1].is_title
                and any(tokens[p].lower_ == "of" for p in range(start, end))
            )
        ):
            end += 1
        while end - 1 > start and tokens[end - 1].lower_ in _NAME_JOINERS:
            end -= 1
        return start, end

    def _name_word(self, tokens: Tokens, position: int, inner: bool) -> bool:
        token = tokens[position]
        if (token.is_title or token.is_upper) and (token.is_alpha or "." in token.text):
            return True
        if inner and token.like_num and position > 0 and tokens[position - 1].is_title:
            return True  # "Boards 83 and 81"
        return (
            token.lower_ in _NAME_JOINERS
            and position + 1 < len(tokens)
            and tokens[position + 1].is_title
            and token.lower_ != "and"
        )

    def _acronyms(self, doc: Doc) -> dict[str, str | None]:
        """Acronyms the document defines, with the kind of the name they stand for."""
        text = text_of(doc)  # Doc.text rebuilds the string token by token
        if "(" not in text:
            return {}
        found: dict[str, str | None] = {}
        for match in _ACRONYM.finditer(text):
            seen = self._classify(match.group(1))
            kind = seen.sector if seen is not None and seen.sector != "other" else None
            found[match.group(2)] = kind
        return found
