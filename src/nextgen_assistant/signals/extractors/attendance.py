"""Attendance: who was at meetings (attendance lists, roster tables and CSV rosters), business vs
public, and which public-partner types take part."""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Span

from nextgen_assistant.signals.anchors import Gate, word_gate
from nextgen_assistant.signals.extractors import Extraction, Piece
from nextgen_assistant.signals.extractors.organizations import OrganizationClassifier
from nextgen_assistant.signals.lexicon import ExtractorLexicon
from nextgen_assistant.signals.model import AttendanceFact, OrganizationSeen
from nextgen_assistant.signals.pipeline import doc_tokens, text_of

MIN_CLASSIFIED = 3


def _split_entries(text: str) -> list[str]:
    """Split 'A (X Inc), B (Y County); C' into entries, keeping commas inside parentheses."""
    if ";" in text:
        return [p for p in text.split(";") if p.strip()]
    text = text.replace("\n", " ")  # a hard-wrapped list: line ends are not separators
    entries, depth, current = [], 0, ""
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth <= 0:
            entries.append(current)
            current = ""
        else:
            current += char
    entries.append(current)
    return [e for e in entries if e.strip()]


def _fact(
    ex: Extraction, piece: Piece, source: str, label: str, organizations: list[OrganizationSeen]
) -> AttendanceFact | None:
    if len(organizations) < MIN_CLASSIFIED:
        return None
    fact = AttendanceFact(
        source="roster" if source == "roster" else "minutes",
        label=label,
        line=piece.block.line,
        page=piece.block.page,
        organizations=organizations,
        business=sum(o.sector == "business" for o in organizations),
        public=sum(o.sector == "public" for o in organizations),
        other=sum(o.sector == "other" for o in organizations),
    )
    ex.facts.attendance.append(fact)
    where = f"{fact.business} business, {fact.public} public"
    if (fact.public and fact.business > fact.public) or (
        fact.business >= MIN_CLASSIFIED and not fact.public
    ):
        ex.add(
            piece,
            None,
            rule="private_sector_leadership.attendance_business_majority",
            matched=where,
            quote=f"{label}: {where}",
        )
    elif fact.public >= fact.business:
        ex.add(
            piece,
            None,
            rule="private_sector_leadership.attendance_public_majority",
            matched=where,
            quote=f"{label}: {where}",
        )
    return fact


def _source_of(ex: Extraction) -> str:
    name = f"{ex.document.path} {ex.document.title or ''}".lower()
    return (
        "roster" if any(w in name for w in ex.lexicons.extractors.roster_file_words) else "minutes"
    )


def _tables(ex: Extraction, classifier: OrganizationClassifier) -> None:
    words = ex.lexicons.extractors
    groups: dict[tuple[str, ...], list[Piece]] = {}
    for piece in ex.pieces:
        if piece.block.kind == "table_row" and piece.block.header and piece.block.cells:
            groups.setdefault(tuple(piece.block.header), []).append(piece)
    for header, pieces in groups.items():
        lowered = [h.lower() for h in header]
        org_col = next(
            (
                i
                for i, h in enumerate(lowered)
                if any(w in h for w in words.roster_organization_columns)
            ),
            None,
        )
        if org_col is None:
            continue
        sector_col = next(
            (i for i, h in enumerate(lowered) if any(w in h for w in words.roster_sector_columns)),
            None,
        )
        seen = []
        for piece in pieces:
            cells = piece.block.cells or []
            name = cells[org_col] if org_col < len(cells) else ""
            hint = cells[sector_col] if sector_col is not None and sector_col < len(cells) else None
            organization = classifier.classify(name, hint)
            if organization is not None:
                seen.append(organization)
        source = _source_of(ex)
        _fact(ex, pieces[0], source, "Roster" if source == "roster" else "Attendance table", seen)


def _lists(ex: Extraction, classifier: OrganizationClassifier) -> None:
    labels = "|".join(re.escape(label) for label in ex.lexicons.extractors.attendance_labels)
    label_re = re.compile(
        rf"^\s*(?:[-*•]\s*)?({labels})\b[^:\n]{{0,40}}:\s*(.*)$", re.IGNORECASE | re.DOTALL
    )
    pieces = ex.pieces
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        found = label_re.match(piece.block.text) if piece.block.kind != "table_row" else None
        index += 1
        if not found:
            continue
        entries = _split_entries(found.group(2))
        while index < len(pieces) and pieces[index].block.kind == "list_item":
            entries.append(re.sub(r"^\s*(?:[-*•◦]|\d+[.)])\s*", "", pieces[index].block.text))
            index += 1
        seen = [o for o in (classifier.classify(e) for e in entries) if o is not None]
        _fact(ex, piece, "minutes", found.group(1).strip().capitalize(), seen)


def _is_attendance(ex: Extraction, sentence: Span) -> bool:
    """A list of who came ("Present: ...", "Attendees: ..."), not a statement."""
    opening = text_of(sentence)[:40].lower().lstrip("-*• ")
    return ":" in opening and any(
        opening.startswith(label.lower()) for label in ex.lexicons.extractors.attendance_labels
    )


class _KindLists(NamedTuple):
    """What reading prose lists of partner kinds needs, built once per checker."""

    kind_of: dict[str, str]
    heads: frozenset[str]
    breaks: frozenset[str]
    gate: Gate
    max_items: int
    item_words: int


def _compile_kind_lists(words: ExtractorLexicon) -> _KindLists:
    return _KindLists(
        kind_of={w: kind for kind, ws in words.partner_kinds.items() for w in ws},
        heads=frozenset(words.partner_group_nouns),
        breaks=frozenset([*words.partner_list_breaks, "and", "or"]),
        gate=word_gate(words.partner_group_nouns),
        max_items=words.thresholds.partner_list_max_items,
        item_words=words.thresholds.partner_list_item_words,
    )


