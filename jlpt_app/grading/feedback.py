"""Feedback sentences, Indonesian and English, naming the expected and the given part."""

from __future__ import annotations

from jlpt_app.grading.verdict import Issue

_TYPO_HINT = {
    "long_vowel": ("perhatikan bunyi panjang", "mind the long vowel"),
    "small_tsu": ("perhatikan っ kecil", "mind the small っ"),
    "dakuten": ("perhatikan tanda tenten/maru (゛゜)", "mind the voicing marks (゛゜)"),
    "zu_dzu": (
        "ず/づ dan じ/ぢ dibaca sama, tapi ejaannya berbeda",
        "ず/づ and じ/ぢ sound alike but are spelt differently",
    ),
    "small_kana": ("perhatikan huruf kecil ゃゅょ", "mind the small ゃゅょ"),
    "kana": ("ada huruf yang salah ketik", "a kana is mistyped"),
}


def _q(text: str | None) -> str:
    return text if text else "—"


def issue(kind: str, expected: str | None, got: str | None, detail: str = "") -> Issue:
    e, g = _q(expected), _q(got)
    if kind == "particle":
        if got is None:
            ind, en = f"Partikel {e} hilang.", f"The particle {e} is missing."
        elif expected is None:
            ind, en = f"Partikel {g} tidak perlu.", f"The particle {g} is not needed."
        else:
            ind = f"Partikel salah: gunakan {e}, bukan {g}."
            en = f"Wrong particle: use {e}, not {g}."
    elif kind == "conjugation":
        ind = f"Bentuk kata salah: {g} tidak tepat; seharusnya {e}."
        en = f"Wrong form: {g} is not right; it should be {e}."
    elif kind == "tense":
        past = detail == "past"
        ind = (
            f"Waktu salah: kalimat ini perlu bentuk lampau {e}, bukan {g}."
            if past
            else f"Waktu salah: kalimat ini bukan lampau; gunakan {e}, bukan {g}."
        )
        en = (
            f"Wrong tense: this needs the past form {e}, not {g}."
            if past
            else f"Wrong tense: this is not past; use {e}, not {g}."
        )
    elif kind == "polarity":
        neg = detail == "negative"
        ind = (
            f"Kalimat ini negatif: gunakan {e}, bukan {g}."
            if neg
            else f"Kalimat ini positif (bukan negatif): gunakan {e}, bukan {g}."
        )
        en = (
            f"This sentence is negative: use {e}, not {g}."
            if neg
            else f"This sentence is affirmative, not negative: use {e}, not {g}."
        )
    elif kind == "politeness":
        ind = f"Gunakan bentuk sopan {e}, bukan bentuk biasa {g}."
        en = f"Use the polite form {e}, not the plain form {g}."
        if detail == "too_polite":
            ind = f"Di sini diminta bentuk biasa {e}, bukan bentuk sopan {g}."
            en = f"The plain form {e} is asked for here, not the polite {g}."
    elif kind == "word":
        ind = f"Kata salah: seharusnya {e}, bukan {g}."
        en = f"Wrong word: it should be {e}, not {g}."
    elif kind == "missing":
        ind, en = f"Ada yang terlewat: {e}.", f"Something is missing: {e}."
    elif kind == "extra":
        ind, en = (
            f"Ada tambahan yang tidak perlu: {g}.",
            f"Something extra that is not needed: {g}.",
        )
    elif kind == "order":
        ind = f"Urutan salah: predikat {e} harus di akhir kalimat."
        en = f"Wrong order: the predicate {e} must come at the end of the sentence."
    elif kind == "script":
        ind = f"Kata serapan ditulis dengan katakana: {e}, bukan {g}."
        en = f"Loanwords are written in katakana: {e}, not {g}."
    elif kind == "typo":
        hint_id, hint_en = _TYPO_HINT.get(detail, _TYPO_HINT["kana"])
        ind = f"Ejaan: {e}, bukan {g} ({hint_id})."
        en = f"Spelling: {e}, not {g} ({hint_en})."
    else:  # pragma: no cover - every kind is handled above
        raise ValueError(kind)
    return Issue(kind, expected, got, ind, en, detail)
