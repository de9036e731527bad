"""The passage model's readings as signals, where the rules and the other extractors are silent.

The document is read in windows of whole sentences of about the length of the passages the model
learned from (`passage_window_words`); a document shorter than `passage_min_words` is left to the
rules (the model's probabilities mean what they say only on passages of about that length). Per
window, each indicator and polarity the model reads at or above its threshold
(`passage_supporting_min`, `passage_red_flag_min`) becomes one signal of the declared rule
`<indicator>.passage_<polarity>`, unless a counted signal of that indicator already stands in the
window: the model reads what the rules are silent on; it does not count again, or contradict,
what they found.

A reading is a finding, not a quotation (`derived`): the model read the whole window, so its quote
says so, with the lines it read, its probability, and the sentence the model reads most strongly
that way (quoted, with its line, so that a reader can check it) and its words that weigh most;
that sentence is also its location.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy

from nextgen_assistant.signals.extractors import Extraction, Piece
from nextgen_assistant.signals.model import COUNTED_CONTEXTS, SignalLocation
from nextgen_assistant.signals.passage_words import DocWords
from nextgen_assistant.signals.passages import (
    PassageModel,
    Reading,
    readings_of,
    windows,
)
from nextgen_assistant.signals.pipeline import QUOTE_MAX_CHARS, text_of, token_chars

MIN_SHOWN = 60  # characters of the sentence that weighs most shown, however long the rest


def run(
    extraction: Extraction,
    model: PassageModel,
    counted_rules: Sequence[tuple[tuple[int, int], tuple[str, str]]],
) -> None:
    """Add the model's readings to `extraction`; `counted_rules` are the ((piece index, token),
    (indicator, polarity)) of the document's counted rule signals."""
    thresholds = extraction.lexicons.extractors.thresholds
    minimum = {
        "supporting": thresholds.passage_supporting_min,
        "red_flag": thresholds.passage_red_flag_min,
    }
    rules = extraction.lexicons.extractor_rules
    declared = extraction.compiled(
        f"{__name__}.declared",
        lambda: frozenset(rule.id for rule in rules if rule.extractor == "passages"),
    )
    pieces = extraction.pieces
    # Prose only: the model learned from passages, not from rosters and tables.
    sentences = [
        (index, bound)
        for index, piece in enumerate(pieces)
        if piece.block.kind != "table_row"
        for bound in piece.bounds
    ]
    per_doc: dict[int, DocWords] = {}
    for piece in pieces:
        if id(piece.doc) not in per_doc:
            per_doc[id(piece.doc)] = DocWords(piece.doc)
    readers = [per_doc[id(pieces[index].doc)] for index, _ in sentences]
    sentence_keys = [
        reader.keys(*bound) for reader, (_, bound) in zip(readers, sentences, strict=True)
    ]
    # What the rules and the other extractors found, per sentence.
    found_at: dict[tuple[int, tuple[int, int]], set[tuple[str, str]]] = {}
    for (index, token), side in counted_rules:
        found_at.setdefault((index, pieces[index].bound_at(token)), set()).add(side)
    for sentence, side in _extractor_sides(extraction, pieces, sentences):
        found_at.setdefault(sentence, set()).add(side)
    spans = windows(
        [reader.length(*bound) for reader, (_, bound) in zip(readers, sentences, strict=True)],
        thresholds.passage_window_words,
        thresholds.passage_min_words,
    )
    # Only windows of the kind of text the model learned from; one call to the model for all of
    # them (its cost is mostly per call). Every sentence's words in one array: a window's are a
    # slice of it, and whether the model knows each word is asked once.
    every = numpy.concatenate([numpy.zeros(0, dtype=numpy.uint64), *sentence_keys])
    cuts = numpy.cumsum([0, *map(len, sentence_keys)]).tolist()
    known = numpy.cumsum(model.is_known(every)).tolist() if len(model.known) else []
    readable = []
    for first, last in spans:
        low, high = cuts[first], cuts[last]
        keys = every[low:high]
        # as `model.known_share(keys)`: the known words' count over the window's
        share = 0.0
        if known and high > low:
            share = (known[high - 1] - (known[low - 1] if low else 0)) / (high - low)
        if share >= thresholds.passage_known_share_min and len(
            set(keys.tolist())
        ) >= thresholds.passage_distinct_share_min * len(keys):
            readable.append(((first, last), keys))
    rows = model.probabilities_of([keys for _, keys in readable])
    topics = extraction.compiled(
        f"{__name__}.red_flag_words",
        lambda: _red_flag_words(extraction, pieces),
    )
    found: list[tuple[int, int, list[Reading]]] = []
    for ((first, last), keys), row in zip(readable, rows, strict=True):
        already = {
            indicator
            for index in range(first, last)
            for indicator, _ in found_at.get(sentences[index], set())
        }
        readings = [
            reading
            for reading in readings_of(row.tolist(), minimum)
            if reading.indicator not in already
            and _rule_id(reading) in declared
            and _on_topic(reading, keys, topics)
        ]
        if readings:
            found.append((first, last, readings))
    for first, last, readings in found:

        def words(i: int, first: int = first) -> list[str]:
            return readers[first + i].words(*sentences[first + i][1])

        begins = _location(pieces, sentences[first])
        ends = _location(pieces, sentences[last - 1], at_end=True)
        for reading in readings:
            label = f"{reading.indicator}|{reading.polarity}"
            best, weighing = model.strongest(sentence_keys[first:last], label, words)
            index, bound = sentences[first + best]
            piece = pieces[index]
            text = text_of(piece.doc[bound[0] : bound[1]])
            strongest = (_location(pieces, sentences[first + best]), text)
            extraction.add(
                piece,
                None,
                rule=_rule_id(reading),
                matched=", ".join(weighing) or "the passage as a whole",
                confidence=round(reading.probability, 2),
                start_char=piece.doc[bound[0]].idx,
                quote=_summary(reading, weighing, (begins, ends), strongest),
                sources=[begins, ends] if ends != begins else [begins],
            )


