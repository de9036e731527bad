"""Is an organisation a business or a public partner, and which of the five partner types?"""

from __future__ import annotations

import re

from nextgen_assistant.signals.anchors import word_gate
from nextgen_assistant.signals.extractors import any_of
from nextgen_assistant.signals.lexicon import OrganizationLexicon
from nextgen_assistant.signals.model import OrganizationSeen


def _pattern(cues: list[str]) -> re.Pattern[str]:
    """Whether a text names one of the cues (only ever searched for whether it matches, so the
    order of the alternatives does not matter: they are written as prefix trees, which
    Python's re tries a character at a time rather than cue by cue)."""
    # Abbreviations in capitals (WDB, EDC, ISD) match case-sensitively; words match any case.
    exact = [cue for cue in cues if cue.isupper() and len(cue) <= 6]
    any_case = [cue for cue in cues if not (cue.isupper() and len(cue) <= 6)]
    if not cues or not all(cues):
        parts = [re.escape(cue) if cue in exact else f"(?i:{re.escape(cue)})" for cue in cues]
    else:
        parts = [any_of(exact)] if exact else []
        if any_case:
            parts.append(f"(?i:{any_of(any_case, ignore_case=True)})")
    # A plural counts as the name ("Workforce Boards", "School Districts", "Chambers").
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?:s|es)?(?![\w])")


def _short_names(
    lexicon: OrganizationLexicon, states: list[str] | tuple[str, ...]
) -> dict[str, re.Pattern[str]]:
    """Whole-name patterns for public bodies known by a short name ("Fresno State", "Georgia
    Tech"): one capitalised word (not a state's nickname) and the ending, or a state's name and
    the ending ("New York State", "Great Lakes State" are states)."""
    excluded = "|".join(re.escape(word) for word in lexicon.not_short_names) or "(?!)"
    state = "|".join(re.escape(s.title()) for s in sorted(states, key=len, reverse=True)) or "(?!)"
    word = rf"(?!(?:{excluded})\b)[A-Z][a-z]+"
    patterns = {}
    for kind, names in lexicon.short_names.items():
        parts = []
        for short in names:
            if short.startswith("@state "):
                parts.append(rf"(?:{state}) {re.escape(short.removeprefix('@state '))}")
            elif " " in short:
                parts.append(re.escape(short))
            else:
                parts.append(rf"{word} {re.escape(short)}")
        patterns[kind] = re.compile("|".join(parts))
    return patterns


# Words before a field of work named as a field: "a commitment to workforce development",
# "innovation in workforce development", "Director of Workforce Development".
_FIELD_OPENERS = frozenset({"of", "for", "in", "to", "on", "about", "into"})
_LIST_WORDS = frozenset({"and", "or"})

_MAX_CLASSIFIED = 50_000  # names remembered; past it, start again


