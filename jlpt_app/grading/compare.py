"""Judge one answer key against one target: exact match first, then a diagnosis.

Comparison is on readings, phrase by phrase, with the target guiding where the
answer's phrases are; the answer's own segmentation is never trusted (kana-only
input is often mis-segmented by MeCab).
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import product

from jlpt_app.grading.analyse import Morpheme, analyse
from jlpt_app.grading.feedback import issue
from jlpt_app.grading.normalize import fold
from jlpt_app.grading.reading import AnswerReading
from jlpt_app.grading.target import PARTICLE_SOUNDS, Phrase, Target, Unit, build_target
from jlpt_app.grading.verdict import Issue

UNRELATED_BELOW = 0.35  # similarity under which an answer is judged unrelated
VOWELS = set("あいうえおー")


# --- alternatives -------------------------------------------------------------------


def _unit_alternatives(unit: Unit, romaji: bool) -> tuple[str, ...]:
    alts = [fold(r, lenient_vowels=romaji) for r in unit.readings]
    if romaji and unit.role == "particle" and unit.surface in PARTICLE_SOUNDS:
        alts.append(PARTICLE_SOUNDS[unit.surface])
    return tuple(dict.fromkeys(alts))


@lru_cache(maxsize=4096)
def alternatives(source: str, romaji: bool) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Per phrase, per unit, the folded spellings that count as right."""
    target = build_target(source)
    return tuple(
        tuple(_unit_alternatives(u, romaji) for u in phrase.units) for phrase in target.phrases
    )


def _phrase_spellings(phrase_alts: tuple[tuple[str, ...], ...], limit: int = 16) -> list[str]:
    combos = []
    for combo in product(*phrase_alts):
        combos.append("".join(combo))
        if len(combos) >= limit:
            break
    return combos


def _matches(key: str, units: list[tuple[str, ...]]) -> bool:
    """Can `key` be spelt unit by unit from the alternatives, exactly?"""

    def rec(pos: int, i: int) -> bool:
        if i == len(units):
            return pos == len(key)
        return any(key.startswith(alt, pos) and rec(pos + len(alt), i + 1) for alt in units[i])

    return rec(0, 0)


# --- phrase order -------------------------------------------------------------------


def _phrase_order(key: str, alts) -> list[int]:
    """Pre-predicate phrases sorted by where they appear in the answer (free word order)."""
    last = len(alts) - 1
    found = []
    for index in range(last):
        positions = [key.find(s) for s in _phrase_spellings(alts[index]) if s]
        positions = [p for p in positions if p >= 0]
        found.append((min(positions) if positions else None, index))
    anchored = [(p, i) for p, i in found if p is not None]
    if len(anchored) < 2:
        return list(range(len(alts)))
    order_of_found = [i for _, i in sorted(anchored)]
    slots = iter(order_of_found)
    order = [next(slots) if p is not None else i for p, i in found]
    return [*order, last]


def exact_match(key: str, source: str, romaji: bool) -> bool:
    alts = alternatives(source, romaji)
    flat = [u for phrase in alts for u in phrase]
    if _matches(key, flat):
        return True
    order = _phrase_order(key, alts)
    if order == list(range(len(alts))):
        return False
    return _matches(key, [u for i in order for u in alts[i]])


# --- typo classes -------------------------------------------------------------------


def _base(kana: str) -> str:
    return unicodedata.normalize("NFD", kana)[0]


_SMALL = dict(zip("ゃゅょぁぃぅぇぉ", "やゆよあいうえお", strict=True))


