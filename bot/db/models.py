"""SQLAlchemy models (2.0 style on SQLAlchemy 1.4) for the program catalogue.

The catalogue mirrors SBA's 2022 work report: programs nest (a program can have
sub-programs), run in facilities, are owned by teams and relate to consultation
fields. Every record keeps a pointer to the part of the report it came from.
Lists that are only ever read whole (aliases, target groups) are JSON columns;
relations staff filter on (fields, budget lines) are tables.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import declarative_base, relationship

Base: Any = declarative_base()

program_fields = Table(
    "program_fields",
    Base.metadata,
    Column("program_id", String(64), ForeignKey("programs.id", ondelete="CASCADE"),
           primary_key=True),
    Column("field_code", String(16), ForeignKey("fields.code", ondelete="CASCADE"),
           primary_key=True),
)


class Field(Base):
    """A consultation field of 서울비즈콜 (law, labor, tax, ...)."""

    __tablename__ = "fields"

    code = Column(String(16), primary_key=True)
    name = Column(String(32), nullable=False)
    name_en = Column(String(64), nullable=False)
    description = Column(Text)
    description_en = Column(Text)
    keywords = Column(JSON, nullable=False, default=list)
    keywords_en = Column(JSON, nullable=False, default=list)


class Team(Base):
    """A team or department of SBA and what it does (부서별 주요업무)."""

    __tablename__ = "teams"

    id = Column(String(64), primary_key=True)
    name = Column(String(64), nullable=False, unique=True)
    division = Column(String(64))
    functions = Column(JSON, nullable=False, default=list)
    source_section = Column(Text)
    source_lines = Column(String(32))


class Facility(Base):
    """A building or space SBA runs (창업허브, 캠퍼스, 전시장 ...)."""

    __tablename__ = "facilities"

    id = Column(String(64), primary_key=True)
    name = Column(String(128), nullable=False)
    name_en = Column(String(128))
    aliases = Column(JSON, nullable=False, default=list)
    kind = Column(String(64))
    address = Column(Text)
    district = Column(String(32))
    size = Column(Text)
    contents = Column(Text)
    opened = Column(String(32))
    ownership = Column(String(64))
    team_id = Column(String(64), ForeignKey("teams.id", ondelete="SET NULL"))
    source_section = Column(Text)
    source_lines = Column(String(32))

    team = relationship("Team", lazy="joined")


class Program(Base):
    """An SBA program or sub-program from section 2 of the work report."""

    __tablename__ = "programs"

    id = Column(String(64), primary_key=True)
    name = Column(String(128), nullable=False)
    name_en = Column(String(256))
    aliases = Column(JSON, nullable=False, default=list)
    area = Column(String(16), nullable=False)
    parent_id = Column(String(64), ForeignKey("programs.id", ondelete="SET NULL"))
    purpose = Column(Text)
    target = Column(Text)
    target_groups = Column(JSON, nullable=False, default=list)
    goals = Column(Text)
    content = Column(Text)
    results = Column(Text)
    schedule = Column(Text)
    team_id = Column(String(64), ForeignKey("teams.id", ondelete="SET NULL"))
    places = Column(JSON, nullable=False, default=list)
    source_section = Column(Text)
    source_lines = Column(String(32))

    team = relationship("Team", lazy="joined")
    parent = relationship("Program", remote_side=[id], lazy="joined", join_depth=1,
                          back_populates="children")
    children = relationship("Program", back_populates="parent", lazy="selectin",
                            order_by="Program.id")
    fields = relationship("Field", secondary=program_fields, lazy="selectin", order_by=Field.code)
    budget_lines = relationship(
        "BudgetLine", lazy="selectin", cascade="all, delete-orphan", order_by="BudgetLine.id"
    )


class BudgetLine(Base):
    """A line of the 2022 budget table (amount in thousand KRW, 고유 or 수탁)."""

    __tablename__ = "budget_lines"

    id = Column(Integer, primary_key=True, autoincrement=True)
    program_id = Column(String(64), ForeignKey("programs.id", ondelete="CASCADE"), nullable=False)
    line = Column(String(128), nullable=False)
    amount_thousand_krw = Column(BigInteger, nullable=False)
    kind = Column(String(16), nullable=False)
