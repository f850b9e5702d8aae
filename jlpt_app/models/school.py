from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jlpt_app.db import Base
from jlpt_app.models._types import Timestamp, utcnow


class School(Base):
    """An SMK (or LPK) taking part in the programme."""

    __tablename__ = "school"
    __table_args__ = (UniqueConstraint("name", "district", name="name_district"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    district: Mapped[str] = mapped_column(String(80))  # kabupaten / kota
    province: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
