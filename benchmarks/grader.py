"""Grader throughput and latency against bare fugashi tokenisation, on 20,000+ answers.

    .venv/bin/python benchmarks/grader.py [--answers 20000]

Answers are generated from the accepted answers of the grading corpus
(tests/grading/corpus/*.toml) the way students produce them: the original
spelling, all-kana, romaji (also full-width and with spaces), and single
mistakes (particle swapped, long vowel or small っ or voicing mark dropped,
tense/polarity/politeness changed, a phrase dropped, the predicate moved to
the front). Every answer is distinct.

In the same run it times fugashi tokenising each of the same answers with
lemma and reading access. ratio_to_tokenize = tokenise time / grade time
(goal >= 0.5: grading costs at most twice a tokenisation); p99 goal <= 2 ms.
The grader caches its verdict per (accepted answer, reading), so answers that
differ only in script, width or spacing are judged once; the run also reports
the figures with that cache emptied before every answer.
The JSON result is printed as the last line and written to
docs/benchmarks/grader.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARTICLES = ["は", "が", "を", "に", "で", "へ", "と", "も"]
ENDINGS = [
    ("ます", "ました"),
    ("ます", "ません"),
    ("ます", "る"),
    ("です", "でした"),
    ("ください", "くださいました"),
    ("ました", "ます"),
    ("ません", "ます"),
]
VOICED = dict(
    zip(
        "がぎぐげござじずぜぞだぢづでどばびぶべぼ",
        "かきくけこさしすせそたちつてとはひふへほ",
        strict=True,
    )
)


def accepted_sentences() -> list[str]:
    found: dict[str, None] = {}
    for path in sorted((ROOT / "tests" / "grading" / "corpus").glob("*.toml")):
        with path.open("rb") as fh:
            for case in tomllib.load(fh).get("case", []):
                for accepted in case["accepted"]:
                    found.setdefault(accepted, None)
    return list(found)


def _mutations(phrases: list[str], rng: random.Random) -> list[list[str]]:
    """The phrase list itself, then single mistakes, each in one phrase."""
    out = [list(phrases)]
    last = len(phrases) - 1
    for k, phrase in enumerate(phrases):

        def changed(new: str, k: int = k) -> list[str]:
            return phrases[:k] + [new] + phrases[k + 1 :]

        for i, c in enumerate(phrase):
            if c in PARTICLES and i == len(phrase) - 1 and k < last:
                for other in rng.sample(PARTICLES, 2):
                    if other != c:
                        out.append(changed(phrase[:i] + other))
            if c in VOICED:
                out.append(changed(phrase[:i] + VOICED[c] + phrase[i + 1 :]))
            if c in "うい" and i > 0:
                out.append(changed(phrase[:i] + phrase[i + 1 :]))
            if c == "っ":
                out.append(changed(phrase[:i] + phrase[i + 1 :]))
        if k < last:
            out.append(phrases[:k] + phrases[k + 1 :])  # a phrase left out
    for old, new in ENDINGS:
        if phrases[last].endswith(old):
            out.append(changed_last(phrases, phrases[last][: -len(old)] + new))
    if len(phrases) > 1:
        out.append([phrases[last], *phrases[:last]])  # predicate first
        out.append([*reversed(phrases[:last]), phrases[last]])  # free order
    return out


def changed_last(phrases: list[str], new: str) -> list[str]:
    return [*phrases[:-1], new]


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def variants(accepted: str, rng: random.Random) -> list[str]:
    """How students type this sentence, right and with one mistake, in several scripts."""
    import wanakana

    from jlpt_app.grading.target import build_target

    target = build_target(accepted)
    kana = [p.reading for p in target.phrases]
    surface = [p.surface for p in target.phrases]
    out = ["".join(surface), "".join(surface) + "。"]
    for phrases in _mutations(kana, rng):
        romaji = [wanakana.to_romaji(p) for p in phrases]
        out += [
            "".join(phrases),
            " ".join(phrases),
            "".join(phrases) + rng.choice(["。", "！", "?", "…"]),
            "".join(romaji),
            " ".join(romaji),
            _fullwidth(" ".join(romaji)),
            # Kanji where the phrase is unchanged, kana where the student slipped.
            "".join(
                s if s_kana == p else p
                for s, s_kana, p in zip(surface, kana, phrases, strict=False)
            ),
            "、".join(phrases),
            " ".join(_by_sound(r) for r in romaji),
            " ".join(_by_sound(r) for r in romaji).capitalize() + ".",
        ]
    # The right answer with some phrases in kanji and the others in kana.
    for mask in range(1, min(2 ** len(kana), 16)):
        out.append(
            "".join(
                s if mask >> i & 1 else k
                for i, (s, k) in enumerate(zip(surface, kana, strict=True))
            )
        )
    return out


def _by_sound(romaji_phrase: str) -> str:
    """Particles written as they sound, as most romaji typists do: ha -> wa, wo -> o."""
    for written, said in (("ha", "wa"), ("wo", "o"), ("he", "e")):
        if romaji_phrase.endswith(written) and len(romaji_phrase) > len(written):
            return romaji_phrase[: -len(written)] + " " + said
    return romaji_phrase


def build_answers(n: int, seed: int = 20261122) -> list[tuple[str, list[str]]]:
    rng = random.Random(seed)
    sentences = accepted_sentences()
    seen: set[tuple[str, str]] = set()
    answers: list[tuple[str, list[str]]] = []
    for accepted in sentences:
        for answer in variants(accepted, rng):
            if (answer, accepted) not in seen:
                seen.add((answer, accepted))
                answers.append((answer, [accepted]))
    rng.shuffle(answers)
    if len(answers) < n:
        raise SystemExit(f"only {len(answers)} distinct answers from {len(sentences)} sentences")
    return answers[:n]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=20000)
    args = parser.parse_args()

    from jlpt_app.grading import grade, judge
    from jlpt_app.grading.analyse import analyse, tagger

    answers = build_answers(args.answers)
    accepted = {a[0] for _, a in answers}
    tag = tagger()
    # Warm-up outside the timings: dictionary load, and each accepted answer
    # analysed once (the grader caches those by design).
    for sentence in accepted:
        grade(sentence, [sentence])
    analyse.cache_clear()  # answer-side caches start empty

    tokenise_ns = []
    for answer, _ in answers:
        start = time.perf_counter_ns()
        for word in tag(answer):
            _ = (word.feature.lemma, word.feature.kana)
        tokenise_ns.append(time.perf_counter_ns() - start)

    judge.cache_clear()
    grade_ns = []
    verdicts = {"correct": 0, "mistake": 0}
    for answer, acc in answers:
        start = time.perf_counter_ns()
        g = grade(answer, acc)
        grade_ns.append(time.perf_counter_ns() - start)
        verdicts["correct" if g.correct else "mistake"] += 1
    shared = judge.cache_info().hits

    # The same answers again with the result cache emptied before each one: the cost
    # when no two answers share a reading (the per-target caches stay, as designed).
    uncached_ns = []
    for answer, acc in answers:
        judge.cache_clear()
        analyse.cache_clear()
        start = time.perf_counter_ns()
        grade(answer, acc)
        uncached_ns.append(time.perf_counter_ns() - start)
    total_uncached = sum(uncached_ns) / 1e9

    total_grade, total_tok = sum(grade_ns) / 1e9, sum(tokenise_ns) / 1e9
    result = {
        "answers": len(answers),
        "accepted_sentences": len(accepted),
        "correct": verdicts["correct"],
        "mistakes": verdicts["mistake"],
        "grade_seconds": round(total_grade, 3),
        "tokenize_seconds": round(total_tok, 3),
        "throughput_per_second": round(len(answers) / total_grade, 1),
        "p50_ms": round(percentile(grade_ns, 0.50) / 1e6, 3),
        "p99_ms": round(percentile(grade_ns, 0.99) / 1e6, 3),
        "tokenize_p50_ms": round(percentile(tokenise_ns, 0.50) / 1e6, 3),
        "ratio_to_tokenize": round(total_tok / total_grade, 3),
        "answers_sharing_a_reading": shared,
        "uncached_grade_seconds": round(total_uncached, 3),
        "uncached_p99_ms": round(percentile(uncached_ns, 0.99) / 1e6, 3),
        "uncached_ratio_to_tokenize": round(total_tok / total_uncached, 3),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(
        f"graded {result['answers']} answers ({result['correct']} correct) "
        f"from {result['accepted_sentences']} accepted sentences"
    )
    print(
        f"throughput {result['throughput_per_second']}/s, p50 {result['p50_ms']} ms, "
        f"p99 {result['p99_ms']} ms (goal <= 2 ms)"
    )
    print(
        f"tokenise only: {result['tokenize_seconds']} s; grade: {result['grade_seconds']} s; "
        f"ratio_to_tokenize {result['ratio_to_tokenize']} (goal >= 0.5)"
    )
    print(
        f"{shared} answers shared a reading with an earlier one (result cache); "
        f"with that cache emptied before every answer: {result['uncached_grade_seconds']} s, "
        f"p99 {result['uncached_p99_ms']} ms, ratio {result['uncached_ratio_to_tokenize']}"
    )
    out = ROOT / "docs" / "benchmarks" / "grader.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
