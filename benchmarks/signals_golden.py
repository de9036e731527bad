"""The checker's complete output on the labeled document sets, as a canonical JSON: the contract
that a faster checker finds exactly what the old one found.

    python benchmarks/signals_golden.py --check            # compare with tests/data/signals_golden.json.gz
    python benchmarks/signals_golden.py --write            # store it (only when a lexicon change is intended)
    python benchmarks/signals_golden.py --corpus benchmarks/corpus --docs 200 --write --golden /tmp/corpus_golden.json.gz
    python benchmarks/signals_golden.py --corpus benchmarks/corpus --docs 200 --check --golden /tmp/corpus_golden.json.gz

Every document of `sample_docs/`, `dev_docs/` and `heldout_docs/` (walked as `nextgen scan`
walks a folder; as of 2026-11-25) is checked twice: as `nextgen scan` reports it (the strongest
signal per sentence) and with every rule signal kept (`one_per_sentence=False`). Every field of
every signal, in order, and every `DocumentFacts` field are dumped with sorted keys. With
`--corpus`, the benchmark corpus (or its first `--docs` documents) is checked instead.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from nextgen_assistant.documents import read_document_parts, walk_paths  # noqa: E402
from nextgen_assistant.signals.checker import Checker  # noqa: E402
from nextgen_assistant.signals.scan import ScanSettings, scan_one  # noqa: E402

AS_OF = date(2026, 11, 25)
LABELED_SETS = ("sample_docs", "dev_docs", "heldout_docs")
GOLDEN = REPO / "tests" / "data" / "signals_golden.json.gz"
REGENERATE = "python benchmarks/signals_golden.py --write"


def _documents(folders: list[Path], limit: int | None) -> Iterator[tuple[Path, str]]:
    count = 0
    for entry in walk_paths(folders):
        if entry.action != "read":
            continue
        if limit is not None and count >= limit:
            return
        count += 1
        yield entry.path, entry.name


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return path.name


def golden(corpus: Path | None = None, docs: int | None = None) -> dict[str, Any]:
    """Every labeled (or corpus) document's output: {relative path: {...}}."""
    settings = ScanSettings(as_of=AS_OF)
    checker = Checker()
    # Relative to the repository, so paths in the output (and the golden) are the same in any
    # checkout.
    os.chdir(REPO)
    folders = [corpus] if corpus is not None else [Path(name) for name in LABELED_SETS]
    out: dict[str, Any] = {}
    for path, name in _documents(folders, docs):
        scanned = scan_one(path, settings, name)
        every: list[dict[str, Any]] = []
        facts: list[dict[str, Any]] = []
        for part in read_document_parts(path, settings.limits):
            result = checker.check_document(part, AS_OF, one_per_sentence=False)
            every += [s.model_dump(mode="json") for s in result.signals]
            facts.append(result.facts.model_dump(mode="json"))
        out[_relative(path)] = {
            "scan": scanned.model_dump(mode="json"),
            "all_signals": every,
            "all_facts": facts,
        }
    if corpus is None:
        out["lexicon examples"] = _examples(checker)
    return out


def _examples(checker: Checker) -> dict[str, Any]:
    """Every example sentence of the lexicons (rules', context cues', false friends'), checked
    as free text with every rule signal kept: each rule, cue and false friend at work at least
    once, where the labeled documents may never use it."""
    lexicons = checker.lexicons
    texts: list[str] = []
    for rule in lexicons.rules:
        texts += [*rule.examples.match, *rule.examples.no_match]
    for cue in lexicons.context.cues:
        texts += [*cue.examples.match, *cue.examples.no_match]
    for friend in lexicons.false_friends.false_friends:
        texts += [*friend.examples.match, *friend.examples.no_match]
    out: dict[str, Any] = {}
    for text in dict.fromkeys(texts):
        result = checker.check_text(text, AS_OF, one_per_sentence=False)
        out[text] = [s.model_dump(mode="json") for s in result.signals]
    return out


def canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False).encode("utf-8")


def load(path: Path) -> dict[str, Any]:
    with gzip.open(path, "rb") as file:
        return json.loads(file.read().decode("utf-8"))  # type: ignore[no-any-return]


def store(data: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same output gives the same bytes, so git sees no change.
    with gzip.GzipFile(path, "wb", mtime=0) as file:
        file.write(canonical(data))


def differences(expected: Any, actual: Any, where: str = "", limit: int = 20) -> list[str]:
    """The first differences between two JSON values, each as 'path: expected ... got ...'."""
    found: list[str] = []

    def walk(a: Any, b: Any, at: str) -> None:
        if len(found) >= limit:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b)):
                if key not in b:
                    found.append(f"{at}/{key}: missing now (was {_short(a[key])})")
                elif key not in a:
                    found.append(f"{at}/{key}: new (now {_short(b[key])})")
                else:
                    walk(a[key], b[key], f"{at}/{key}")
        elif isinstance(a, list) and isinstance(b, list):
            for index, (x, y) in enumerate(zip(a, b, strict=False)):
                walk(x, y, f"{at}[{index}]")
            if len(a) != len(b):
                found.append(f"{at}: {len(a)} items before, {len(b)} now")
        elif a != b:
            found.append(f"{at}: expected {_short(a)}, got {_short(b)}")

    walk(expected, actual, where)
    return found


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 200 else text[:200] + "…"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="store the output as the golden")
    action.add_argument("--check", action="store_true", help="compare with the golden")
    parser.add_argument("--corpus", type=Path, help="a benchmark corpus folder instead")
    parser.add_argument("--docs", type=int, help="only the first N documents of the corpus")
    parser.add_argument("--golden", type=Path, help=f"the golden file (default {GOLDEN})")
    args = parser.parse_args()
    if args.corpus is not None and args.golden is None:
        parser.error("--corpus needs --golden (the corpus is not in git; keep its golden in /tmp)")
    target = args.golden or GOLDEN
    corpus = args.corpus.resolve() if args.corpus is not None else None
    target = target.resolve()
    data = golden(corpus, args.docs)
    signals = sum(len(d["all_signals"]) for k, d in data.items() if k != "lexicon examples")
    if args.write:
        store(data, target)
        print(f"wrote {target}: {len(data)} documents, {signals} signals (every rule signal)")
        return 0
    found = differences(load(target), data)
    if found:
        print(f"DIFFERENT from {target}:")
        print("\n".join(found))
        return 1
    print(f"identical to {target}: {len(data)} documents, {signals} signals")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
