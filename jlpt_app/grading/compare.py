"""Judge one answer key against one target: exact match first, then a diagnosis.

Comparison is on readings, phrase by phrase, with the target guiding where the
answer's phrases are; the answer's own segmentation is never trusted (kana-only
input is often mis-segmented by MeCab).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
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


# --- the plan: a target's spellings, computed once per target and input mode --------


@dataclass(frozen=True)
class Plan:
    target: Target
    romaji: bool
    alts: tuple[tuple[tuple[str, ...], ...], ...]  # per phrase, per unit: right spellings
    spellings: tuple[tuple[str, ...], ...]  # per phrase: whole-phrase spellings
    content: tuple[tuple[str, ...], ...]  # per phrase: spellings without the particles
    particles: tuple[tuple[str, ...], ...]  # per phrase: spellings of the particles ("" if none)
    has_katakana: bool

    @property
    def flat(self) -> list[tuple[str, ...]]:
        return [u for phrase in self.alts for u in phrase]


def _unit_alternatives(unit: Unit, romaji: bool) -> tuple[str, ...]:
    alts = [fold(r, lenient_vowels=romaji) for r in unit.readings]
    if romaji and unit.role == "particle" and unit.surface in PARTICLE_SOUNDS:
        alts.append(PARTICLE_SOUNDS[unit.surface])
    return tuple(dict.fromkeys(alts))


def _spellings(unit_alts, limit: int = 16) -> tuple[str, ...]:
    combos: list[str] = []
    for combo in product(*unit_alts):
        combos.append("".join(combo))
        if len(combos) >= limit:
            break
    return tuple(dict.fromkeys(combos)) or ("",)


@lru_cache(maxsize=4096)
def plan(source: str, romaji: bool) -> Plan:
    target = build_target(source)
    alts = tuple(
        tuple(_unit_alternatives(u, romaji) for u in phrase.units) for phrase in target.phrases
    )
    content = []
    particles = []
    for phrase, phrase_alts in zip(target.phrases, alts, strict=True):
        n = len(phrase.content)
        content.append(_spellings(phrase_alts[:n]))
        particles.append(_spellings(phrase_alts[n:]) if phrase.particles else ("",))
    return Plan(
        target=target,
        romaji=romaji,
        alts=alts,
        spellings=tuple(_spellings(a) for a in alts),
        content=tuple(content),
        particles=tuple(particles),
        has_katakana=any(u.katakana for p in target.phrases for u in p.units),
    )


def _matches(key: str, units: list[tuple[str, ...]]) -> bool:
    """Can `key` be spelt unit by unit from the alternatives, exactly?"""

    def rec(pos: int, i: int) -> bool:
        if i == len(units):
            return pos == len(key)
        return any(key.startswith(alt, pos) and rec(pos + len(alt), i + 1) for alt in units[i])

    return rec(0, 0)


# --- phrase order -------------------------------------------------------------------


def _first_position(key: str, spellings: tuple[str, ...], start: int = 0) -> int:
    positions = [p for p in (key.find(s, start) for s in spellings if s) if p >= 0]
    return min(positions) if positions else -1


def _phrase_order(key: str, p: Plan) -> list[int]:
    """Pre-predicate phrases sorted by where they appear in the answer (free word order)."""
    last = len(p.alts) - 1
    found = [(_first_position(key, p.spellings[i]), i) for i in range(last)]
    anchored = sorted((pos, i) for pos, i in found if pos >= 0)
    if len(anchored) < 2:
        return list(range(len(p.alts)))
    slots = iter(i for _, i in anchored)
    return [next(slots) if pos >= 0 else i for pos, i in found] + [last]


def exact_match(key: str, p: Plan) -> bool:
    if _matches(key, p.flat):
        return True
    order = _phrase_order(key, p)
    if order == list(range(len(p.alts))):
        return False
    return _matches(key, [u for i in order for u in p.alts[i]])


# --- typo classes -------------------------------------------------------------------


def _base(kana: str) -> str:
    return unicodedata.normalize("NFD", kana)[0]


_SMALL = dict(zip("ゃゅょぁぃぅぇぉ", "やゆよあいうえお", strict=True))


def _edit_ops(a: str, b: str) -> list[tuple[str, str, str, int]]:
    """Minimal edits turning a into b: (op, from, to, position in a). Levenshtein with
    backtracking; difflib's matcher is not minimal and would misname slips."""
    n, m = len(a), len(b)
    dist = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        dist[i][0] = i
    for j in range(m + 1):
        dist[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            dist[i][j] = min(
                dist[i - 1][j] + 1,
                dist[i][j - 1] + 1,
                dist[i - 1][j - 1] + (a[i - 1] != b[j - 1]),
            )
    ops = []
    i, j = n, m
    while i or j:
        if i and j and dist[i][j] == dist[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            if a[i - 1] != b[j - 1]:
                ops.append(("replace", a[i - 1], b[j - 1], i - 1))
            i, j = i - 1, j - 1
        elif i and dist[i][j] == dist[i - 1][j] + 1:
            ops.append(("delete", a[i - 1], "", i - 1))
            i -= 1
        else:
            ops.append(("insert", "", b[j - 1], i))
            j -= 1
    return ops[::-1]


def typo_class(expected: str, got: str) -> str | None:
    """The kind of slip that turns `expected` into `got`, or None if it is more than a slip."""
    if not expected or not got or expected == got or abs(len(expected) - len(got)) > 2:
        return None
    ops = _edit_ops(expected, got)
    if len(ops) > max(1, len(expected) // 4):
        return None
    op, a, b, at = ops[0]
    if op in ("insert", "delete"):
        piece = a or b
        if piece in VOWELS:
            return "long_vowel"
        if piece == "っ":
            return "small_tsu"
        return "kana" if len(expected) >= 4 and at > 0 else None
    if {a, b} in ({"ず", "づ"}, {"じ", "ぢ"}):
        return "zu_dzu"
    if _base(a) == _base(b):
        return "dakuten"
    if _SMALL.get(a) == b or _SMALL.get(b) == a:
        return "small_kana"
    if "っ" in (a, b):
        return "small_tsu"
    if a in VOWELS and b in VOWELS and at > 0:
        return "long_vowel"
    # One other mistyped kana: a slip only inside a longer word, not its first sound
    # (ごにん -> よにん is another number, not a slip).
    return "kana" if len(expected) >= 4 and at > 0 else None


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


def judge_predicate(
    expected: Phrase, target: Target, got: str, spellings: tuple[str, ...]
) -> Issue | None:
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
    for spelling in spellings:
        if spelling and got.startswith(spelling):
            return issue("extra", None, got[len(spelling) :])  # 食べますよ, ですよろしく
    slip = typo_class(fold(want), got)
    if slip and slip != "kana":
        return issue("typo", shown, got, slip)
    return issue("conjugation", shown, got)


# --- alignment ----------------------------------------------------------------------


def _anchored(key: str, p: Plan, order: list[int]):
    """Cut the answer into phrase segments by finding the phrases spelt right.

    Cheap string searches that settle the common case (at most one wrong phrase
    between right ones). Returns (segments, gaps, matched_chars), or None when
    two neighbouring phrases are both wrong and a real alignment is needed.
    """
    pos, pending, matched = 0, None, 0
    segments: list[tuple[int, int] | None] = [None] * len(order)
    gaps: list[str] = []
    for k, i in enumerate(order):
        spellings = p.spellings[i]
        if pending is None:
            hit = next((sp for sp in spellings if sp and key.startswith(sp, pos)), None)
            if hit is not None:
                segments[k] = (pos, pos + len(hit))
                pos += len(hit)
                matched += len(hit)
                continue
        found = _first_position(key, spellings, pos)
        if found < 0:
            if pending is not None:
                return None
            pending = k
            continue
        hit = next(sp for sp in spellings if sp and key.startswith(sp, found))
        if pending is not None:
            segments[pending] = (pos, found)
            pending = None
        elif found > pos:
            gaps.append(key[pos:found])
        segments[k] = (found, found + len(hit))
        pos = found + len(hit)
        matched += len(hit)
    if pending is not None:
        segments[pending] = (pos, len(key))
    elif pos < len(key):
        if order[-1] == len(p.alts) - 1 and segments[-1] is not None:
            # Text after the predicate is part of it (でした, よ): judged there.
            segments[-1] = (segments[-1][0], len(key))
            matched -= segments[-1][1] - segments[-1][0] - (len(key) - pos)
        else:
            gaps.append(key[pos:])
    for k, i in enumerate(order):
        s, e = segments[k]
        if key[s:e] not in p.spellings[i]:
            matched += _overlap(p.spellings[i][0], key[s:e])
    return segments, gaps, matched


def _overlap(a: str, b: str) -> int:
    """Characters two spellings share at their start and end (a cheap similarity)."""
    head = _common_prefix(a, b)
    tail = _common_prefix(a[head:][::-1], b[head:][::-1])
    return head + tail


def _aligned(key: str, p: Plan, order: list[int]):
    """Character alignment (difflib) of the answer with the target in `order`."""
    pieces, bounds, pos = [], [], 0
    for i in order:
        chosen = next((sp for sp in p.spellings[i] if sp and sp in key), p.spellings[i][0])
        pieces.append(chosen)
        bounds.append((pos, pos + len(chosen)))
        pos += len(chosen)
    target_str = "".join(pieces)
    owner = [0] * len(target_str)
    for k, (s, e) in enumerate(bounds):
        for t in range(s, e):
            owner[t] = k
    starts: list[int | None] = [None] * len(bounds)
    ends: list[int | None] = [None] * len(bounds)
    gaps: list[str] = []

    def cover(k: int, j1: int, j2: int) -> None:
        starts[k] = j1 if starts[k] is None else min(starts[k], j1)
        ends[k] = j2 if ends[k] is None else max(ends[k], j2)

    sm = SequenceMatcher(None, target_str, key, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "insert":
            before = owner[i1 - 1] if i1 > 0 else None
            after = owner[i1] if i1 < len(target_str) else None
            if before is not None and before == after:
                cover(before, j1, j2)  # inside a phrase: part of that phrase
            else:
                gaps.append(key[j1:j2])
            continue
        for t in range(i1, i2):
            a = j1 + (t - i1) * (j2 - j1) // (i2 - i1)
            b = j1 + (t - i1 + 1) * (j2 - j1) // (i2 - i1)
            cover(owner[t], a, b)
    segments = [(s, e) if s is not None else (0, 0) for s, e in zip(starts, ends, strict=True)]
    matched = sum(size for *_, size in sm.get_matching_blocks())
    return segments, gaps, matched


def diagnose(answer: AnswerReading, p: Plan) -> tuple[list[Issue], float]:
    """Issues found, and the similarity (0..1) of the answer to this target."""
    key, target = answer.key, p.target
    issues: list[Issue] = []
    order = _phrase_order(key, p)
    pred = len(p.alts) - 1
    pred_pos = _first_position(key, p.spellings[pred])
    if pred_pos >= 0:
        later = [i for i in range(pred) if _first_position(key, p.spellings[i], pred_pos + 1) > 0]
        if later:
            issues.append(issue("order", target.phrases[pred].surface, None))
            order = [i for i in order if i not in later and i != pred] + [pred] + later

    cut = _anchored(key, p, order) or _aligned(key, p, order)
    segments, gaps, matched = cut
    primary = sum(len(p.spellings[i][0]) for i in order)
    similarity = 2 * matched / (primary + len(key)) if key else 0.0
    if not key or similarity < UNRELATED_BELOW:
        return [issue("word" if key else "missing", target.text, key or None)], similarity

    for k, i in enumerate(order):
        s, e = segments[k]
        got = key[s:e]
        if got in p.spellings[i] or _matches(got, list(p.alts[i])):
            if p.has_katakana and not answer.romaji:
                issues.extend(_script_issues(target.phrases[i], p.alts[i], got, answer.origin[s:e]))
            continue
        if i == pred:
            found = judge_predicate(target.phrases[i], target, got, p.spellings[i])
            if found:
                issues.append(found)
            continue
        issues.extend(_judge_phrase(target.phrases[i], p.content[i], p.particles[i], got))
    issues.extend(issue("extra", None, text) for text in gaps if text)
    return issues, similarity


def _judge_phrase(phrase: Phrase, content: tuple[str, ...], particles: tuple[str, ...], got: str):
    particle_shown = "".join(u.surface for u in phrase.particles) or None
    content_shown = "".join(u.surface for u in phrase.content)
    if not got:
        return [issue("missing", phrase.surface, None)]
    for c in content:
        if got.startswith(c):
            rest = got[len(c) :]
            if rest in particles:
                return []
            if not phrase.particles:
                return [issue("extra", None, rest)]
            return [issue("particle", particle_shown, rest or None)]
    for part in particles:
        if part and got.endswith(part):
            return [_content_issue(content_shown, content, got[: -len(part)])]
    # Both parts differ: assume the particle kept its length and judge each part.
    n = len(particles[0])
    if n and len(got) > n:
        content_got, particle_got = got[:-n], got[-n:]
    else:
        content_got, particle_got = got, ""
    found = [_content_issue(content_shown, content, content_got)]
    if phrase.particles:
        found.append(issue("particle", particle_shown, particle_got or None))
    return found


def _content_issue(shown: str, spellings: tuple[str, ...], got: str) -> Issue:
    if not got:
        return issue("missing", shown, None)
    for spelling in spellings:
        slip = typo_class(spelling, got)
        if slip:
            return issue("typo", shown, got, slip)
    return issue("word", shown, got)


def script_issues(answer: AnswerReading, p: Plan) -> list[Issue]:
    """Loanwords written in hiragana in an otherwise right answer."""
    if not p.has_katakana or answer.romaji:
        return []
    order = _phrase_order(answer.key, p)
    cut = _anchored(answer.key, p, order)
    if cut is None:
        return []
    found = []
    for k, i in enumerate(order):
        s, e = cut[0][k]
        found.extend(
            _script_issues(p.target.phrases[i], p.alts[i], answer.key[s:e], answer.origin[s:e])
        )
    return found


def _script_issues(phrase: Phrase, alts, got: str, origin: str) -> list[Issue]:
    found, pos = [], 0
    for unit, unit_alts in zip(phrase.units, alts, strict=True):
        spelt = next((a for a in unit_alts if got.startswith(a, pos)), None)
        if spelt is None:
            return found
        written = origin[pos : pos + len(spelt)]
        if unit.katakana and written.count("h") > len(written) / 2:
            found.append(issue("script", unit.surface, got[pos : pos + len(spelt)]))
        pos += len(spelt)
    return found
