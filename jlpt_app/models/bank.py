from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from jlpt_app.db import Base
from jlpt_app.models._types import Timestamp, utcnow


class BankItem(Base):
    """One entry of the question bank, keyed by its stable id.

    The TOML entry is kept whole in `data`; loading again updates it in place, so
    learner history that points at the id survives edits. Entries removed from the
    files are retired, never deleted."""

    __tablename__ = "bank_item"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    level: Mapped[str | None] = mapped_column(String(2), index=True)
    sector: Mapped[str | None] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    checksum: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(200))  # file:line it was loaded from
    retired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, onupdate=utcnow)