def typo_class(expected: str, got: str) -> str | None:
    """The kind of slip that turns `expected` into `got`, or None if it is more than a slip."""
    if not expected or not got or expected == got:
        return None
    if abs(len(expected) - len(got)) > 2:
        return None
    ops = [
        op
        for op in SequenceMatcher(None, expected, got, autojunk=False).get_opcodes()
        if op[0] != "equal"
    ]
    changed = sum(max(i2 - i1, j2 - j1) for _, i1, i2, j1, j2 in ops)
    if changed > max(1, len(expected) // 3):
        return None
    tag, i1, i2, j1, j2 = ops[0]
    piece = expected[i1:i2] if tag == "delete" else got[j1:j2]
    if tag in ("insert", "delete"):
        if set(piece) <= VOWELS:
            return "long_vowel"
        if set(piece) <= {"っ"}:
            return "small_tsu"
        return "kana" if len(expected) >= 3 else None
    a, b = expected[i1:i2], got[j1:j2]
    if len(a) == len(b) == 1:
        if {a, b} in ({"ず", "づ"}, {"じ", "ぢ"}):
            return "zu_dzu"
        if _base(a) == _base(b):
            return "dakuten"
        if _SMALL.get(a) == b or _SMALL.get(b) == a:
            return "small_kana"
        if {a, b} <= VOWELS | {"っ"} or "っ" in (a, b):
            return "small_tsu" if "っ" in (a, b) else "long_vowel"
        return "kana" if len(expected) >= 3 else None
    return "kana" if len(expected) >= 4 else None


# --- predicate ----------------------------------------------------------------------


def _head(morphemes: tuple[Morpheme, ...]) -> Morpheme | None:
    for m in morphemes:
        if m.is_content and m.pos1 != "接頭辞":
            return m
    return None


def _features(morphemes: tuple[Morpheme, ...]) -> dict[str, bool]:
    aux = [m for m in morphemes if m.pos1 == "助動詞"]
    return {
        "polite": any(m.lemma in ("ます", "です") for m in aux),
        "past": any(m.lemma == "た" for m in aux),
        "negative": any(m.lemma in ("ない", "ぬ", "ず") for m in aux)
        or any(m.pos1 == "形容詞" and m.lemma in ("無い", "ない") for m in morphemes[1:]),
    }


def _malformed(morphemes: tuple[Morpheme, ...]) -> bool:
    """Forms no Japanese speaker writes: 食べるます, 書きて, 洗いて, 高いでした."""
    for prev, m in zip(morphemes, morphemes[1:], strict=False):
        if not m.known or not prev.known:
            return True
        if (
            prev.pos1 in ("動詞", "形容詞")
            and prev.conj_form.startswith("終止形")
            and (m.lemma == "ます")
        ):
            return True
        if (
            prev.pos1 == "動詞"
            and prev.conj_type.startswith("五段")
            and not prev.conj_type.startswith("五段-サ行")
            and prev.conj_form == "連用形-一般"
            and m.surface in ("て", "た", "で", "だ", "たら", "たり")
        ):
            return True
        if prev.pos1 == "形容詞" and prev.conj_form.startswith("終止形") and m.lemma == "です":
            nxt = morphemes[morphemes.index(m) + 1 :]
            if nxt and nxt[0].lemma == "た":
                return True
    return False


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def judge_predicate(expected: Phrase, target: Target, got: str) -> Issue | None:
    want = expected.reading
    shown = expected.surface
    if not got:
        return issue("missing", shown, None)
    exp_m = target.predicate
    ans_m = analyse(got)
    exp_head, ans_head = _head(exp_m), _head(ans_m)
    stem = exp_head.reading if exp_head else want
    stem_len = (
        max(1, min(len(stem) - 1, 2)) if exp_head and exp_head.conj_form != "*" else len(stem)
    )
    same_word = (
        exp_head is not None and ans_head is not None and exp_head.lemma == ans_head.lemma
    ) or _common_prefix(got, fold(want)) >= max(1, stem_len)
    if not same_word:
        slip = typo_class(fold(want), got)
        if slip:
            return issue("typo", shown, got, slip)
        return issue("word", shown, got)
    if _malformed(ans_m):
        return issue("conjugation", shown, got)
    fe, fa = _features(exp_m), _features(ans_m)
    if fe["past"] != fa["past"]:
        return issue("tense", shown, got, "past" if fe["past"] else "nonpast")
    if fe["negative"] != fa["negative"]:
        return issue("polarity", shown, got, "negative" if fe["negative"] else "affirmative")
    if fe["polite"] != fa["polite"]:
        return issue("politeness", shown, got, "" if fe["polite"] else "too_polite")
    slip = typo_class(fold(want), got)
    if slip and slip != "kana":
        return issue("typo", shown, got, slip)
    return issue("conjugation", shown, got)


# --- alignment ----------------------------------------------------------------------


def _choose(alts: tuple[str, ...], key: str) -> str:
    for alt in alts:
        if alt and alt in key:
            return alt
    return alts[0]


def _segments(target_str: str, key: str, bounds: list[tuple[int, int]]):
    """The answer characters aligned to each target span, and unaligned insertions.

    Returns (segments, gaps): segments[k] = (start, end) in key for bounds[k];
    gaps = [(boundary index k, inserted text)] for text inserted between spans.
    """
    owner = [0] * (len(target_str) + 1)
    for k, (s, e) in enumerate(bounds):
        for t in range(s, e):
            owner[t] = k
    starts = [None] * len(bounds)
    ends = [None] * len(bounds)
    gaps: list[tuple[int, str]] = []

    def cover(k: int, j1: int, j2: int) -> None:
        starts[k] = j1 if starts[k] is None else min(starts[k], j1)
        ends[k] = j2 if ends[k] is None else max(ends[k], j2)

    sm = SequenceMatcher(None, target_str, key, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "insert":
            k_before = owner[i1 - 1] if i1 > 0 else None
            k_after = owner[i1] if i1 < len(target_str) else None
            if k_before is not None and k_before == k_after:
                cover(k_before, j1, j2)  # inside a span: part of that phrase
            else:
                gaps.append((i1, key[j1:j2]))
            continue
        n = i2 - i1
        for t in range(i1, i2):
            a = j1 + (t - i1) * (j2 - j1) // n
            b = j1 + (t - i1 + 1) * (j2 - j1) // n
            cover(owner[t], a, b)
    segments = []
    for k in range(len(bounds)):
        if starts[k] is None:
            segments.append((0, 0))
        else:
            segments.append((starts[k], ends[k]))
    return segments, gaps, sm.ratio()


def diagnose(answer: AnswerReading, target: Target) -> tuple[list[Issue], float]:
    """Issues found, and the similarity (0..1) of the answer to this target."""
    key = answer.key
    alts = alternatives(target.source, answer.romaji)
    issues: list[Issue] = []

    order = _phrase_order(key, alts)
    # Predicate before another phrase: an order mistake; compare in the answer's order.
    pred = len(alts) - 1
    pred_pos = min(
        (p for p in (key.find(s) for s in _phrase_spellings(alts[pred])) if p >= 0),
        default=-1,
    )
    if pred_pos >= 0:
        later = []
        for i in range(pred):
            hits = [key.find(s, pred_pos + 1) for s in _phrase_spellings(alts[i])]
            if any(h > pred_pos for h in hits):
                later.append(i)
        if later:
            issues.append(issue("order", target.phrases[pred].surface, None))
            order = [i for i in order if i not in later and i != pred] + [pred] + later

    pieces, bounds, unit_spans = [], [], []
    pos = 0
    for i in order:
        start = pos
        for unit, unit_alts in zip(target.phrases[i].units, alts[i], strict=True):
            chosen = _choose(unit_alts, key)
            unit_spans.append((i, unit, pos, pos + len(chosen)))
            pieces.append(chosen)
            pos += len(chosen)
        bounds.append((start, pos))
    target_str = "".join(pieces)
    segments, gaps, similarity = _segments(target_str, key, bounds)
    if not key or similarity < UNRELATED_BELOW:
        return [issue("word" if key else "missing", target.text, key or None)], similarity

    for k, i in enumerate(order):
        phrase = target.phrases[i]
        s, e = segments[k]
        got = key[s:e]
        if _matches(got, list(alts[i])):
            continue
        if i == pred:
            found = judge_predicate(phrase, target, got)
            if found:
                issues.append(found)
            continue
        issues.extend(_judge_phrase(phrase, alts[i], got))

    for _boundary, text in gaps:
        issues.append(issue("extra", None, text))

    if not answer.romaji:
        issues.extend(_script_issues(unit_spans, target_str, answer))
    return issues, similarity


def _judge_phrase(phrase: Phrase, alts, got: str) -> list[Issue]:
    n_content = len(phrase.content)
    content_alts = _phrase_spellings(alts[:n_content])
    particle_alts = _phrase_spellings(alts[n_content:]) if phrase.particles else [""]
    particle_shown = "".join(u.surface for u in phrase.particles) or None
    content_shown = "".join(u.surface for u in phrase.content)
    if not got:
        return [issue("missing", phrase.surface, None)]
    for c in content_alts:
        if got.startswith(c):
            rest = got[len(c) :]
            if rest in particle_alts:
                return []
            return [issue("particle", particle_shown, rest or None)]
    for p in particle_alts:
        if p and got.endswith(p):
            return [_content_issue(content_shown, content_alts, got[: -len(p)])]
    # Both differ. Assume the particle keeps its length and judge each part.
    p_len = len(particle_alts[0])
    content_got, particle_got = (
        (got[:-p_len], got[-p_len:])
        if p_len and len(got) > p_len
        else (
            got,
            "",
        )
    )
    found = [_content_issue(content_shown, content_alts, content_got)]
    if phrase.particles:
        found.append(issue("particle", particle_shown, particle_got or None))
    return found


def _content_issue(shown: str, alts: list[str], got: str) -> Issue:
    if not got:
        return issue("missing", shown, None)
    for alt in alts:
        slip = typo_class(alt, got)
        if slip:
            return issue("typo", shown, got, slip)
    return issue("word", shown, got)


def _script_issues(unit_spans, target_str: str, answer: AnswerReading) -> list[Issue]:
    """Loanwords the student wrote in hiragana (romaji answers are never blamed for this)."""
    found = []
    opcodes = SequenceMatcher(None, target_str, answer.key, autojunk=False).get_opcodes()
    for _i, unit, s, e in unit_spans:
        if not unit.katakana:
            continue
        origin, written = [], []
        for tag, i1, i2, j1, _j2 in opcodes:
            if tag == "equal" and i1 < e and s < i2:
                lo, hi = j1 + max(s, i1) - i1, j1 + min(e, i2) - i1
                origin.append(answer.origin[lo:hi])
                written.append(answer.key[lo:hi])
        origin_text = "".join(origin)
        if origin_text and origin_text.count("h") > len(origin_text) / 2:
            found.append(issue("script", unit.surface, "".join(written)))
    return found
