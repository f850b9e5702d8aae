"""Loading the question bank into the database: idempotent, keyed by stable ids."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jlpt_app.bank.loader import Bank
from jlpt_app.models import BankItem


@dataclass(frozen=True)
class LoadReport:
    added: int
    updated: int
    unchanged: int
    retired: int


def _checksum(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def load_into_db(db: Session, bank: Bank) -> LoadReport:
    """Insert new entries, update edited ones in place, retire vanished ones; one transaction."""
    existing = {item.id: item for item in db.scalars(select(BankItem))}
    added = updated = unchanged = retired = 0
    for entry in bank.entries.values():
        checksum = _checksum(entry.data)
        item = existing.get(entry.id)
        sectors = entry.data.get("sectors") or []
        fields = {
            "kind": entry.kind,
            "level": entry.data.get("level"),
            "sector": entry.data.get("sector") or (sectors[0] if sectors else None),
            "unit": entry.data.get("unit"),
            "data": entry.data,
            "checksum": checksum,
            "source": f"{entry.file}:{entry.line}",
            "retired": False,
        }
        if item is None:
            db.add(BankItem(id=entry.id, **fields))
            added += 1
        elif item.checksum != checksum or item.retired or item.source != fields["source"]:
            for name, value in fields.items():
                setattr(item, name, value)
            updated += 1
        else:
            unchanged += 1
    for item_id, item in existing.items():
        if item_id not in bank.entries and not item.retired:
            item.retired = True
            retired += 1
    db.commit()
    return LoadReport(added, updated, unchanged, retired)
