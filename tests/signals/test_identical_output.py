"""The checker's output is a contract: every field of every signal and fact on every labeled
document (and every lexicon example) is what `tests/data/signals_golden.json.gz` holds. A speed-up
must not change it; a lexicon change that means to regenerates the golden."""

from __future__ import annotations

from benchmarks.signals_golden import GOLDEN, REGENERATE, differences, golden, load


def test_output_identical_to_the_golden() -> None:
    expected = load(GOLDEN)
    actual = golden()
    problems: list[str] = []
    for document in sorted(set(expected) | set(actual)):
        if document not in actual:
            problems.append(f"{document}: no longer checked")
            continue
        if document not in expected:
            problems.append(f"{document}: not in the golden")
            continue
        # /scan/signals[3]/context: the document, then the signal's place and its field.
        found = differences(expected[document], actual[document], "", limit=5)
        problems += [f"{document}: {line}" for line in found]
        if len(problems) >= 20:
            break
    assert not problems, (
        "the checker's output changed (document: where / signal index / field):\n  "
        + "\n  ".join(problems[:20])
        + f"\nIf a lexicon change is intended, regenerate the golden: {REGENERATE}"
    )


def test_two_checkers_in_two_threads_find_what_each_finds_alone() -> None:
    """The spaCy pipeline (and its table of word facts) is shared by every checker of a
    process: the app checks an answer in one thread while a scan runs in another. Words new to
    the process are added from both at once; each answer must still be what it is alone."""
    import threading
    from datetime import date

    from nextgen_assistant.signals.checker import Checker

    day = date(2026, 11, 25)
    checkers = [Checker(), Checker()]
    texts = [
        [
            f"Employers chose three priorities at Qorvex{side}x{n} Works, not the county. "
            f"The grant ends in June and members pay dues to Blenthar{side}{n} Corp."
            for n in range(40)
        ]
        for side in range(2)
    ]
    found: list[list[object]] = [[], []]

    def run(side: int) -> None:
        found[side] = [checkers[side].check_text(t, day).signals for t in texts[side]]

    threads = [threading.Thread(target=run, args=(side,)) for side in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for side in range(2):
        alone = [checkers[side].check_text(t, day).signals for t in texts[side]]
        assert found[side] == alone
