"""Judge one answer key against one target: exact match first, then a diagnosis.

Comparison is on readings, phrase by phrase, with the target guiding where the
answer's phrases are; the answer's own segmentation is never trusted (kana-only
input is often mis-segmented by MeCab).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from jlpt_app.grading.analyse import Morpheme, analyse
from jlpt_app.grading.feedback import issue
from jlpt_app.grading.normalize import fold, hiragana_long_vowels, lengthens, romaji_variants
from jlpt_app.grading.reading import AnswerReading
from jlpt_app.grading.target import (
    PARTICLE_SOUNDS,
    Phrase,
    Target,
    Unit,
    _okurigana_split,
    build_target,
)
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
    flat: list[tuple[str, ...]]  # the units of all phrases, in the accepted order
    whole: frozenset[str]  # every whole-answer spelling, when there are not too many
    natural_order: list[int]


def _unit_alternatives(unit: Unit, romaji: bool) -> tuple[str, ...]:
    alts: list[str] = []
    for reading in unit.readings:
        if romaji:
            alts += romaji_variants(fold(reading))
        else:
            alts.append(fold(reading))
            if unit.katakana:
                # こうひい for コーヒー: right sounds, wrong script (reported as script).
                alts.append(hiragana_long_vowels(reading))
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
    flat = [u for phrase in alts for u in phrase]
    combos = 1
    for unit_alts in flat:
        combos *= len(unit_alts)
    return Plan(
        target=target,
        romaji=romaji,
        alts=alts,
        spellings=tuple(_spellings(a) for a in alts),
        content=tuple(content),
        particles=tuple(particles),
        has_katakana=any(u.katakana for p in target.phrases for u in p.units),
        flat=flat,
        whole=frozenset(_spellings(flat, limit=256)) if combos <= 256 else frozenset(),
        natural_order=list(range(len(alts))),
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
    best = -1
    for spelling in spellings:
        if spelling:
            at = key.find(spelling, start)
            if at >= 0 and (best < 0 or at < best):
                best = at
    return best


def phrase_order(key: str, p: Plan) -> list[int]:
    """Pre-predicate phrases sorted by where they appear in the answer (free word order)."""
    last = len(p.alts) - 1
    found = [(_first_position(key, p.spellings[i]), i) for i in range(last)]
    anchored = sorted((pos, i) for pos, i in found if pos >= 0)
    if len(anchored) < 2:
        return list(range(len(p.alts)))
    slots = iter(i for _, i in anchored)
    return [next(slots) if pos >= 0 else i for pos, i in found] + [last]


def exact_match(key: str, p: Plan, order: list[int]) -> bool:
    """Spelt exactly right, in the accepted order or in the answer's own phrase order."""
    if key in p.whole if p.whole else _matches(key, p.flat):
        return True
    if order == p.natural_order:
        return False
    return _matches(key, [u for i in order for u in p.alts[i]])


# --- typo classes -------------------------------------------------------------------


def _base(kana: str) -> str:
    return unicodedata.normalize("NFD", kana)[0]


_SMALL = dict(zip("ゃゅょぁぃぅぇぉ", "やゆよあいうえお", strict=True))


def _edit_ops(a: str, b: str) -> list[tuple[str, str, str, int]]:
    """Minimal edits turning a into b: (op, from, to, position in a). Levenshtein with
    backtracking; difflib's matcher is not minimal and would misname slips."""
    # Only the differing middle needs the table: strip what both share at the ends.
    head = _common_prefix(a, b)
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    if head or tail:
        middle = _edit_ops(a[head : len(a) - tail], b[head : len(b) - tail])
        return [(op, x, y, at + head) for op, x, y, at in middle]
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
    return _slip(expected, got)[0]


