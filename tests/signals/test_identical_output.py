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
