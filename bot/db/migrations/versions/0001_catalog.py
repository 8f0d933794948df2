"""Program catalogue: fields, teams, facilities, programs, budget lines.

Revision ID: 0001_catalog
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_catalog"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fields",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("name_en", sa.String(64), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("description_en", sa.Text()),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("keywords_en", sa.JSON(), nullable=False),
    )
    op.create_table(
        "teams",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("division", sa.String(64)),
        sa.Column("functions", sa.JSON(), nullable=False),
        sa.Column("source_section", sa.Text()),
        sa.Column("source_lines", sa.String(32)),
    )
    op.create_table(
        "facilities",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("name_en", sa.String(128)),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("kind", sa.String(64)),
        sa.Column("address", sa.Text()),
        sa.Column("district", sa.String(32)),
        sa.Column("size", sa.Text()),
        sa.Column("contents", sa.Text()),
        sa.Column("opened", sa.String(32)),
        sa.Column("ownership", sa.String(64)),
        sa.Column("team_id", sa.String(64), sa.ForeignKey("teams.id", ondelete="SET NULL")),
        sa.Column("source_section", sa.Text()),
        sa.Column("source_lines", sa.String(32)),
    )
    op.create_table(
        "programs",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("name_en", sa.String(256)),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("area", sa.String(16), nullable=False),
        sa.Column("parent_id", sa.String(64), sa.ForeignKey("programs.id", ondelete="SET NULL")),
        sa.Column("purpose", sa.Text()),
        sa.Column("target", sa.Text()),
        sa.Column("target_groups", sa.JSON(), nullable=False),
        sa.Column("goals", sa.Text()),
        sa.Column("content", sa.Text()),
        sa.Column("results", sa.Text()),
        sa.Column("schedule", sa.Text()),
        sa.Column("team_id", sa.String(64), sa.ForeignKey("teams.id", ondelete="SET NULL")),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.Column("source_section", sa.Text()),
        sa.Column("source_lines", sa.String(32)),
    )
    op.create_index("ix_programs_parent_id", "programs", ["parent_id"])
    op.create_index("ix_programs_area", "programs", ["area"])
    op.create_table(
        "program_fields",
        sa.Column(
            "program_id", sa.String(64), sa.ForeignKey("programs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "field_code", sa.String(16), sa.ForeignKey("fields.code", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "budget_lines",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "program_id", sa.String(64), sa.ForeignKey("programs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("line", sa.String(128), nullable=False),
        sa.Column("amount_thousand_krw", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
    )
    op.create_index("ix_budget_lines_program_id", "budget_lines", ["program_id"])


def downgrade() -> None:
    op.drop_table("budget_lines")
    op.drop_table("program_fields")
    op.drop_table("programs")
    op.drop_table("facilities")
    op.drop_table("teams")
    op.drop_table("fields")