def _slip(expected: str, got: str) -> tuple[str | None, int]:
    """(slip class or None, position in `expected` of the first edit)."""
    if not expected or not got or expected == got or abs(len(expected) - len(got)) > 2:
        return None, -1
    ops = _edit_ops(expected, got)
    if not ops or len(ops) > max(1, len(expected) // 4):
        return None, -1
    return _classify(ops[0], expected), ops[0][3]


def _classify(op_: tuple[str, str, str, int], expected: str) -> str | None:
    op, a, b, at = op_
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
        return None  # まちて for まって: another form, not a slip
    if at > 0 and {a, b} in ({"う", "お"}, {"い", "え"}) and lengthens(expected[at - 1], a):
        return "long_vowel"  # とうい for とおい, がくせえ for がくせい
    # One other mistyped kana: a slip only inside a longer word, not its first sound
    # (ごにん -> よにん is another number, not a slip).
    return "kana" if len(expected) >= 4 and at > 0 else None


# --- inflected phrases (verbs, adjectives, the predicate) --------------------------

INFLECTING = ("動詞", "形容詞", "形状詞")


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
    for k, (prev, m) in enumerate(zip(morphemes, morphemes[1:], strict=False)):
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
            rest = morphemes[k + 2 :]
            if rest and rest[0].lemma == "た":
                return True
    return False


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _stem_end(phrase: Phrase, morphemes: tuple[Morpheme, ...], want: str) -> int:
    """Where the unchanging part of the head word ends in the phrase's reading:
    食べます -> たべ|ます, 待ってください -> ま|って…, 静かです -> しずか|です."""
    head = _head(morphemes)
    if head is None:
        return len(want)
    offset = want.find(fold(head.reading))
    offset = max(offset, 0)
    base = fold(head.base)
    stem = base[:-1] if head.pos1 in ("動詞", "形容詞") and len(base) > 1 else base
    return offset + _common_prefix(stem, fold(head.reading)) if stem else offset + 1


def _for_analysis(phrase: Phrase, head: Morpheme | None, got: str, romaji: bool) -> str:
    """The answer's phrase with the accepted answer's kanji put back on its stem, so the
    analyser reads まかないで as 撒かないで and not as the noun 賄い."""
    if romaji:
        got = got.replace("でわ", "では").replace("にわ", "には")
    if head is None:
        return got
    for core, core_reading in _head_splits(head):
        index = got.find(core_reading)
        if index >= 0:
            return got[:index] + core + got[index + len(core_reading) :]
    return got


@lru_cache(maxsize=4096)
def _head_splits(head: Morpheme) -> list[tuple[str, str]]:
    return _okurigana_split(head.surface, head.reading) or _okurigana_split(head.lemma, head.base)


@lru_cache(maxsize=4096)
def is_inflected(phrase: Phrase) -> bool:
    """Headed by a verb or adjective (a noun + する phrase is judged as a noun)."""
    head = next((u for u in phrase.units if u.role == "content"), None)
    if head is None:
        return False
    # A noun used as a な-adjective (暇な) inflects too.
    return head.pos1 in INFLECTING or any(
        u.surface == "な" and u.lemma == "だ" for u in phrase.units
    )


_SPELLING_SLIPS = ("small_tsu", "long_vowel", "dakuten", "zu_dzu", "small_kana")


def _inflection_slip(want: str, got: str, stem_end: int) -> str | None:
    """A one-character spelling slip in a verb or adjective, as opposed to a wrong form.

    すわて (っ dropped) and きぎます are slips; 高いくない and 静かいです (い added
    after the stem) and 会うましょう (wrong stem vowel) are wrong forms."""
    if abs(len(want) - len(got)) > 1:
        return None
    ops = _edit_ops(want, got)
    if len(ops) != 1:
        return None
    op, _a, b, at = ops[0]
    kind = _classify(ops[0], want)
    if kind in _SPELLING_SLIPS and not (op == "insert" and b == "い" and at == stem_end):
        return kind
    if kind == "kana" and op == "replace" and at > stem_end:
        return kind
    return None


@lru_cache(maxsize=4096)
def _expected(phrase: Phrase, want: str):
    """What judging an inflected phrase needs of the accepted answer, worked out once."""
    exp_m = tuple(m for m in analyse(phrase.surface) if m.pos1 != "補助記号")
    return _head(exp_m), max(1, _stem_end(phrase, exp_m, want)), _features(exp_m)


def judge_inflected(
    phrase: Phrase, got: str, spellings: tuple[str, ...], romaji: bool
) -> Issue | None:
    shown = phrase.surface
    if not got:
        return issue("missing", shown, None)
    want = spellings[0]
    head, stem_end, fe = _expected(phrase, want)
    ans_m = analyse(_for_analysis(phrase, head, got, romaji))
    ans_head = _head(ans_m)
    same_lemma = head is not None and ans_head is not None and head.lemma == ans_head.lemma
    if not same_lemma and not any(_common_prefix(got, s) >= stem_end for s in spellings):
        # The word itself differs: a slip in its stem, or another word.
        slip = typo_class(want, got)
        return issue("typo", shown, got, slip) if slip else issue("word", shown, got)
    slip = _inflection_slip(want, got, stem_end)
    if slip:
        return issue("typo", shown, got, slip)  # すわて, きぎます, わかりまいた
    if _malformed(ans_m):
        return issue("conjugation", shown, got)
    fa = _features(ans_m)
    if fe["past"] != fa["past"]:
        return issue("tense", shown, got, "past" if fe["past"] else "nonpast")
    if fe["negative"] != fa["negative"]:
        return issue("polarity", shown, got, "negative" if fe["negative"] else "affirmative")
    if fe["polite"] != fa["polite"]:
        return issue("politeness", shown, got, "" if fe["polite"] else "too_polite")
    for spelling in spellings:
        if spelling and got.startswith(spelling):
            return issue("extra", None, got[len(spelling) :])  # 食べますよ, ですよろしく
    return issue("conjugation", shown, got)


def judge_noun_predicate(phrase: Phrase, alts, got: str, romaji: bool) -> list[Issue]:
    """学生です, 三時からです: the noun, its particles, then the copula."""
    units = phrase.units
    split = 0  # the noun: leading content units
    while split < len(units) and units[split].role == "content":
        split += 1
    split = max(split, 1)
    particles_end = split
    while particles_end < len(units) and units[particles_end].role == "particle":
        particles_end += 1
    content = _spellings(alts[:split])
    middle = _spellings(alts[split:particles_end]) if particles_end > split else ("",)
    tail = _spellings(alts[particles_end:]) if particles_end < len(units) else ("",)
    content_shown = "".join(u.surface for u in units[:split])
    middle_shown = "".join(u.surface for u in units[split:particles_end]) or None
    for c in content:
        if not got.startswith(c):
            continue
        for t in tail:
            if got.endswith(t) and len(got) >= len(c) + len(t):
                mid = got[len(c) : len(got) - len(t)]
                if mid in middle:
                    return []
                return [issue("particle", middle_shown, mid or None)]
        # Right noun, other ending: tense, polarity or politeness of the copula.
        found = judge_inflected(phrase, got, _spellings(alts), romaji)
        return [found] if found else []
    for t in tail:
        if t and got.endswith(t):
            rest = got[: len(got) - len(t)]
            if not rest:
                return [issue("missing", content_shown, None)]
            for m in middle:
                if m and rest.endswith(m):
                    return [_content_issue(content_shown, content, rest[: -len(m)])]
            return [_content_issue(content_shown, content, rest)]
    found = judge_inflected(phrase, got, _spellings(alts), romaji)
    return [found] if found else []


# --- segmentation -------------------------------------------------------------------


def _split_group(key: str, p: Plan, phrases: list[int], start: int, end: int):
    """Share key[start:end] among consecutive wrong phrases, each taking the piece most
    like its own spelling (one of them may get nothing: a missing phrase)."""
    if len(phrases) == 1:
        return [(start, end)]
    text = key[start:end]
    primaries = [p.spellings[i][0] for i in phrases]
    if len(phrases) > 3 or len(text) > 40:
        # Garbage or a long mess: proportional shares are enough to report it.
        total = sum(map(len, primaries)) or 1
        cuts, acc = [start], 0
        for primary in primaries[:-1]:
            acc += len(primary)
            cuts.append(start + len(text) * acc // total)
        cuts.append(end)
        return list(zip(cuts, cuts[1:], strict=False))
    n = len(text)
    # best[j][c]: best total overlap with the first j phrases covering text[:c]
    best = [[-1] * (n + 1) for _ in range(len(phrases) + 1)]
    back = [[0] * (n + 1) for _ in range(len(phrases) + 1)]
    best[0][0] = 0
    for j, primary in enumerate(primaries, start=1):
        for c in range(n + 1):
            for b in range(c + 1):
                if best[j - 1][b] < 0:
                    continue
                piece = text[b:c]
                head = _common_prefix(primary, piece)
                # A phrase is known by its start (the content word) more than its end.
                score = best[j - 1][b] + head + _overlap(primary, piece)
                if score > best[j][c]:
                    best[j][c], back[j][c] = score, b
    cuts = [n]
    for j in range(len(phrases), 0, -1):
        cuts.append(back[j][cuts[-1]])
    cuts.reverse()
    return [(start + a, start + b) for a, b in zip(cuts, cuts[1:], strict=False)]


def _overlap(a: str, b: str) -> int:
    """Characters two spellings share at their start and end (a cheap similarity)."""
    head = _common_prefix(a, b)
    tail = _common_prefix(a[head:][::-1], b[head:][::-1])
    return head + tail


def segment(key: str, p: Plan, order: list[int]):
    """Cut the answer into one segment per phrase, guided by the phrases spelt right.

    Returns (segments, gaps, matched): gaps are texts between phrases that belong
    to none; matched counts the characters that agree with the target."""
    pos, matched = 0, 0
    segments: list[tuple[int, int]] = [(0, 0)] * len(order)
    gaps: list[str] = []
    pending: list[int] = []
    for k, i in enumerate(order):
        spellings = p.spellings[i]
        if not pending:
            hit = next((sp for sp in spellings if sp and key.startswith(sp, pos)), None)
            if hit is not None:
                segments[k] = (pos, pos + len(hit))
                pos += len(hit)
                continue
        found = _first_position(key, spellings, pos)
        if found < 0:
            pending.append(k)
            continue
        hit = next(sp for sp in spellings if sp and key.startswith(sp, found))
        if pending:
            for kk, seg in zip(
                pending, _split_group(key, p, [order[x] for x in pending], pos, found), strict=True
            ):
                segments[kk] = seg
            pending = []
        elif found > pos:
            gaps.append(key[pos:found])
        segments[k] = (found, found + len(hit))
        pos = found + len(hit)
    if pending:
        for kk, seg in zip(
            pending, _split_group(key, p, [order[x] for x in pending], pos, len(key)), strict=True
        ):
            segments[kk] = seg
    elif pos < len(key):
        if order[-1] == len(p.alts) - 1:
            # Text after the predicate is part of it (でした, よ): judged there.
            segments[-1] = (segments[-1][0], len(key))
        else:
            gaps.append(key[pos:])
    for k, i in enumerate(order):
        s, e = segments[k]
        got = key[s:e]
        matched += len(got) if got in p.spellings[i] else _overlap(p.spellings[i][0], got)
    return segments, gaps, matched


def diagnose(answer: AnswerReading, p: Plan, order: list[int]) -> tuple[list[Issue], float]:
    """Issues found, and the similarity (0..1) of the answer to this target.

    `order` is the phrase order the answer uses (phrase_order)."""
    key, target = answer.key, p.target
    issues: list[Issue] = []
    pred = len(p.alts) - 1
    pred_pos = _first_position(key, p.spellings[pred])
    # The predicate found before the end: are other phrases after it?
    if 0 <= pred_pos < len(key) - min(len(s) for s in p.spellings[pred]):
        later = [i for i in range(pred) if _first_position(key, p.spellings[i], pred_pos + 1) > 0]
        if later:
            issues.append(issue("order", target.phrases[pred].surface, None))
            order = [i for i in order if i not in later and i != pred] + [pred] + later

    segments, gaps, matched = segment(key, p, order)
    primary = sum(len(p.spellings[i][0]) for i in order)
    similarity = 2 * matched / (primary + len(key)) if key else 0.0
    if not key or similarity < UNRELATED_BELOW:
        return [issue("word" if key else "missing", target.text, key or None)], similarity

    for k, i in enumerate(order):
        s, e = segments[k]
        got = key[s:e]
        phrase = target.phrases[i]
        if got in p.spellings[i] or _matches(got, list(p.alts[i])):
            if p.has_katakana and not answer.romaji:
                issues.extend(_script_issues(phrase, p.alts[i], got, answer.origin[s:e]))
            continue
        if i == pred and not is_inflected(phrase):
            issues.extend(judge_noun_predicate(phrase, p.alts[i], got, answer.romaji))
        elif is_inflected(phrase):
            found = judge_inflected(phrase, got, p.spellings[i], answer.romaji)
            if found:
                issues.append(found)
        else:
            issues.extend(_judge_phrase(phrase, p.content[i], p.particles[i], got))
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


def script_issues(answer: AnswerReading, p: Plan, order: list[int]) -> list[Issue]:
    """Loanwords written in hiragana in an otherwise right answer."""
    if not p.has_katakana or answer.romaji:
        return []
    segments, _gaps, _matched = segment(answer.key, p, order)
    found = []
    for k, i in enumerate(order):
        s, e = segments[k]
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
