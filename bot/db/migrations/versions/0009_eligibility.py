"""Each program's eligibility criteria from the work report (``catalog/eligibility.yml``).

Revision ID: 0009_eligibility
Revises: 0008_catalog_upkeep
Create Date: 2026-12-06

One JSON column: who may apply, 업력, age, location, industries, what the program gives,
the needs it answers, exclusions and conditions to confirm, each stated criterion with the
report line it comes from. ``None`` means the report says nothing (``bot.recommend``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_eligibility"
down_revision = "0008_catalog_upkeep"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programs") as batch:
        batch.add_column(sa.Column("eligibility", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("programs") as batch:
        batch.drop_column("eligibility")
