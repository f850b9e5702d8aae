"""Exports: one JSON document of the whole bank, and Anki decks (one per level)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from jlpt_app.bank.loader import Bank

EXPORT_KEYS = {
    "vocab": "vocab",
    "kanji": "kanji",
    "grammar": "grammar",
    "question": "questions",
    "reading": "reading",
    "listening": "listening",
}
VOCAB_FIELDS = (
    "id",
    "level",
    "word",
    "reading",
    "meaning_id",
    "meaning_en",
    "pos",
    "sectors",
    "examples",
)


def export_json(bank: Bank) -> dict[str, list[dict]]:
    """Every entry by kind; Japanese sentences are always under `ja` (furigana kept)."""
    out: dict[str, list[dict]] = {key: [] for key in EXPORT_KEYS.values()}
    for entry in sorted(bank.entries.values(), key=lambda e: e.id):
        key = EXPORT_KEYS.get(entry.kind)
        if key is None:
            continue
        item = dict(entry.data)
        if entry.kind == "vocab":
            item = {
                name: item.get(name, [] if name == "sectors" else None) for name in VOCAB_FIELDS
            }
        out[key].append(item)
    return out


def _stable_id(text: str) -> int:
    """Anki model and deck ids must stay the same between exports."""
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16) + (1 << 30)


def export_anki(bank: Bank, folder: Path) -> list[Path]:
    """One .apkg per level with a card per word: Japanese front, reading and meanings back."""
    import genanki

    from jlpt_app.bank.lint import plain

    model = genanki.Model(
        _stable_id("nihongo-vokasi-vocab"),
        "Nihongo Vokasi — kosakata",
        fields=[
            {"name": n} for n in ("Word", "Reading", "Meaning", "MeaningEn", "Example", "ExampleId")
        ],
        templates=[
            {
                "name": "Jepang → Indonesia",
                "qfmt": "<div class=jp>{{Word}}</div>",
                "afmt": "{{FrontSide}}<hr id=answer><div>{{Reading}}</div>"
                "<div>{{Meaning}}</div><div class=en>{{MeaningEn}}</div>"
                "<div class=jp>{{Example}}</div><div>{{ExampleId}}</div>",
            }
        ],
        css=".card{font-size:22px;text-align:center}.jp{font-size:28px}.en{color:#666}",
    )
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for level in ("N5", "N4"):
        deck = genanki.Deck(_stable_id(f"nihongo-vokasi-{level}"), f"Nihongo Vokasi {level}")
        for entry in sorted(bank.of_kind("vocab"), key=lambda e: e.id):
            if entry.data.get("level") != level:
                continue
            example = (entry.data.get("examples") or [{}])[0]
            deck.add_note(
                genanki.Note(
                    model=model,
                    fields=[
                        entry.data["word"],
                        entry.data["reading"],
                        entry.data["meaning_id"],
                        entry.data["meaning_en"],
                        plain(example.get("ja", "")),
                        example.get("translation_id", ""),
                    ],
                    guid=genanki.guid_for(entry.id),
                )
            )
        path = folder / f"nihongo-vokasi-{level.lower()}.apkg"
        genanki.Package(deck).write_to_file(path)
        written.append(path)
    return written