def _kinds_listed(ex: Extraction) -> tuple[Piece, Span, set[str]] | None:
    """The first asserted statement listing two kinds of public partner in prose ("employers,
    education, workforce and economic development organizations", "state leaders, educational
    partners and economic development organizations"): the items of a list joined by commas and
    "and", back from the noun the list ends on, each item's words giving its kind."""
    words = ex.lexicons.extractors
    if not words.partner_kinds or not words.partner_group_nouns:
        return None
    lists = ex.compiled(f"{__name__}.kinds", lambda: _compile_kind_lists(words))
    for piece, sentence in ex.sentences(lists.gate):
        if _is_attendance(ex, sentence):
            continue
        tokens = doc_tokens(sentence.doc)
        for head in range(sentence.start, sentence.end):
            if tokens[head].lower_ not in lists.heads:
                continue
            kinds = _list_kinds(sentence, head, lists)
            if len(kinds) >= 2:
                context = ex.context.context_of(sentence, sentence.start, sentence.end)[0]
                if context in ("asserted", "historical"):
                    return piece, sentence, kinds
    return None


def _list_kinds(sentence: Span, head: int, lists: _KindLists) -> set[str]:
    """The kinds named in the list that ends on the noun at `head`, going back item by item
    (an item is at most `partner_list_item_words` words; a comma, "and" or "&" joins items; at
    most `partner_list_max_items` items, so a long list costs no more than a short one per
    noun). A word is known by its text, so "K-12" counts, and a hyphenated compound by its
    parts joined ("post-secondary")."""
    tokens = doc_tokens(sentence.doc)  # each token's word: no Token made per look
    kind_of, breaks = lists.kind_of, lists.breaks
    kinds: set[str] = set()
    position = head
    items = 0
    while position >= sentence.start and items < lists.max_items:
        length = 0
        while position >= sentence.start and length < lists.item_words:
            token = tokens[position]
            lower = token.lower_
            if lower in breaks or not (
                token.is_alpha or lower in kind_of or token.text in {"-", "'s", "’s"}
            ):
                break
            kind = kind_of.get(lower)
            if token.text == "-" and sentence.start < position < sentence.end - 1:
                kind = kind_of.get(f"{tokens[position - 1].lower_}-{tokens[position + 1].lower_}")
            elif kind == "economic_development" and not (
                position + 1 < sentence.end and tokens[position + 1].lower_ == "development"
            ):
                kind = None  # "economic" only as "economic development"
            if kind is not None:
                kinds.add(kind)
            position -= 1
            length += 1
        items += 1
        if position < sentence.start or tokens[position].lower_ not in {",", "and", "&"}:
            break
        position -= 1
        if position >= sentence.start and tokens[position].lower_ == ",":
            position -= 1  # ", and"
    return kinds if items >= 2 else set()


def run(ex: Extraction, classifier: OrganizationClassifier, types_needed: int) -> None:
    """Find attendance lists and rosters; count business and public participants."""
    _tables(ex, classifier)
    _lists(ex, classifier)
    types: set[str] = set()
    for fact in ex.facts.attendance:
        types.update(o.partner_type for o in fact.organizations if o.partner_type)
    together: tuple[Piece, Span, set[str]] | None = None
    for piece, sentence in ex.sentences(classifier.type_gate):
        named = classifier.partner_types_in(text_of(sentence))
        # Partners who stood with the partnership in the past stood with it ("the launch was
        # made possible by the college (formerly ...) and the districts"): historical counts.
        context = ex.context.context_of(sentence, sentence.start, sentence.end)[0] if named else ""
        if named and context in ("asserted", "historical"):
            types |= named
            if len(named) >= 2 and together is None and not _is_attendance(ex, sentence):
                together = (piece, sentence, named)
    if together is None:
        together = _kinds_listed(ex)
    ex.facts.partner_types = sorted(types)
    narrow = [
        f
        for f in ex.facts.attendance
        if (f.source == "roster" and f.public) or f.public >= types_needed
    ]
    if together is not None and len(types) < types_needed and not narrow:
        # Two kinds of public partner named in one statement ("the college and the workforce
        # board built the course together"): a team, though short of the rubric's count.
        piece, statement, named = together
        ex.add(
            piece,
            statement,
            rule="public_partner_team.partner_types_together",
            matched=", ".join(sorted(named)),
        )
    if len(types) >= types_needed:
        piece = ex.pieces[0]
        ex.add(
            piece,
            None,
            rule="public_partner_team.partner_type_coverage",
            matched=f"{len(types)} of 5 partner types: {', '.join(sorted(types))}",
            quote="Public-partner types named: "
            + ", ".join(
                ex.lexicons.organizations.public_type_titles.get(t, t) for t in sorted(types)
            ),
        )
    elif narrow:
        # A roster is the membership: narrow is a red flag. A meeting is one day's turnout: it
        # shows a narrow team only when enough public partners came to have covered the types
        # (two people cannot cover three kinds of agency).
        fact = narrow[0]
        piece = next(
            p for p in ex.pieces if p.block.line == fact.line and p.block.page == fact.page
        )
        ex.add(
            piece,
            None,
            rule="public_partner_team.narrow_partner_coverage",
            matched=f"{len(types)} of 5 partner types",
            quote=f"Public partners at the table cover {len(types)} of the five partner types"
            + (f" ({', '.join(sorted(types))})" if types else ""),
        )
