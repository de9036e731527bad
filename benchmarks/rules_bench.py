"""What adding rules costs the checker:

    python benchmarks/rules_bench.py [--docs 200] [--rules 300]

Writes `--rules` new rules to a temporary lexicons folder (each with two phrases and two token
patterns of the shapes the shipped rules use: a word class such as @business_nouns, then words
of its own, with optional and repeated tokens; their own words do not occur in the corpus, as
most of a new rule's words do not occur in most documents), and checks the benchmark corpus's
first `--docs` documents with and without them, alternating, best of three, CPU time. A rule
whose words are not in a document costs that document one AND of bits per pattern and nothing
in the phrase matcher's pass.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.scan_bench import AS_OF
from nextgen_assistant.documents import Document, read_document
from nextgen_assistant.signals.checker import Checker

INDICATORS = (
    "industry_driven_agenda",
    "private_sector_leadership",
    "sustainability",
    "shared_action_plan",
    "measurable_results",
)


def _rules(count: int) -> str:
    lines = ["indicator: {indicator}", "rules:"]
    for number in range(count):
        word = f"zorbify{number}"
        lines += [
            f"  - id: {{indicator}}.extra_{number}",
            "    polarity: supporting",
            f"    phrases: [quuxal plan {number}, {word} roadmap]",
            "    patterns:",
            f'      - [{{LEMMA: {{IN: ["@business_nouns"]}}}}, {{LOWER: {{IN: [also, jointly]}}, OP: "?"}}, {{LOWER: {word}}}]',
            f'      - [{{LOWER: {word}}}, {{IS_PUNCT: false, OP: "{{0,3}}"}}, {{LEMMA: {{IN: [plan, agenda, priority]}}}}]',
            f'    examples: {{match: ["Employers {word} the work.", "We {word} the plan."]}}',
        ]
    return "\n".join(lines) + "\n"


def _time(checker: Checker, documents: list[Document]) -> float:
    start = time.process_time()
    for document in documents:
        checker.check_document(document, AS_OF)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--rules", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parent / "corpus")
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("doc-*"))[: args.docs]
    if not paths:
        parser.error(f"no corpus in {args.corpus}: run python benchmarks/scan_bench.py first")
    documents = [read_document(p) for p in paths]
    with tempfile.TemporaryDirectory() as folder:
        per_file = -(-args.rules // len(INDICATORS))
        for indicator in INDICATORS:
            text = _rules(per_file).replace("{indicator}", indicator)
            (Path(folder) / f"{indicator}.yaml").write_text(text, encoding="utf-8")
        plain = Checker()
        more = Checker(extra_lexicons=(Path(folder),))
        added = len(more.lexicons.rules) - len(plain.lexicons.rules)
        _time(plain, documents)
        _time(more, documents)
        best_plain = best_more = float("inf")
        for _ in range(3):
            best_plain = min(best_plain, _time(plain, documents))
            best_more = min(best_more, _time(more, documents))
    print(
        f"{len(documents)} documents: {len(plain.lexicons.rules)} rules {best_plain:.2f} s, "
        f"{len(plain.lexicons.rules) + added} rules ({added} added, "
        f"{2 * added} more token patterns) {best_more:.2f} s: "
        f"{best_more / best_plain - 1:+.1%} time"
    )


if __name__ == "__main__":
    main()