def _red_flag_words(extraction: Extraction, pieces: Sequence[Piece]) -> dict[str, numpy.ndarray]:
    """Per indicator, the hashes (lower case, as the windows' keys) of the words a red-flag
    reading of it needs in its window (`passage_red_flag_words`)."""
    if not pieces:
        return {}
    strings = pieces[0].doc.vocab.strings
    return {
        indicator: numpy.array(sorted({strings.add(w.lower()) for w in words}), dtype=numpy.uint64)
        for indicator, words in extraction.lexicons.extractors.passage_red_flag_words.items()
    }


def _on_topic(reading: Reading, keys: numpy.ndarray, topics: dict[str, numpy.ndarray]) -> bool:
    """Whether a reading may stand: a red flag of an indicator with topic words only where its
    window names one ("the grant", "statewide"); every other reading always."""
    needed = topics.get(reading.indicator) if reading.polarity == "red_flag" else None
    return needed is None or bool(numpy.isin(keys, needed).any())


def _rule_id(reading: Reading) -> str:
    """The declared rule of a reading (`lexicons/shared/extractor_rules.yaml`)."""
    return f"{reading.indicator}.passage_{reading.polarity}"


def _location(
    pieces: Sequence[Piece], sentence: tuple[int, tuple[int, int]], *, at_end: bool = False
) -> SignalLocation:
    """Where a sentence begins (or, `at_end`, where its last word is)."""
    index, (start, end) = sentence
    piece = pieces[index]
    char = int(token_chars(piece.doc)[end - 1 if at_end else start])  # no Token made for it
    return SignalLocation(page=piece.block.page, line=piece.line_at(char))


def _summary(
    reading: Reading,
    weighing: list[str],
    read: tuple[SignalLocation, SignalLocation],
    strongest: tuple[SignalLocation, str],
) -> str:
    """What the model read, where, and why, as a finding (not a quotation): the lines it read,
    and the sentence that weighs most, quoted so that a reader can check it."""
    begins, ends = read
    if begins.page != ends.page:
        where = f"pages {begins.page}-{ends.page}"
    else:
        page = f"page {begins.page}, " if begins.page is not None else ""
        lines = (
            f"line {begins.line}"
            if begins.line == ends.line
            else f"lines {begins.line}-{ends.line}"
        )
        where = page + lines
    kind = "evidence for" if reading.polarity == "supporting" else "a red flag for"
    at, sentence = strongest
    line = f"page {at.page}, line {at.line}" if at.page is not None else f"line {at.line}"
    why = f" (the words that weigh most: {', '.join(weighing)})" if weighing else ""
    said = (
        f"Read as a whole, the passage at {where} reads like {kind} this indicator to the passage "
        f"model (probability {reading.probability:.2f}), most of all at {line}: "
    )
    # the sentence gets what a quote has room for (QUOTE_MAX_CHARS), so the finding is never cut;
    # where long words would leave it too little, the words give way
    room = QUOTE_MAX_CHARS - len(said) - len(why) - len('"".')
    if room < MIN_SHOWN:
        why, room = "", room + len(why)
    return f'{said}"{_excerpt(sentence, room)}"{why}.'


def _excerpt(text: str, limit: int) -> str:
    """A sentence on one line, at most `limit` characters: cut after a whole word where it has
    one to cut at, with " ..." where it was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = limit - len(" ...")
    head = text[:cut]
    if text[cut] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]  # not part of a word
    return head.rstrip(",;: ") + " ..."


def _extractor_sides(
    extraction: Extraction,
    pieces: Sequence[Piece],
    sentences: Sequence[tuple[int, tuple[int, int]]],
) -> list[tuple[tuple[int, tuple[int, int]], tuple[str, str]]]:
    """The sentences of each counted extractor signal, by its page and line (every sentence on
    that line: a long paragraph split into blocks keeps one line number). Only the sentences of
    blocks that hold such a line are located."""
    # A set per line: a long one-line paragraph can hold hundreds of extractor signals, and
    # every sentence on the line gets each side once (a list gave 2 MB of one line 400 MB).
    wanted: dict[tuple[int | None, int], set[tuple[str, str]]] = {}
    for signal in extraction.signals:
        if signal.context in COUNTED_CONTEXTS:
            where = (signal.location.page, signal.location.line)
            wanted.setdefault(where, set()).add((signal.indicator, signal.polarity))
    found: list[tuple[tuple[int, tuple[int, int]], tuple[str, str]]] = []
    if not wanted:
        return found
    holds: dict[int, bool] = {}  # piece index: its block holds a wanted line
    for sentence in sentences:
        index = sentence[0]
        if index not in holds:
            block = pieces[index].block
            last = block.line + block.text.count("\n")
            holds[index] = any(
                page == block.page and block.line <= line <= last for page, line in wanted
            )
        if not holds[index]:
            continue
        first, end = _location(pieces, sentence), _location(pieces, sentence, at_end=True)
        for line in range(first.line, end.line + 1):
            for side in wanted.get((first.page, line), ()):
                found.append((sentence, side))
    return found