class OrganizationClassifier:
    """Classifies organisation names by cues from `lexicons/shared/organizations.yaml`."""

    def __init__(
        self, lexicon: OrganizationLexicon, states: list[str] | tuple[str, ...] = ()
    ) -> None:
        self._short = _short_names(lexicon, states)
        self._suffix = _pattern(lexicon.business_suffixes)
        self._types = {name: _pattern(cues) for name, cues in lexicon.public_types.items()}
        self.type_gate = word_gate(c for cues in lexicon.public_types.values() for c in cues)
        self._other_public = _pattern(lexicon.other_public)
        self._business = _pattern(lexicon.business_words)
        self._care_head = (
            re.compile(rf"(?<![\w])(?:{any_of(lexicon.care_provider_heads)})$")
            if lexicon.care_provider_heads
            else None
        )
        self._member_body = (
            re.compile(rf"(?<![\w])(?:{any_of(lexicon.member_body_heads)})\b")
            if lexicon.member_body_heads
            else None
        )
        heads = any_of(lexicon.institution_heads) if lexicon.institution_heads else "(?!)"
        self._institution = re.compile(
            rf"(?<![\w])(?:{heads})(?:s)?$|(?<![\w])(?:Institute|Center|Centre)\s+(?:for|of)\b"
        )
        self._acronym_suffixes = [
            (kind, ending)
            for kind, endings in lexicon.acronym_suffixes.items()
            for ending in sorted(endings, key=len, reverse=True)
        ]
        self._sector_values = {
            sector: {v.lower() for v in values} for sector, values in lexicon.sector_values.items()
        }
        self._classified: dict[tuple[str, str | None], tuple[tuple[str, object], ...] | None] = {}
        self._topics = {cue.lower() for cue in lexicon.topic_type_cues}
        self._topic_heads = frozenset(word.lower() for word in lexicon.topic_type_heads)
        self._topic_efforts = frozenset(word.lower() for word in lexicon.topic_type_efforts)
        federal = any_of(lexicon.federal_prefixes) if lexicon.federal_prefixes else "(?!)"
        self._federal = re.compile(rf"(?:^|[\s(])(?:{federal})\s*$")

    def classify(self, name: str, sector_hint: str | None = None) -> OrganizationSeen | None:
        """The organisation's sector and partner type, or None when nothing marks it; decided
        once per name and hint (rosters and minutes name the same organisations again and
        again), a new model each time."""
        key = (name, sector_hint)
        if key not in self._classified:
            seen = self._classify(name, sector_hint)
            if len(self._classified) >= _MAX_CLASSIFIED:
                self._classified.clear()
            # The fields as given, so the model made from them is the same in every way.
            self._classified[key] = (
                None
                if seen is None
                else tuple((field, getattr(seen, field)) for field in sorted(seen.model_fields_set))
            )
        found = self._classified[key]
        return None if found is None else OrganizationSeen.model_validate(dict(found))

    def _classify(self, name: str, sector_hint: str | None) -> OrganizationSeen | None:
        name = " ".join(name.split()).strip(" ,;:-–()")
        if not name:
            return None
        typed = next(((t, m) for t, p in self._types.items() if (m := p.search(name))), None)
        partner_type = typed[0] if typed is not None else None
        hint = (sector_hint or "").strip().lower()
        hinted = (
            next((s for s, values in self._sector_values.items() if hint in values), None)
            if hint
            else None
        )
        if partner_type is None and hinted is None:
            short = next((t for t, p in self._short.items() if p.fullmatch(name)), None)
            if short is not None:
                return OrganizationSeen(name=name, sector="public", partner_type=short)
        suffix = self._suffix.search(name) if hinted is None else None
        if suffix is not None and typed is not None and typed[1].end() >= suffix.end():
            suffix = None  # "Valley Economic Development Corporation": the suffix is the type's
        if hinted == "business" or suffix is not None:
            return OrganizationSeen(name=name, sector="business")
        if typed is not None and hinted is None and self._care_provider(name):
            # "University of Maryland St. Joseph Medical Center": the name's head, after the
            # type's word, says what it is (a hospital), not the university it is named for
            return OrganizationSeen(name=name, sector="business")
        if partner_type is not None:
            return OrganizationSeen(name=name, sector="public", partner_type=partner_type)
        if (
            hinted is None
            and self._member_body is not None
            and self._member_body.search(name)
            and self._business.search(name)
        ):
            # "Harbor County Manufacturers Association": the industry's body, named for its county
            return OrganizationSeen(name=name, sector="business")
        if hinted == "public" or self._other_public.search(name):
            return OrganizationSeen(name=name, sector="public")
        if self._business.search(name) and not self._institution.search(name):
            return OrganizationSeen(name=name, sector="business")
        return self._acronym(name)

    def _care_provider(self, name: str) -> bool:
        """Whether the name ends in a care provider's word that no type's words take in ("...
        Medical Center", not "... School of Nursing")."""
        head = self._care_head.search(name) if self._care_head is not None else None
        return head is not None and not any(
            m.start() <= head.start() < m.end()
            for pattern in self._types.values()
            for m in pattern.finditer(name)
        )

    def _acronym(self, name: str) -> OrganizationSeen | None:
        """A public body known by an acronym whose end says its kind ("WKCTC" a college,
        "HVEDC" economic development), never a two-letter word or a whole ending alone."""
        if not (3 <= len(name) <= 8 and name.isalpha() and name.isupper()):
            return None
        for kind, ending in self._acronym_suffixes:
            if name.endswith(ending) and len(name) > len(ending):
                partner_type = None if kind == "other" else kind
                return OrganizationSeen(name=name, sector="public", partner_type=partner_type)
        return None

    def partner_types_in(self, text: str) -> set[str]:
        """Public-partner types a passage names (a field of work named as a field, "a commitment
        to workforce development", is no partner: `_names_a_partner`)."""
        kinds = set()
        for kind, pattern in self._types.items():
            found = pattern.search(text)
            if found is not None and (
                self._names_a_partner(text, found)
                or any(self._names_a_partner(text, f) for f in pattern.finditer(text, found.end()))
            ):
                kinds.add(kind)
        return kinds

    def _names_a_partner(self, text: str, found: re.Match[str]) -> bool:
        """Whether a type cue found in prose names a partner: always, unless it is one of the
        `topic_type_cues` standing after a word that opens a field of work ("commitment to
        workforce development", "Director of Workforce Development") with no word for a body
        after it ("a network of workforce development boards" names partners)."""
        if self._federal.search(text[max(0, found.start() - 20) : found.start()]):
            return False  # "the U.S. Department of Labor": a federal funder, not a partner
        said = found.group(0).lower()
        if said not in self._topics and said.removesuffix("s") not in self._topics:
            return True
        after = text[found.end() :].split(None, 1)
        word = after[0].strip(",.;:()") if after else ""
        if word.lower() in self._topic_efforts and found.group(0).islower():
            return False  # "an innovative workforce development partnership": what it is about
        if word.lower() in self._topic_heads:
            return True
        # the field naming a thing that is no body: "the county's economic development strategy"
        if word.isalpha() and word.islower() and word not in _LIST_WORDS:
            return False
        before = text[: found.start()].split()
        return not (before and before[-1].lower() in _FIELD_OPENERS)
