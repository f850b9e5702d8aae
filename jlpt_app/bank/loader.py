"""Read every TOML file of the bank, keep each entry's file and line, report every problem."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jlpt_app.bank.schema import KINDS, check_entry

_HEADER = re.compile(r"^\s*\[\[\s*([a-z]+)\s*\]\]\s*(?:#.*)?$")
_TOML_POSITION = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class Entry:
    kind: str
    id: str
    data: dict[str, Any]
    file: str
    line: int  # the line of its [[kind]] header
    field_lines: dict[str, int] = field(default_factory=dict)

    @property
    def level(self) -> str | None:
        return self.data.get("level")

    def where(self, field_name: str | None = None) -> tuple[str, int]:
        return self.file, self.field_lines.get(field_name or "", self.line)


@dataclass
class Bank:
    root: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    readings_ok: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]

    def problem(self, entry: Entry, message: str, field_name: str | None = None) -> None:
        file, line = entry.where(field_name)
        self.problems.append(Problem(file, line, f"{entry.kind} {entry.id}: {message}"))


def _folder_level(path: Path, root: Path) -> str | None:
    first = path.relative_to(root).parts[0]
    return {"n5": "N5", "n4": "N4"}.get(first)


def _entry_lines(text: str) -> list[tuple[str, int, dict[str, int]]]:
    """For each [[kind]] header in order: (kind, line, {field: line}) of its top-level keys."""
    found: list[tuple[str, int, dict[str, int]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            found.append((header.group(1), number, {}))
            continue
        if found and re.match(r"^[A-Za-z_][A-Za-z0-9_]*\s*=", line):
            key = line.split("=", 1)[0].strip()
            found[-1][2].setdefault(key, number)
    return found


def _read_file(path: Path, bank: Bank) -> None:
    name = (
        str(path.relative_to(bank.root.parent)) if bank.root.parent in path.parents else str(path)
    )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        bank.problems.append(Problem(name, 1, f"not UTF-8 text ({exc.reason})"))
        return
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        position = _TOML_POSITION.search(str(exc))
        bank.problems.append(
            Problem(name, int(position.group(1)) if position else 1, f"TOML syntax: {exc}")
        )
        return
    if path.name == "readings.toml" and path.parent == bank.root:
        for word, readings in data.get("ok", {}).items():
            listed = readings if isinstance(readings, list) else [readings]
            bank.readings_ok[word] = tuple(str(r) for r in listed)
        return
    lines = _entry_lines(text)
    per_kind: dict[str, list[tuple[int, dict[str, int]]]] = {}
    for kind, line, fields in lines:
        per_kind.setdefault(kind, []).append((line, fields))
    folder_level = _folder_level(path, bank.root)
    for kind, items in data.items():
        if kind not in KINDS or not isinstance(items, list):
            line = per_kind.get(kind, [(1, {})])[0][0]
            bank.problems.append(
                Problem(name, line, f"unknown table [[{kind}]]; use one of {', '.join(KINDS)}")
            )
            continue
        positions = per_kind.get(kind, [])
        for index, item in enumerate(items):
            line, fields = positions[index] if index < len(positions) else (1, {})
            if not isinstance(item, dict):
                bank.problems.append(Problem(name, line, f"[[{kind}]] entry is not a table"))
                continue
            if folder_level and "level" not in item and kind not in ("unit", "phrase", "lesson"):
                item["level"] = folder_level
            entry = Entry(
                kind, str(item.get("id", f"<{kind} #{index + 1}>")), item, name, line, fields
            )
            if folder_level and item.get("level") not in (None, folder_level):
                bank.problem(entry, f"level {item['level']} in the {folder_level} folder", "level")
            for field_name, message in check_entry(kind, item):
                bank.problem(entry, message, field_name)
            if entry.id in bank.entries:
                first = bank.entries[entry.id]
                bank.problem(entry, f"duplicate id (first at {first.file}:{first.line})")
                continue
            bank.entries[entry.id] = entry


def _check_references(bank: Bank) -> None:
    def exists(ref: str, kinds: tuple[str, ...]) -> bool:
        return ref in bank.entries and bank.entries[ref].kind in kinds

    for entry in bank.entries.values():
        data = entry.data
        if entry.kind == "question":
            for field_name, kinds in (("passage", ("reading",)), ("listening", ("listening",))):
                ref = data.get(field_name)
                if ref and not exists(ref, kinds):
                    bank.problem(entry, f"{field_name} {ref!r} does not exist", field_name)
            for field_name, kinds in (("grammar", ("grammar",)), ("vocab", ("vocab",))):
                for ref in data.get(field_name, []) or []:
                    if not exists(ref, kinds):
                        bank.problem(entry, f"{field_name} {ref!r} does not exist", field_name)
        elif entry.kind == "unit":
            for lesson in data.get("lessons", []):
                if not isinstance(lesson, dict):
                    continue
                for field_name, kinds in (
                    ("vocab", ("vocab",)),
                    ("kanji", ("kanji",)),
                    ("grammar", ("grammar",)),
                    ("quiz", ("question",)),
                    ("phrases", ("phrase",)),
                ):
                    for ref in lesson.get(field_name, []) or []:
                        if not exists(ref, kinds):
                            bank.problem(
                                entry,
                                f"lesson {lesson.get('id')}: {field_name} {ref!r} does not exist",
                                "lessons",
                            )


def load_bank(root: Path) -> Bank:
    """Read and check every *.toml under root; problems are collected, never raised."""
    bank = Bank(root=root)
    if not root.is_dir():
        bank.problems.append(Problem(str(root), 0, "question bank folder not found"))
        return bank
    for path in sorted(root.rglob("*.toml")):
        _read_file(path, bank)
    _check_references(bank)
    bank.problems.sort(key=lambda p: (p.file, p.line, p.message))
    return bank
