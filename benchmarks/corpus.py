"""A corpus of fictional partnership documents in every format, by the thousand, with a fixed seed.

    python benchmarks/corpus.py --docs 1000 --words 1500 --out benchmarks/corpus

Sentences come from the lexicons' own examples (so the checker has real work) mixed with
ordinary meeting-note prose, in paragraphs, lists and tables.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.writers import write_csv, write_docx, write_html, write_pdf
from nextgen_assistant.signals.lexicon import load_lexicons

FILLER = [
    "The meeting started at nine with coffee provided by the host plant.",
    "Members reviewed the minutes from the previous session and approved them without changes.",
    "A representative described the hiring outlook for the coming quarter in some detail.",
    "The group discussed scheduling for the next tour of the training center.",
    "Several participants asked for the slides to be shared after the meeting.",
    "The facilitator summarized the discussion and thanked everyone for attending.",
    "Attendees broke into small groups to talk about recruiting challenges in rural towns.",
    "The treasurer presented the quarterly budget and answered questions from members.",
    "Next month the group will meet at the community center on Main Street.",
    "Staff circulated a sign-up sheet for the spring career fair.",
]
COMPANIES = [
    "Acme Tool Inc",
    "Valley Plastics LLC",
    "Summit Foods Corp",
    "Ridge Health System",
    "Canyon Logistics LLC",
]
PUBLIC = [
    "Weld County Workforce Center",
    "Aims Community College",
    "Greeley Chamber of Commerce",
    "Poudre School District",
]
FORMATS = ["txt", "md", "docx", "pdf", "html", "csv"]


def _sentences(rng: random.Random, bank: list[str], words: int) -> list[str]:
    out: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(bank) if rng.random() < 0.35 else rng.choice(FILLER)
        out.append(sentence)
        count += len(sentence.split())
    return out


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[str]:
    paragraphs, index = [], 0
    while index < len(sentences):
        size = rng.randint(3, 7)
        paragraphs.append(" ".join(sentences[index : index + size]))
        index += size
    return paragraphs


def make_corpus(out: Path, documents: int, words: int, seed: int = 7) -> list[Path]:
    """Write the corpus; return the paths."""
    rng = random.Random(seed)
    bank = [s for rule in load_lexicons().rules for s in rule.examples.match]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(documents):
        kind = FORMATS[number % len(FORMATS)]
        path = out / f"doc-{number:05d}.{kind}"
        title = f"Partnership document {number}"
        if kind == "csv":
            rows = [["Name", "Organization", "Sector", "Notes"]]
            while sum(len(" ".join(r).split()) for r in rows) < words:
                public = rng.random() < 0.4
                organization = rng.choice(PUBLIC if public else COMPANIES)
                rows.append(
                    [
                        f"Member {len(rows)}",
                        organization,
                        "Public" if public else "Business",
                        rng.choice(FILLER),
                    ]
                )
            write_csv(path, rows)
        else:
            paragraphs = _paragraphs(rng, _sentences(rng, bank, words))
            if kind == "txt":
                path.write_text(
                    f"{title.upper()}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
                )
            elif kind == "md":
                path.write_text(
                    f"# {title}\n\n"
                    + "\n\n".join(f"- {p}" if i % 4 == 3 else p for i, p in enumerate(paragraphs))
                    + "\n",
                    encoding="utf-8",
                )
            elif kind == "docx":
                write_docx(path, [("Heading 1", title)] + [("", p) for p in paragraphs])
            elif kind == "html":
                write_html(path, title, paragraphs)
            else:
                lines: list[str] = []
                for paragraph in paragraphs:
                    words_in = paragraph.split()
                    lines += [
                        " ".join(words_in[i : i + 14]) for i in range(0, len(words_in), 14)
                    ] + [""]
                pages = [lines[i : i + 44] for i in range(0, len(lines), 44)]
                write_pdf(path, pages)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "corpus")
    args = parser.parse_args()
    paths = make_corpus(args.out, args.docs, args.words, args.seed)
    print(f"wrote {len(paths)} documents to {args.out}")


if __name__ == "__main__":
    main()
